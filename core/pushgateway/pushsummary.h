#pragma once

#include <QByteArray>

#include <deque>

namespace ppl {

// One child of a client_golang summary as the Pushgateway declares its push instrumentation
// (pushgateway_http_push_duration_seconds, pushgateway_http_push_size_bytes): quantiles 0.1,
// 0.5 and 0.9 over the observations of the last 10 minutes (MaxAge), sum and count over all
// time. client_golang estimates quantiles (CKMS, within 1–5 % rank error); this keeps the
// window's values and answers the exact nearest rank, which lies inside that error.
// Bounded: at most kMaxKept observations are kept (the oldest go first).
class PushSummary {
public:
    static constexpr qint64 kMaxAgeMs = 10 * 60 * 1000;
    static constexpr size_t kMaxKept = 10000;
    static constexpr double kQuantiles[] = {0.1, 0.5, 0.9};

    void observe(qint64 nowMs, double value);
    // NaN when nothing was observed in the window, as client_golang writes it.
    double quantile(double q, qint64 nowMs) const;
    double sum() const { return m_sum; }
    quint64 count() const { return m_count; }

    // The summary's lines for one label set ("method=\"put\""), in the text format.
    QByteArray exposition(const QByteArray &name, const QByteArray &labels, qint64 nowMs,
                          QByteArray (*format)(double)) const;

private:
    struct Observation {
        qint64 atMs;
        double value;
    };
    std::deque<Observation> m_window;
    double m_sum = 0;
    quint64 m_count = 0;
};

} // namespace ppl
