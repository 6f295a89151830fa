#pragma once

#include "lab/labevent.h"

#include <QElapsedTimer>
#include <QGraphicsView>
#include <QHash>
#include <QPointer>
#include <QTimer>

#include <vector>

class QGraphicsEllipseItem;
class QGraphicsItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;

namespace ppl {

class Lab;

// The lab drawn as a network: the server on the left, the targets (and pods' services) in
// the middle, the Pushgateway and the jobs on the right. Every scrape is a dot travelling
// server → target → server (a cross-coloured dot when it failed), every push a dot from a job
// to the gateway (rejected ones carry the reason as a tooltip), and the server's scrapes of
// the gateway are drawn too. Killed targets are grey, hung ones pulse, a firewall is a wall.
// Animations are decoration: one ~30 fps timer moves every dot, only while there are any.
class TopologyView : public QGraphicsView {
    Q_OBJECT
public:
    enum class NodeKind { Server, Gateway, Target, Job };
    explicit TopologyView(Lab *lab, QWidget *parent = nullptr);
    ~TopologyView() override;

    void setZoom(qreal zoom);
    int nodeCount() const { return int(m_nodes.size()); }
    int activeAnimations() const { return int(m_pulses.size()); }
    QString nodeState(const QByteArray &name) const; // "killed", "hung", "firewall", "up", …
    QPoint nodeViewPosition(const QByteArray &name) const; // centre, in view coordinates

Q_SIGNALS:
    void nodeClicked(ppl::TopologyView::NodeKind kind, const QByteArray &name);
    void nodeMenuRequested(ppl::TopologyView::NodeKind kind, const QByteArray &name,
                           const QPoint &globalPos);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Node {
        NodeKind kind;
        QByteArray name;
        QGraphicsRectItem *box = nullptr;
        QGraphicsSimpleTextItem *label = nullptr;
        QGraphicsSimpleTextItem *badge = nullptr; // state in words/symbols
        QGraphicsRectItem *wall = nullptr;        // firewall
        QString state;
    };
    struct Pulse {
        QGraphicsEllipseItem *dot;
        QPointF from, to;
        bool roundTrip;
        qint64 startMs;
        qint64 durationMs;
    };
    void rebuild();
    void refreshStates();
    void refreshState(Node &node);
    void onEvent(const LabEvent &event);
    void addPulse(const QPointF &from, const QPointF &to, bool ok, bool roundTrip,
                  const QString &tooltip);
    void tick();
    Node *node(NodeKind kind, const QByteArray &name);
    Node *addNode(NodeKind kind, const QByteArray &name, const QPointF &pos, const QString &title);
    QPointF anchor(const Node &n) const;

    QPointer<Lab> m_lab;
    QGraphicsScene *m_scene;
    std::vector<Node> m_nodes;
    std::vector<Pulse> m_pulses;
    QTimer m_tick;
    QElapsedTimer m_wall; // animation time: wall time, never the lab's
    qreal m_zoom = 1;
    bool m_vertical = false; // tall viewports stack server, targets, gateway top to bottom
};

} // namespace ppl
