#pragma once

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace ppl::test {

// /metrics of a gateway with what differs between two honest gateways taken out: the
// gateways' own metrics (pushgateway_*, go_*, process_*) and the push-time values, which are
// kept only as "0" (never) or "T" (some time).
inline QStringList normalizedMetrics(const QByteArray &body) {
    QStringList out;
    for (const QByteArray &raw : body.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.isEmpty())
            continue;
        QString name = line;
        if (line.startsWith(QLatin1String("# HELP ")) || line.startsWith(QLatin1String("# TYPE ")))
            name = line.mid(7);
        name = name.section(QRegularExpression(QStringLiteral("[ {]")), 0, 0);
        if (name.startsWith(QLatin1String("pushgateway_")) ||
            name.startsWith(QLatin1String("go_")) || name.startsWith(QLatin1String("process_")))
            continue;
        if (!line.startsWith(QLatin1Char('#')) &&
            (name == QLatin1String("push_time_seconds") ||
             name == QLatin1String("push_failure_time_seconds"))) {
            const qsizetype space = line.lastIndexOf(QLatin1Char(' '));
            const QString value = line.mid(space + 1);
            out << line.left(space + 1) +
                       (value == QLatin1String("0") ? QStringLiteral("0") : QStringLiteral("T"));
            continue;
        }
        out << line;
    }
    return out;
}

} // namespace ppl::test
