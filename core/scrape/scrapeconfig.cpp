#include "scrapeconfig.h"

#include "configloader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <limits>

namespace ppl {

namespace {

struct Unit {
    const char *suffix;
    qint64 ms;
};
// In the only order Prometheus accepts them (common/model.ParseDuration's regexp).
constexpr Unit kUnits[] = {
    {"y", 365LL * 24 * 3600 * 1000},
    {"w", 7LL * 24 * 3600 * 1000},
    {"d", 24LL * 3600 * 1000},
    {"h", 3600LL * 1000},
    {"m", 60LL * 1000},
    {"s", 1000},
    {"ms", 1},
};
// Go's time.Duration counts nanoseconds in an int64: larger values are "out of range".
constexpr qint64 kMaxMs = std::numeric_limits<qint64>::max() / 1000000;

} // namespace

std::optional<qint64> parsePrometheusDuration(QByteArrayView text) {
    if (text == "0")
        return 0; // the one unit-less value Prometheus allows
    if (text.isEmpty())
        return std::nullopt;
    qint64 total = 0;
    size_t nextUnit = 0; // units must appear in decreasing size, each at most once
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9')
            ++i;
        if (i == start || i - start > 18)
            return std::nullopt;
        const qint64 n = text.sliced(start, i - start).toByteArray().toLongLong();
        // "m" followed by "s" is milliseconds, not minutes then a bare "s".
        const bool ms = i + 1 < text.size() && text[i] == 'm' && text[i + 1] == 's';
        size_t u = nextUnit;
        for (; u < std::size(kUnits); ++u) {
            const QByteArrayView suffix(kUnits[u].suffix);
            if (ms ? suffix == "ms"
                   : (i < text.size() && suffix.size() == 1 && text[i] == suffix[0]))
                break;
        }
        if (u == std::size(kUnits))
            return std::nullopt;
        i += ms ? 2 : 1;
        nextUnit = u + 1;
        if (n > kMaxMs / kUnits[u].ms || total + n * kUnits[u].ms > kMaxMs)
            return std::nullopt;
        total += n * kUnits[u].ms;
    }
    return total;
}

QByteArray formatPrometheusDuration(qint64 ms) {
    if (ms <= 0)
        return "0s";
    QByteArray out;
    for (size_t u = 0; u < std::size(kUnits); ++u) {
        // Years and weeks only when exact, as model.Duration.String prints "90d" not "12w6d".
        if (u < 2 && ms % kUnits[u].ms != 0)
            continue;
        const qint64 v = ms / kUnits[u].ms;
        if (v > 0) {
            out += QByteArray::number(v) + kUnits[u].suffix;
            ms -= v * kUnits[u].ms;
        }
    }
    return out;
}

QString formatConfigDiagnostic(const ConfigDiagnostic &d) {
    QString text = d.line <= 0 ? d.message
                               : QCoreApplication::translate("ppl::ConfigLoader", "line %1: %2")
                                     .arg(d.line)
                                     .arg(d.message);
    if (!d.hint.isEmpty())
        text += QLatin1Char('\n') + d.hint;
    return text;
}

ConfigLoadResult loadPrometheusConfig(const QByteArray &yaml, const QString &baseDir) {
    return ConfigLoader(baseDir).load(yaml);
}

QList<QByteArray> jobNames(const PrometheusConfig &config) {
    QList<QByteArray> names;
    for (const ScrapeJobConfig &job : config.scrapeConfigs)
        names.append(job.jobName);
    return names;
}

ConfigLoadResult loadPrometheusConfigFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ConfigLoadResult result;
        result.error =
            ConfigDiagnostic{0,
                             QCoreApplication::translate("ppl::ConfigLoader", "cannot read %1: %2")
                                 .arg(path, file.errorString()),
                             {}};
        return result;
    }
    return loadPrometheusConfig(file.readAll(), QFileInfo(path).absolutePath());
}

} // namespace ppl
