#include "gatewaypersistence.h"

#include "exposition/textwriter.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>

namespace ppl {

namespace {

struct GatewayPersistenceText {
    Q_DECLARE_TR_FUNCTIONS(ppl::GatewayPersistence)
};

QJsonObject labelsToJson(const std::vector<LabelPair> &labels) {
    QJsonObject o;
    for (const auto &p : labels)
        o.insert(QString::fromUtf8(p.name), QString::fromUtf8(p.value));
    return o;
}

std::vector<LabelPair> labelsFromJson(const QJsonObject &o) {
    std::vector<LabelPair> out;
    for (auto it = o.begin(); it != o.end(); ++it)
        out.push_back({it.key().toUtf8(), it.value().toString().toUtf8()});
    return out;
}

double parseValue(const QString &text) {
    if (text == QLatin1String("+Inf"))
        return INFINITY;
    if (text == QLatin1String("-Inf"))
        return -INFINITY;
    if (text == QLatin1String("NaN"))
        return NAN;
    return text.toDouble();
}

} // namespace

bool GatewayPersistence::save(const QString &file, const std::vector<GroupSnapshot> &groups,
                              QString *error) {
    QJsonArray groupsJson;
    for (const auto &g : groups) {
        QJsonObject gj;
        gj.insert(QStringLiteral("labels"), labelsToJson(g.key.labels()));
        gj.insert(QStringLiteral("push_time_ms"), double(g.pushTimeMs));
        gj.insert(QStringLiteral("push_failure_time_ms"), double(g.pushFailureTimeMs));
        // Microseconds too (exact in a double until the year 2255); files without them load.
        gj.insert(QStringLiteral("push_time_us"), double(g.pushTimeUs));
        gj.insert(QStringLiteral("push_failure_time_us"), double(g.pushFailureTimeUs));
        gj.insert(QStringLiteral("created_ms"), double(g.createdMs));
        QJsonArray families;
        for (size_t i = 0; i < g.families.size(); ++i) {
            const MetricFamily &f = g.families[i];
            QJsonObject fj;
            fj.insert(QStringLiteral("name"), QString::fromUtf8(f.name));
            fj.insert(QStringLiteral("type"), QString::fromLatin1(metricTypeName(f.type)));
            if (f.hasHelp)
                fj.insert(QStringLiteral("help"), QString::fromUtf8(f.help));
            fj.insert(QStringLiteral("time_ms"), double(g.familyTimestampsMs.at(i)));
            QJsonArray samples;
            for (const auto &s : f.samples) {
                // Labels as ordered pairs: a JSON object would lose their order.
                QJsonArray labels;
                for (const auto &p : s.labels)
                    labels.append(
                        QJsonArray{QString::fromUtf8(p.name), QString::fromUtf8(p.value)});
                samples.append(QJsonObject{
                    {QStringLiteral("name"), QString::fromUtf8(s.name)},
                    {QStringLiteral("labels"), labels},
                    {QStringLiteral("value"), QString::fromLatin1(formatValue(s.value))}});
            }
            fj.insert(QStringLiteral("samples"), samples);
            families.append(fj);
        }
        gj.insert(QStringLiteral("families"), families);
        groupsJson.append(gj);
    }
    QJsonObject root{{QStringLiteral("format"), QStringLiteral("pullpush-lab-pushgateway")},
                     {QStringLiteral("version"), 1},
                     {QStringLiteral("groups"), groupsJson}};
    QSaveFile out(file); // temp file + rename on commit()
    if (!out.open(QIODevice::WriteOnly)) {
        if (error)
            *error = GatewayPersistenceText::tr("cannot write %1: %2").arg(file, out.errorString());
        return false;
    }
    // The groups may hold anything a job pushed: readable by the owner only, as the real
    // gateway writes its file (0600). Set before a byte is written.
    if (!out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        if (error)
            *error = GatewayPersistenceText::tr("cannot write %1: %2").arg(file, out.errorString());
        return false;
    }
    out.write(QJsonDocument(root).toJson(QJsonDocument::Compact));
    if (!out.commit()) {
        if (error)
            *error = GatewayPersistenceText::tr("cannot write %1: %2").arg(file, out.errorString());
        return false;
    }
    return true;
}

std::optional<std::vector<GroupSnapshot>> GatewayPersistence::load(const QString &file,
                                                                   QString *error) {
    std::vector<GroupSnapshot> groups;
    QFile in(file);
    if (!in.exists())
        return groups;
    if (!in.open(QIODevice::ReadOnly)) {
        if (error)
            *error = GatewayPersistenceText::tr("cannot read %1: %2").arg(file, in.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &parseError);
    if (doc.isNull() || doc.object().value(QStringLiteral("version")).toInt() != 1) {
        if (error)
            *error = GatewayPersistenceText::tr("%1 is not a lab Pushgateway persistence file")
                         .arg(file);
        return std::nullopt;
    }
    const QJsonArray groupsJson = doc.object().value(QStringLiteral("groups")).toArray();
    for (const auto &gv : groupsJson) {
        const QJsonObject gj = gv.toObject();
        GroupSnapshot g;
        g.key = GroupingKey(labelsFromJson(gj.value(QStringLiteral("labels")).toObject()));
        g.pushTimeMs = qint64(gj.value(QStringLiteral("push_time_ms")).toDouble());
        g.pushFailureTimeMs = qint64(gj.value(QStringLiteral("push_failure_time_ms")).toDouble());
        g.pushTimeUs = qint64(gj.value(QStringLiteral("push_time_us")).toDouble());
        g.pushFailureTimeUs = qint64(gj.value(QStringLiteral("push_failure_time_us")).toDouble());
        g.createdMs = qint64(gj.value(QStringLiteral("created_ms")).toDouble());
        for (const auto &fv : gj.value(QStringLiteral("families")).toArray()) {
            const QJsonObject fj = fv.toObject();
            MetricFamily f;
            f.name = fj.value(QStringLiteral("name")).toString().toUtf8();
            f.type = metricTypeFromName(fj.value(QStringLiteral("type")).toString().toUtf8())
                         .value_or(MetricType::Untyped);
            f.hasHelp = fj.contains(QStringLiteral("help"));
            f.help = fj.value(QStringLiteral("help")).toString().toUtf8();
            for (const auto &sv : fj.value(QStringLiteral("samples")).toArray()) {
                const QJsonObject sj = sv.toObject();
                MetricSample s;
                s.name = sj.value(QStringLiteral("name")).toString().toUtf8();
                for (const auto &lv : sj.value(QStringLiteral("labels")).toArray()) {
                    const QJsonArray pair = lv.toArray();
                    s.labels.push_back(
                        {pair.at(0).toString().toUtf8(), pair.at(1).toString().toUtf8()});
                }
                s.value = parseValue(sj.value(QStringLiteral("value")).toString());
                f.samples.push_back(std::move(s));
            }
            g.familyTimestampsMs.push_back(qint64(fj.value(QStringLiteral("time_ms")).toDouble()));
            g.families.push_back(std::move(f));
        }
        groups.push_back(std::move(g));
    }
    return groups;
}

} // namespace ppl
