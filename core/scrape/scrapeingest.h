#pragma once

#include "scrapecache.h"
#include "scrapeconfig.h"
#include "scrapelimits.h"
#include "scrapereport.h"
#include "storage/labels.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace ppl {

// The part of one scrape between the HTTP answer and the store: gunzip, body_size_limit,
// parse, target labels, metric_relabel_configs, sample and label limits and the scrape
// cache's lookups. It needs neither the store nor the lab's thread, so ScrapeLoop runs it
// inline for small bodies and on a worker thread for big ones (a 25,000-series body took
// 15–50 ms on a loaded machine, stalling the lab's event loop), then commits the batch it
// produced on the lab's thread: new series are created with SeriesStore::seriesFor there,
// and every sample is appended in one go, so a scrape stays all or nothing.
// A series the cache does not know yet is a NewSeries (its labels are built here, through the
// thread-safe intern table); its samples refer to it by index until the commit knows its id.
// Thread affinity: run() on any one thread; while it runs it alone touches the ScrapeCache it
// was given (the loop lends it) and its own members. cancel() may be called from any thread.
class ScrapeIngest {
public:
    struct Sample {
        SeriesStore::SeriesId id; // when newIndex < 0
        qint32 newIndex;          // index into newSeries, or -1
        qint64 timestampMs;
        double value;
    };
    struct NewSeries {
        QByteArray text;   // the exposed series text, the cache's key
        Labels labels;     // after target labels and metric relabelling
        bool seen = false; // a sample of it was stamped with the scrape's time (can go stale)
    };

    // body is the HTTP body as received (gzip when gzipped); result carries the scrape's start,
    // status, format and any error so far (then the body is ignored: an empty scrape).
    ScrapeIngest(std::shared_ptr<const ScrapeTarget> target, std::shared_ptr<ScrapeCache> cache,
                 ScrapeResult result, QByteArray body, bool gzipped);

    // Gunzips, checks body_size_limit and parses. Returns early when cancelled.
    void run();
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

    // After run(): the result with bytes, format, the sample counts and a body error (gzip,
    // body size); appendError is the parse, relabel or limit error that rolls the scrape back.
    ScrapeResult result;
    QString appendError;
    bool bodyEmpty = true; // the parsed body was empty (a failed scrape: no cache flush)
    std::vector<Sample> samples;
    std::vector<NewSeries> newSeries;

    // Bodies from this size on (as received) go to a worker; smaller ones are ingested inline,
    // so that the manual-clock tests see every small scrape finish at the moment it is answered.
    // 256 KiB is ~4,000 samples, ~1–2 ms of parsing; a gzip body inflates ~8×.
    static constexpr qsizetype InlineBodyBytes = 256 * 1024;
    static constexpr qsizetype InlineGzipBodyBytes = 32 * 1024;
    static bool runsInline(qsizetype receivedBytes, bool gzipped) {
        return receivedBytes < (gzipped ? InlineGzipBodyBytes : InlineBodyBytes);
    }

private:
    QString parse();
    template <class Parser> QString appendBody(Parser &parser);

    std::shared_ptr<const ScrapeTarget> m_target;
    std::shared_ptr<ScrapeCache> m_cache;
    ScrapeLimitChecker m_limits;
    QByteArray m_body;
    bool m_gzipped;
    std::atomic<bool> m_cancelled{false};
};

} // namespace ppl
