#include "promduration.h"

#include <QCoreApplication>

#include <iterator>
#include <limits>

namespace ppl {

namespace {

struct Unit {
    const char *suffix;
    qint64 ms;
};
constexpr Unit kUnits[] = {
    {"y", 365LL * 24 * 3600 * 1000},
    {"w", 7LL * 24 * 3600 * 1000},
    {"d", 24LL * 3600 * 1000},
    {"h", 3600LL * 1000},
    {"m", 60LL * 1000},
    {"s", 1000},
    {"ms", 1},
};
// Go's time.Duration counts nanoseconds in an int64: more is "duration out of range".
constexpr qint64 kMaxMs = std::numeric_limits<qint64>::max() / 1000000;

struct PromDurationText {
    Q_DECLARE_TR_FUNCTIONS(ppl::PromDuration)
};

std::optional<qint64> failWith(QString *error, QString message) {
    if (error)
        *error = std::move(message);
    return std::nullopt;
}

} // namespace

std::optional<qint64> parsePrometheusDuration(QByteArrayView text, QString *error) {
    if (text == "0")
        return 0; // the one unit-less value Prometheus allows
    if (text.isEmpty())
        return failWith(error, PromDurationText::tr("empty duration string"));
    const auto invalid = [&] {
        // Go's %q of the text.
        QString quoted = QString::fromUtf8(text);
        quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('"'), QLatin1String("\\\""));
        return failWith(error, PromDurationText::tr("not a valid duration string: %1")
                                   .arg(QLatin1Char('"') + quoted + QLatin1Char('"')));
    };
    qint64 total = 0;
    bool outOfRange = false;
    size_t nextUnit = 0; // the regexp's groups: each unit at most once, largest first
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype start = i;
        qint64 n = 0;
        bool huge = false;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            if (n > kMaxMs)
                huge = true; // strconv.Atoi's range error: far out of range anyway
            else
                n = n * 10 + (text[i] - '0');
            ++i;
        }
        if (i == start)
            return invalid();
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
            return invalid();
        i += ms ? 2 : 1;
        nextUnit = u + 1;
        if (huge || n > kMaxMs / kUnits[u].ms || total + n * kUnits[u].ms > kMaxMs)
            outOfRange = true; // still checked for syntax to the end, as the regexp is first
        else
            total += n * kUnits[u].ms;
    }
    if (outOfRange)
        return failWith(error, PromDurationText::tr("duration out of range"));
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

} // namespace ppl
