#pragma once

#include "lab/labcommand.h"

#include <QWidget>

class QAction;
class QTableView;

namespace ppl {

class Lab;
class PodsModel;

// The lab's simulated Kubernetes pods, with the actions a student uses to watch service
// discovery and relabelling live: add a pod (as a scenario's pods[] entry would), remove the
// selected pod, and flip its prometheus.io/scrape annotation between "true" and "false" so a
// keep-on-annotation relabel rule keeps or drops its target. Each action calls one Lab
// operation; failures are reported through errorOccurred() for the window's error bar.
class PodsPanel : public QWidget {
    Q_OBJECT
public:
    explicit PodsPanel(Lab *lab, QWidget *parent = nullptr);

    PodsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    // Add, remove, toggle: for the window's menu (also this widget's actions()).
    QList<QAction *> podActions() const { return {m_add, m_remove, m_toggleScrape}; }
    QAction *addPodAction() const { return m_add; }
    QAction *removePodAction() const { return m_remove; }
    QAction *toggleScrapeAction() const { return m_toggleScrape; }

    QByteArray currentPod() const; // name; empty without a selection
    QByteArray currentNamespace() const;
    void selectPod(const QByteArray &name);

    // What the add dialog builds, the same PodSpec a scenario's pods[] entry gives: labels
    // as "k=v, k2=v2", the container port declared as "metrics", and optionally the
    // annotations prometheus.io/scrape: "true" and prometheus.io/port: "{{port}}".
    // Returns nullopt with *error for an invalid name or label list.
    static std::optional<PodSpec> podSpecFrom(const QString &namespaceName, const QString &name,
                                              const QString &labels, bool scrape,
                                              bool portAnnotation, QString *error);

public Q_SLOTS:
    bool addPod(const ppl::PodSpec &spec);
    bool removeCurrentPod();
    bool toggleScrapeAnnotation(); // of the selected pod: "true" ↔ "false"
    void showAddPodDialog();

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    void updateActions();

    Lab *m_lab;
    PodsModel *m_model;
    QTableView *m_view;
    QAction *m_add;
    QAction *m_remove;
    QAction *m_toggleScrape;
    QByteArray m_keepSelected; // across a model reset
};

} // namespace ppl
