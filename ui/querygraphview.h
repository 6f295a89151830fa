#pragma once

#include "query/queryresult.h"

#include <QWidget>

namespace ppl {

// The Query dock's Graph tab: a range query's series over [start, end], drawn as lines or
// stacked (each series on top of the ones before it, as Prometheus's graph stacks), with a
// time axis, a value axis and a legend. A missing step breaks the line, as in Prometheus.
class QueryGraphView : public QWidget {
    Q_OBJECT
public:
    explicit QueryGraphView(QWidget *parent = nullptr);

    void setResult(std::vector<query::Series> series, qint64 startMs, qint64 endMs, qint64 stepMs);
    void clear();
    void setStacked(bool stacked);
    bool isStacked() const { return m_stacked; }
    int seriesCount() const { return int(m_series.size()); }
    const std::vector<query::Series> &series() const { return m_series; }
    qsizetype pointCount() const;
    // The value range drawn (after stacking), for tests.
    std::pair<double, double> valueRange() const { return {m_min, m_max}; }

    QSize sizeHint() const override { return {600, 300}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void computeRange();

    std::vector<query::Series> m_series;
    std::vector<std::vector<double>> m_base; // stacked: the value below each point
    qint64 m_start = 0;
    qint64 m_end = 0;
    qint64 m_step = 1;
    double m_min = 0;
    double m_max = 1;
    bool m_stacked = false;
};

} // namespace ppl
