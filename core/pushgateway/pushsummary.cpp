#include "pushsummary.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace ppl {

void PushSummary::observe(qint64 nowMs, double value) {
    m_window.push_back({nowMs, value});
    if (m_window.size() > kMaxKept)
        m_window.pop_front();
    m_sum += value;
    ++m_count;
}

double PushSummary::quantile(double q, qint64 nowMs) const {
    std::vector<double> values;
    values.reserve(m_window.size());
    for (const Observation &o : m_window) {
        if (nowMs - o.atMs < kMaxAgeMs)
            values.push_back(o.value);
    }
    if (values.empty())
        return std::nan("");
    // Nearest rank: the smallest value with at least q of the observations at or below it.
    const size_t rank = size_t(std::ceil(q * double(values.size())));
    const size_t index = std::min(values.size() - 1, rank == 0 ? 0 : rank - 1);
    std::nth_element(values.begin(), values.begin() + qsizetype(index), values.end());
    return values[index];
}

QByteArray PushSummary::exposition(const QByteArray &name, const QByteArray &labels, qint64 nowMs,
                                   QByteArray (*format)(double)) const {
    QByteArray out;
    for (const double q : kQuantiles)
        out += name + '{' + labels + ",quantile=\"" + format(q) + "\"} " +
               format(quantile(q, nowMs)) + '\n';
    out += name + "_sum{" + labels + "} " + format(m_sum) + '\n';
    out += name + "_count{" + labels + "} " + QByteArray::number(m_count) + '\n';
    return out;
}

} // namespace ppl
