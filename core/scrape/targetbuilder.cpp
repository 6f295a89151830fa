#include "targetbuilder.h"

#include "relabeler.h"

#include <QCoreApplication>

#include <algorithm>
#include <map>

namespace ppl {

namespace {

struct TargetBuilderText {
    Q_DECLARE_TR_FUNCTIONS(ppl::TargetBuilder)
};

// Go's net.SplitHostPort succeeding on the address, or on the address plus ":1234"
// (Prometheus's addPort): true when a default port should be appended.
bool needsDefaultPort(const QByteArray &addr) {
    if (addr.startsWith('[')) {
        const qsizetype close = addr.indexOf(']');
        if (close < 0)
            return false;
        return close == addr.size() - 1; // "[::1]" has no port; "[::1]:9" has one
    }
    return addr.count(':') == 0;
}

// url.QueryEscape: everything but unreserved characters is %-encoded, space becomes "+".
QByteArray queryEscape(const QByteArray &s) {
    QByteArray out = s.toPercentEncoding(QByteArray(" "), QByteArray());
    out.replace(' ', '+');
    return out;
}

// url.URL.EscapedPath for an ordinary path: unreserved characters and the sub-delimiters Go
// leaves alone in paths stay; everything else is %-encoded.
QByteArray escapePath(const QByteArray &path) {
    return path.toPercentEncoding("/$&+,:;=@!*'()");
}

} // namespace

TargetBuildResult populateTarget(const Labels &discovered, const ScrapeJobConfig &job) {
    TargetBuildResult result;
    result.target.jobName = job.jobName;

    Labels::Builder lb(discovered);
    auto setDefault = [&](QByteArrayView name, const QByteArray &value) {
        if (discovered.value(name).isEmpty())
            lb.set(name, value);
    };
    setDefault("job", job.jobName);
    setDefault("__scrape_interval__", formatPrometheusDuration(job.scrapeIntervalMs));
    setDefault("__scrape_timeout__", formatPrometheusDuration(job.scrapeTimeoutMs));
    setDefault("__metrics_path__", job.metricsPath);
    setDefault("__scheme__", job.scheme);
    for (auto it = job.params.cbegin(); it != job.params.cend(); ++it) {
        if (!it.value().isEmpty())
            lb.set(QByteArray("__param_") + it.key(), it.value().first());
    }
    const Labels preRelabel = lb.build();
    result.target.discoveredLabels = preRelabel;

    const std::optional<Labels> relabelled = relabel(preRelabel, job.relabelConfigs);
    if (!relabelled) {
        result.outcome = TargetBuildResult::Outcome::Dropped;
        return result;
    }
    const Labels &ls = *relabelled;
    QByteArray addr = ls.value("__address__");
    if (addr.isEmpty()) {
        result.error = TargetBuilderText::tr("no address");
        return result;
    }
    const QByteArray scheme = ls.value("__scheme__");
    if (needsDefaultPort(addr)) {
        if (scheme == "http" || scheme.isEmpty())
            addr += ":80";
        else if (scheme == "https")
            addr += ":443";
        else {
            // 2.42 names the job's scheme here, not the relabelled one.
            result.error =
                TargetBuilderText::tr("invalid scheme: \"%1\"").arg(QString::fromUtf8(job.scheme));
            return result;
        }
    }
    // config.CheckTargetAddress, after relabelling: a URL left in __address__ is an error.
    if (addr.contains('/')) {
        result.error =
            TargetBuilderText::tr("\"%1\" is not a valid hostname").arg(QString::fromUtf8(addr));
        return result;
    }

    const QByteArray interval = ls.value("__scrape_interval__");
    const QByteArray timeout = ls.value("__scrape_timeout__");
    QString durationError; // model.ParseDuration's words, as PopulateLabels wraps them
    const std::optional<qint64> intervalMs = parsePrometheusDuration(interval, &durationError);
    if (!intervalMs) {
        result.error =
            TargetBuilderText::tr("error parsing scrape interval: %1").arg(durationError);
        return result;
    }
    if (*intervalMs == 0) {
        result.error = TargetBuilderText::tr("scrape interval cannot be 0");
        return result;
    }
    const std::optional<qint64> timeoutMs = parsePrometheusDuration(timeout, &durationError);
    if (!timeoutMs) {
        result.error = TargetBuilderText::tr("error parsing scrape timeout: %1").arg(durationError);
        return result;
    }
    if (*timeoutMs == 0) {
        result.error = TargetBuilderText::tr("scrape timeout cannot be 0");
        return result;
    }
    if (*timeoutMs > *intervalMs) {
        result.error =
            TargetBuilderText::tr(
                "scrape timeout cannot be greater than scrape interval (\"%1\" > \"%2\")")
                .arg(QString::fromUtf8(timeout), QString::fromUtf8(interval));
        return result;
    }

    // The URL: params from the config, each __param_<name> replacing that name's first value;
    // keys sorted as Go's url.Values.Encode sorts them.
    std::map<QByteArray, QList<QByteArray>> params;
    for (auto it = job.params.cbegin(); it != job.params.cend(); ++it)
        params[it.key()] = it.value();
    std::vector<std::pair<QByteArray, QByteArray>> finalPairs;
    for (int i = 0; i < ls.size(); ++i) {
        const QByteArray name = ls.name(i);
        if (name.startsWith("__param_")) {
            QList<QByteArray> &values = params[name.mid(8)];
            if (values.isEmpty())
                values.append(ls.value(i));
            else
                values[0] = ls.value(i);
        }
        // Labels starting with "__" are internal: not part of the target's label set.
        if (!name.startsWith("__"))
            finalPairs.emplace_back(name, ls.value(i));
    }
    if (ls.value("instance").isEmpty())
        finalPairs.emplace_back("instance", addr);
    for (const auto &[name, value] : finalPairs) {
        if (!QUtf8StringView(value).isValidUtf8()) {
            result.error = TargetBuilderText::tr("invalid label value for \"%1\": \"%2\"")
                               .arg(QString::fromUtf8(name), QString::fromUtf8(value));
            return result;
        }
    }

    QByteArray path = ls.value("__metrics_path__");
    if (!path.isEmpty() && !path.startsWith('/'))
        path.prepend('/');
    // Any __scheme__ makes a target, as in 2.42; the scraper fails those it cannot speak.
    QByteArray url =
        (scheme.isEmpty() ? QByteArray("http") : scheme) + "://" + addr + escapePath(path);
    QByteArray query;
    for (const auto &[key, values] : params) {
        for (const QByteArray &v : values) {
            if (!query.isEmpty())
                query += '&';
            query += queryEscape(key) + '=' + queryEscape(v);
        }
    }
    if (!query.isEmpty())
        url += '?' + query;

    result.outcome = TargetBuildResult::Outcome::Active;
    result.target.labels = Labels::fromPairs(std::move(finalPairs));
    result.target.url = QString::fromUtf8(url);
    result.target.intervalMs = *intervalMs;
    result.target.timeoutMs = *timeoutMs;
    result.target.honorLabels = job.honorLabels;
    result.target.honorTimestamps = job.honorTimestamps;
    result.target.basicAuth = job.basicAuth;
    result.target.metricRelabelConfigs = job.metricRelabelConfigs;
    result.target.limits = job.limits;
    return result;
}

} // namespace ppl
