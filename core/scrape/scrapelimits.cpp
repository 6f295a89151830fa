#include "scrapelimits.h"

#include "storage/seriesstore.h"

namespace ppl {

namespace {

// Go's %.50s and %.50q: at most 50 bytes of the value.
QString clip(QByteArrayView s) {
    return QString::fromUtf8(s.first(std::min<qsizetype>(s.size(), 50)));
}

} // namespace

QString ScrapeLimitChecker::checkBodySize(qint64 bytes) const {
    if (m_limits.bodySizeLimit > 0 && bytes >= m_limits.bodySizeLimit)
        return QStringLiteral("body size limit exceeded");
    return {};
}

bool ScrapeLimitChecker::countSample(double value) {
    if (m_limits.sampleLimit == 0 || isStaleMarker(value))
        return true;
    return ++m_samples <= m_limits.sampleLimit;
}

QString ScrapeLimitChecker::sampleLimitError() {
    return QStringLiteral("sample limit exceeded");
}

QString ScrapeLimitChecker::checkLabels(const Labels &labels) const {
    const QByteArray metric = labels.value("__name__");
    if (m_limits.labelLimit > 0 && quint64(labels.size()) > m_limits.labelLimit) {
        return QStringLiteral("label_limit exceeded (metric: %1, number of labels: %2, limit: %3)")
            .arg(clip(metric))
            .arg(labels.size())
            .arg(m_limits.labelLimit);
    }
    for (int i = 0; i < labels.size(); ++i) {
        const QByteArray name = labels.name(i);
        const QByteArray value = labels.value(i);
        if (m_limits.labelNameLengthLimit > 0 &&
            quint64(name.size()) > m_limits.labelNameLengthLimit) {
            return QStringLiteral("label_name_length_limit exceeded (metric: %1, label name: %2, "
                                  "length: %3, limit: %4)")
                .arg(clip(metric), clip(name))
                .arg(name.size())
                .arg(m_limits.labelNameLengthLimit);
        }
        if (m_limits.labelValueLengthLimit > 0 &&
            quint64(value.size()) > m_limits.labelValueLengthLimit) {
            return QStringLiteral("label_value_length_limit exceeded (metric: %1, label name: %2, "
                                  "value: \"%3\", length: %4, limit: %5)")
                .arg(clip(metric), clip(name), clip(value))
                .arg(value.size())
                .arg(m_limits.labelValueLengthLimit);
        }
    }
    return {};
}

} // namespace ppl
