#pragma once

#include "scrapeconfig.h"
#include "storage/labels.h"

#include <QString>

namespace ppl {

// The per-scrape limits of a scrape config, enforced as Prometheus 2.42's scrape loop does:
// body_size_limit on the uncompressed body ("body size limit exceeded"), sample_limit on
// the samples left after metric relabelling (the scrape goes on counting, then fails with
// "sample limit exceeded"), and label_limit / label_name_length_limit /
// label_value_length_limit on each new series' final label set (verifyLabelLimits, same
// wording). A failed check fails the whole scrape: nothing is stored, up is 0.
// One per scrape loop; begin() starts each scrape.
class ScrapeLimitChecker {
public:
    explicit ScrapeLimitChecker(const ScrapeLimits &limits)
        : m_limits(limits) {}

    void begin() { m_samples = 0; }

    // Empty when a body of this many bytes is allowed. Like Go's io.LimitReader check,
    // a body of exactly the limit already fails.
    QString checkBodySize(qint64 bytes) const;
    // How many bytes of body are worth reading: past this the scrape has failed anyway
    // (0: no limit).
    qint64 readLimit() const { return m_limits.bodySizeLimit; }

    // Counts one sample after metric relabelling (stale markers do not count, as 2.42's
    // limitAppender); false once the limit is passed.
    bool countSample(double value);
    static QString sampleLimitError();

    // Empty when the series' final labels (with __name__) are within the label limits.
    QString checkLabels(const Labels &labels) const;

private:
    ScrapeLimits m_limits;
    quint64 m_samples = 0;
};

} // namespace ppl
