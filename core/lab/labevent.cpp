#include "labevent.h"

#include "labeventtext.h"

#include <cmath>

namespace ppl {

namespace {

QString str(const QByteArray &b) {
    return QString::fromUtf8(b);
}

QJsonObject keyJson(const std::vector<LabelPair> &key) {
    QJsonObject o;
    for (const LabelPair &l : key)
        o.insert(str(l.name), str(l.value));
    return o;
}

// The "data" member of each payload. The keys and their types are pinned by tst_labeventjson
// (and listed in docs/scenarios.md): readers outside the lab depend on them.
struct DataJson {
    QJsonObject operator()(const ScrapeEvent &e) const {
        return {{QStringLiteral("job"), str(e.job)},
                {QStringLiteral("instance"), str(e.instance)},
                {QStringLiteral("url"), e.url},
                {QStringLiteral("start"), double(e.startMs) / 1000.0},
                {QStringLiteral("durationMs"), e.durationMs},
                {QStringLiteral("health"), str(targetHealthName(e.health))},
                {QStringLiteral("status"), e.httpStatus},
                {QStringLiteral("samples"), e.samples},
                {QStringLiteral("bytes"), e.bytes},
                {QStringLiteral("error"), e.error},
                {QStringLiteral("format"), str(scrapeFormatName(e.format))}};
    }
    QJsonObject operator()(const PushEvent &e) const {
        const PushResult &r = e.result;
        QJsonObject o{{QStringLiteral("method"), str(pushMethodVerb(r.method))},
                      {QStringLiteral("groupingKey"), keyJson(r.groupingKey)},
                      {QStringLiteral("status"), r.status},
                      {QStringLiteral("ok"), r.ok},
                      {QStringLiteral("reason"), r.reason},
                      {QStringLiteral("bytes"), r.bytes},
                      {QStringLiteral("durationMs"), r.durationMs}};
        if (e.from == PushEvent::From::Job) {
            o.insert(QStringLiteral("url"), r.url.toString());
            o.insert(QStringLiteral("from"), QStringLiteral("job"));
        } else {
            o.insert(QStringLiteral("from"), QStringLiteral("target"));
        }
        return o;
    }
    QJsonObject operator()(const GatewayEvent &e) const {
        QJsonObject o{{QStringLiteral("method"), e.method},
                      {QStringLiteral("group"), e.group},
                      {QStringLiteral("status"), e.status},
                      {QStringLiteral("ok"), e.ok},
                      {QStringLiteral("client"),
                       e.external ? QStringLiteral("external") : QStringLiteral("lab")},
                      {QStringLiteral("userAgent"), str(e.userAgent)}};
        if (!e.ok)
            o.insert(QStringLiteral("reason"), e.reason);
        return o;
    }
    QJsonObject operator()(const GatewayAdminEvent &e) const {
        switch (e.change) {
        case GatewayAdminEvent::Change::GroupDeleted:
            return {{QStringLiteral("groupingKey"), keyJson(e.groupingKey)}};
        case GatewayAdminEvent::Change::Restarted:
            return {{QStringLiteral("persistence"), e.persistence},
                    {QStringLiteral("persistenceFile"), e.persistenceFile}};
        case GatewayAdminEvent::Change::PersistenceChanged:
            return {{QStringLiteral("persistence"), e.persistence}};
        }
        return {};
    }
    QJsonObject operator()(const TargetEvent &e) const {
        if (e.change == TargetEvent::Change::Removed)
            return {};
        return {{QStringLiteral("running"), e.running},
                {QStringLiteral("listening"), e.listening},
                {QStringLiteral("fault"), targetFaultName(e.fault)},
                {QStringLiteral("faultParamMs"), e.faultParamMs},
                {QStringLiteral("port"), int(e.port)}};
    }
    QJsonObject operator()(const JobEvent &e) const {
        QJsonObject o{{QStringLiteral("run"), qint64(e.run)},
                      {QStringLiteral("state"), jobRunStateName(e.state)}};
        if (e.state == JobRunState::Running)
            return o;
        o.insert(QStringLiteral("exitCode"), e.exitCode);
        o.insert(QStringLiteral("durationMs"), e.durationMs);
        o.insert(QStringLiteral("records"), e.records);
        return o;
    }
    QJsonObject operator()(const PodEvent &e) const {
        QJsonObject o{{QStringLiteral("namespace"), str(e.namespaceName)}};
        if (e.change == PodEvent::Change::Added)
            o.insert(QStringLiteral("port"), int(e.port));
        if (e.change == PodEvent::Change::Annotated) {
            o.insert(QStringLiteral("key"), str(e.key));
            o.insert(QStringLiteral("value"), str(e.value));
        }
        return o;
    }
    QJsonObject operator()(const ConfigEvent &e) const {
        if (!e.withoutTarget.isEmpty())
            return {};
        if (e.ok)
            return {{QStringLiteral("ok"), true}};
        return {{QStringLiteral("ok"), false}, {QStringLiteral("error"), e.error}};
    }
    QJsonObject operator()(const AlertEvent &e) const {
        QJsonObject labels;
        for (int i = 0; i < e.labels.size(); ++i)
            labels.insert(str(e.labels.name(i)), str(e.labels.value(i)));
        QJsonObject o{{QStringLiteral("alert"), str(e.alert)},
                      {QStringLiteral("group"), str(e.group)},
                      {QStringLiteral("file"), e.file},
                      {QStringLiteral("labels"), labels},
                      {QStringLiteral("from"), str(rules::alertStateName(e.from))},
                      {QStringLiteral("to"), str(rules::alertStateName(e.to))},
                      {QStringLiteral("evaluatedAt"), double(e.evaluatedAtMs)}};
        if (std::isfinite(e.value))
            o.insert(QStringLiteral("value"), e.value);
        else
            o.insert(QStringLiteral("value"), QString::fromUtf8(std::isnan(e.value) ? "NaN"
                                                                : e.value > 0       ? "+Inf"
                                                                                    : "-Inf"));
        return o;
    }
    QJsonObject operator()(const LabStateEvent &e) const {
        switch (e.change) {
        case LabStateEvent::Change::Partitioned:
        case LabStateEvent::Change::PartitionHealed:
            return {
                {QStringLiteral("partitioned"), e.change == LabStateEvent::Change::Partitioned}};
        case LabStateEvent::Change::ScenarioStarted:
            return {{QStringLiteral("scenario"), e.scenario}};
        default:
            return {};
        }
    }
};

struct KindOf {
    LabEvent::Kind operator()(const ScrapeEvent &) const { return LabEvent::Kind::Scrape; }
    LabEvent::Kind operator()(const PushEvent &) const { return LabEvent::Kind::Push; }
    LabEvent::Kind operator()(const GatewayEvent &) const { return LabEvent::Kind::Gateway; }
    LabEvent::Kind operator()(const GatewayAdminEvent &) const { return LabEvent::Kind::Gateway; }
    LabEvent::Kind operator()(const TargetEvent &) const { return LabEvent::Kind::Target; }
    LabEvent::Kind operator()(const JobEvent &) const { return LabEvent::Kind::Job; }
    LabEvent::Kind operator()(const PodEvent &) const { return LabEvent::Kind::Pod; }
    LabEvent::Kind operator()(const ConfigEvent &) const { return LabEvent::Kind::Config; }
    LabEvent::Kind operator()(const LabStateEvent &) const { return LabEvent::Kind::Lab; }
    LabEvent::Kind operator()(const AlertEvent &) const { return LabEvent::Kind::Alert; }
};

} // namespace

QString labEventKindName(LabEvent::Kind kind) {
    switch (kind) {
    case LabEvent::Kind::Scrape:
        return QStringLiteral("scrape");
    case LabEvent::Kind::Push:
        return QStringLiteral("push");
    case LabEvent::Kind::Target:
        return QStringLiteral("target");
    case LabEvent::Kind::Job:
        return QStringLiteral("job");
    case LabEvent::Kind::Pod:
        return QStringLiteral("pod");
    case LabEvent::Kind::Gateway:
        return QStringLiteral("gateway");
    case LabEvent::Kind::Config:
        return QStringLiteral("config");
    case LabEvent::Kind::Lab:
        return QStringLiteral("lab");
    case LabEvent::Kind::Alert:
        return QStringLiteral("alert");
    }
    return QStringLiteral("lab");
}

QString jobRunStateName(JobRunState state) {
    switch (state) {
    case JobRunState::Running:
        return QStringLiteral("running");
    case JobRunState::Succeeded:
        return QStringLiteral("succeeded");
    case JobRunState::Failed:
        return QStringLiteral("failed");
    case JobRunState::Stopped:
        return QStringLiteral("stopped");
    }
    return QStringLiteral("failed");
}

LabEvent::Kind labEventKindOf(const LabEventPayload &payload) {
    return std::visit(KindOf{}, payload);
}

QJsonObject labEventDataJson(const LabEventPayload &payload) {
    return std::visit(DataJson{}, payload);
}

LabEvent LabEvent::make(qint64 atMs, const QByteArray &subject, LabEventPayload payload) {
    LabEvent e;
    e.atMs = atMs;
    e.kind = labEventKindOf(payload);
    e.subject = subject;
    e.payload = std::move(payload);
    e.message = labEventMessage(e);
    return e;
}

QJsonObject LabEvent::toJson() const {
    QJsonObject o;
    o.insert(QStringLiteral("cursor"), qint64(cursor));
    o.insert(QStringLiteral("time"), double(atMs) / 1000.0);
    o.insert(QStringLiteral("kind"), labEventKindName(kind));
    o.insert(QStringLiteral("subject"), QString::fromUtf8(subject));
    o.insert(QStringLiteral("message"), message);
    o.insert(QStringLiteral("data"), labEventDataJson(payload));
    return o;
}

} // namespace ppl
