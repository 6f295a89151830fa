#include "runreport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>

namespace ppl {

namespace {
struct RunReportText {
    Q_DECLARE_TR_FUNCTIONS(ppl::RunReport)
};
} // namespace

QString RunReport::text() const {
    QStringList lines;
    lines << RunReportText::tr("summary of %1 (%2 s)")
                 .arg(scenario)
                 .arg(double(endMs - startMs) / 1000.0, 0, 'f', 1);
    for (const Target &t : targets) {
        QString line = RunReportText::tr("  target %1 %2: up %3 % of %4 scrapes")
                           .arg(QString::fromUtf8(t.job), QString::fromUtf8(t.instance))
                           .arg(t.upRatio() * 100.0, 0, 'f', 0)
                           .arg(t.scrapes);
        if (!t.lastError.isEmpty())
            line += RunReportText::tr(" (last error: %1)").arg(t.lastError);
        lines << line;
    }
    if (groupsHeld >= 0)
        lines << RunReportText::tr("  gateway: %1 pushes accepted, %2 rejected, %3 groups held")
                     .arg(gatewayAccepted)
                     .arg(gatewayRejected)
                     .arg(groupsHeld);
    if (labPushesOk + labPushesFailed > 0)
        lines << RunReportText::tr("  the lab's jobs and targets: %1 pushes succeeded, %2 failed")
                     .arg(labPushesOk)
                     .arg(labPushesFailed);
    for (const Alert &a : alerts)
        lines << RunReportText::tr("  alert %1: pending %2×, firing %3×, resolved %4×, firing "
                                   "at the end: %5")
                     .arg(QString::fromUtf8(a.name))
                     .arg(a.pending)
                     .arg(a.firing)
                     .arg(a.resolved)
                     .arg(a.firingAtEnd);
    if (alerts.empty())
        lines << RunReportText::tr("  no alert changed state");
    return lines.join(QLatin1Char('\n'));
}

QJsonObject RunReport::toJson() const {
    auto time = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    };
    QJsonArray targetsJson;
    for (const Target &t : targets)
        targetsJson.append(QJsonObject{{QStringLiteral("job"), QString::fromUtf8(t.job)},
                                       {QStringLiteral("instance"), QString::fromUtf8(t.instance)},
                                       {QStringLiteral("scrapes"), double(t.scrapes)},
                                       {QStringLiteral("up"), double(t.up)},
                                       {QStringLiteral("upRatio"), t.upRatio()},
                                       {QStringLiteral("lastError"), t.lastError}});
    QJsonArray alertsJson;
    for (const Alert &a : alerts)
        alertsJson.append(QJsonObject{{QStringLiteral("alertname"), QString::fromUtf8(a.name)},
                                      {QStringLiteral("pending"), double(a.pending)},
                                      {QStringLiteral("firing"), double(a.firing)},
                                      {QStringLiteral("resolved"), double(a.resolved)},
                                      {QStringLiteral("firingAtEnd"), double(a.firingAtEnd)}});
    QJsonObject root{{QStringLiteral("scenario"), scenario},
                     {QStringLiteral("start"), time(startMs)},
                     {QStringLiteral("end"), time(endMs)},
                     {QStringLiteral("seconds"), double(endMs - startMs) / 1000.0},
                     {QStringLiteral("targets"), targetsJson},
                     {QStringLiteral("labPushes"),
                      QJsonObject{{QStringLiteral("ok"), double(labPushesOk)},
                                  {QStringLiteral("failed"), double(labPushesFailed)}}},
                     {QStringLiteral("alerts"), alertsJson}};
    if (groupsHeld >= 0)
        root.insert(QStringLiteral("gateway"),
                    QJsonObject{{QStringLiteral("accepted"), double(gatewayAccepted)},
                                {QStringLiteral("rejected"), double(gatewayRejected)},
                                {QStringLiteral("groupsHeld"), groupsHeld}});
    return root;
}

} // namespace ppl
