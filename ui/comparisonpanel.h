#pragma once

#include "lab/modelmeasurements.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QTableWidget;

namespace ppl {

class Lab;

// The seed article's pull-vs-push table (its two columns word for word) with a live column per
// model filled from what the running lab measured (ModelMeasurements): freshness as the median
// delay from a value changing to it reaching the store, health as whether and how fast the last
// death was detected, short jobs missed by scrapes versus pushed, rates for scaling.
class ComparisonPanel : public QWidget {
    Q_OBJECT
public:
    enum Row {
        ControlFlow,
        Discovery,
        Health,
        Network,
        Ephemeral,
        Freshness,
        Config,
        Scaling,
        RowCount
    };
    enum Column { Feature, PullArticle, PushArticle, PullMeasured, PushMeasured, ColumnCount };

    explicit ComparisonPanel(Lab *lab, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QString cell(Row row, Column column) const;
    ModelMeasurements *measurements() const { return m_measurements; }
    void refresh(); // recompute the measured columns now (also done about once a second)
    enum class Verdict { Neutral, Good, Bad }; // a measured cell's tint

private:
    void set(Row row, Column column, const QString &text, const QString &tip,
             Verdict verdict = Verdict::Neutral);
    void showActivity(const ModelMeasurements::Pull &pull, const ModelMeasurements::Push &push);
    void showHealth(const ModelMeasurements::Pull &pull, const ModelMeasurements::Push &push,
                    qint64 now);
    void showEphemeral(const ModelMeasurements::Pull &pull, const ModelMeasurements::Push &push);
    void showFreshness(const ModelMeasurements::Pull &pull, const ModelMeasurements::Push &push);

    QPointer<Lab> m_lab;
    ModelMeasurements *m_measurements = nullptr;
    QTableWidget *m_table;
    QTimer m_timer; // repaint pacing only: the figures follow the lab clock
};

} // namespace ppl
