#include "labcontrolapi.h"

#include "lab.h"
#include "labname.h"
#include "scrape/scrapeconfig.h"
#include "sim/batchjob.h"
#include "sim/simulatedtarget.h"
#include "util/clock.h"
#include "util/simulationclock.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace ppl {

namespace labapi {

QHttpServerResponse success(const QJsonValue &data) {
    return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("success")},
                                           {QStringLiteral("data"), data}});
}

QHttpServerResponse failure(QHttpServerResponse::StatusCode status, const QString &type,
                            const QString &message) {
    return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("error")},
                                           {QStringLiteral("errorType"), type},
                                           {QStringLiteral("error"), message}},
                               status);
}

std::optional<QHttpServerResponse>
refusal(const RequestGuard *guard, const QHttpServerRequest &request, RequestGuard::Body body) {
    if (!guard)
        return std::nullopt;
    const auto refused = guard->check(request.headers(), request.body().size(), body);
    if (!refused)
        return std::nullopt;
    QHttpServerResponse r =
        failure(QHttpServerResponse::StatusCode(refused->status),
                refused->status == 415 ? QStringLiteral("bad_data") : QStringLiteral("forbidden"),
                refused->message);
    if (refused->status == 401)
        r.setHeader("WWW-Authenticate", "Bearer");
    return r;
}

} // namespace labapi

namespace {

struct LabControlApiText {
    Q_DECLARE_TR_FUNCTIONS(ppl::LabControlApi)
};
QString str(const QByteArray &b) {
    return QString::fromUtf8(b);
}

using Status = QHttpServerResponse::StatusCode;

using labapi::failure;
using labapi::success;

QHttpServerResponse notFound(const QString &message) {
    return failure(Status::NotFound, QStringLiteral("not_found"), message);
}
QHttpServerResponse badData(const QString &message) {
    return failure(Status::BadRequest, QStringLiteral("bad_data"), message);
}
QHttpServerResponse conflict(const QString &message) {
    return failure(Status::Conflict, QStringLiteral("conflict"), message);
}
QHttpServerResponse gone() {
    return failure(Status::ServiceUnavailable, QStringLiteral("unavailable"),
                   LabControlApiText::tr("the lab is shutting down"));
}

// An empty body is an empty object; anything else must be a JSON object.
std::optional<QJsonObject> body(const QHttpServerRequest &request, QString *error) {
    const QByteArray b = request.body().trimmed();
    if (b.isEmpty())
        return QJsonObject{};
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(b, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = pe.error != QJsonParseError::NoError
                     ? LabControlApiText::tr("the body is not valid JSON: %1").arg(pe.errorString())
                     : LabControlApiText::tr("the body must be a JSON object");
        return std::nullopt;
    }
    return doc.object();
}

// A duration as milliseconds (number) or Prometheus syntax ("2s", "1m30s").
std::optional<qint64> durationField(const QJsonObject &o, const QString &key, qint64 fallback,
                                    QString *error) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return fallback;
    if (v.isDouble() && v.toDouble() >= 0)
        return qint64(v.toDouble());
    if (v.isString())
        if (auto ms = parsePrometheusDuration(v.toString().toUtf8()))
            return *ms;
    *error =
        LabControlApiText::tr("\"%1\" must be milliseconds or a duration like \"2s\"").arg(key);
    return std::nullopt;
}

std::vector<LabelPair> groupingKeyOf(const QJsonObject &o) {
    // QJsonObject sorts its keys; a grouping key starts with job.
    std::vector<LabelPair> key;
    if (o.contains(QStringLiteral("job")))
        key.push_back({"job", o.value(QStringLiteral("job")).toString().toUtf8()});
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.key() != QLatin1String("job"))
            key.push_back({it.key().toUtf8(), it.value().toString().toUtf8()});
    return key;
}

QJsonObject targetJson(const SimulatedTarget *t, bool pod) {
    return {{QStringLiteral("name"), str(t->name())},
            {QStringLiteral("url"), t->metricsUrl().toString()},
            {QStringLiteral("address"), str(t->address())},
            {QStringLiteral("port"), t->port()},
            {QStringLiteral("running"), t->isRunning()},
            {QStringLiteral("listening"), t->isListening()},
            {QStringLiteral("fault"), targetFaultName(t->fault())},
            {QStringLiteral("faultParamMs"), t->faultParamMs()},
            {QStringLiteral("partitioned"), t->isPartitioned()},
            {QStringLiteral("profile"), t->options().profile.name},
            {QStringLiteral("requests"), qint64(t->requestCount())},
            {QStringLiteral("pushes"), qint64(t->pushCount())},
            {QStringLiteral("startTime"), t->startTimeMs() / 1000.0},
            {QStringLiteral("pod"), pod}};
}

QJsonObject mapJson(const QMap<QByteArray, QByteArray> &m) {
    QJsonObject o;
    for (auto it = m.begin(); it != m.end(); ++it)
        o.insert(str(it.key()), str(it.value()));
    return o;
}

QMap<QByteArray, QByteArray> mapOf(const QJsonObject &o) {
    QMap<QByteArray, QByteArray> m;
    for (auto it = o.begin(); it != o.end(); ++it)
        m.insert(it.key().toUtf8(), it.value().toString().toUtf8());
    return m;
}

} // namespace

LabControlApi::LabControlApi(Lab *lab, QObject *parent)
    : QObject(parent)
    , m_lab(lab) {}

QJsonObject LabControlApi::statusJson() const {
    return {{QStringLiteral("scenario"), m_lab->scenarioName()},
            {QStringLiteral("time"), m_lab->clock()->nowMs() / 1000.0},
            {QStringLiteral("paused"), m_lab->isPaused()},
            {QStringLiteral("partitioned"), m_lab->isPartitioned()},
            {QStringLiteral("gateway"), m_lab->gatewayUrl().toString()},
            {QStringLiteral("lastEvent"), qint64(m_lab->events()->lastCursor())}};
}

QJsonObject LabControlApi::clockJson() const {
    const SimulationClock *sim = m_lab->simulationClock();
    const QString wallTime = m_lab->wallTimeReason();
    QJsonObject o{{QStringLiteral("time"), m_lab->clock()->nowMs() / 1000.0},
                  {QStringLiteral("simulated"), sim != nullptr},
                  {QStringLiteral("paused"), m_lab->isPaused()},
                  {QStringLiteral("speed"), sim ? sim->speed() : 1.0},
                  {QStringLiteral("effectiveSpeed"), sim ? sim->effectiveSpeed() : 1.0},
                  {QStringLiteral("keepingUp"), sim ? sim->keepingUp() : true},
                  {QStringLiteral("fastForwarding"), sim && sim->isFastForwarding()},
                  {QStringLiteral("wallTimeRequired"), wallTime}};
    if (sim && sim->isFastForwarding()) {
        o.insert(QStringLiteral("progress"), sim->fastForwardFraction());
        o.insert(QStringLiteral("until"), sim->fastForwardTargetMs() / 1000.0);
    }
    return o;
}

// {"speed": 10}, {"step": true}, {"advance": "5m"} (or milliseconds), {"paused": true|false};
// several keys run in that order: paused, speed, step, advance.
QHttpServerResponse LabControlApi::clockOp(const QHttpServerRequest &request) {
    QString error;
    const auto o = body(request, &error);
    if (!o)
        return badData(error);
    static const QStringList known{QStringLiteral("paused"), QStringLiteral("speed"),
                                   QStringLiteral("step"), QStringLiteral("advance")};
    if (o->isEmpty())
        return badData(LabControlApiText::tr("expected one of \"paused\", \"speed\", \"step\", "
                                             "\"advance\""));
    for (auto it = o->begin(); it != o->end(); ++it)
        if (!known.contains(it.key()))
            return badData(LabControlApiText::tr("unknown field \"%1\" (paused, speed, step, "
                                                 "advance)")
                               .arg(it.key()));
    const QJsonValue paused = o->value(QStringLiteral("paused"));
    const QJsonValue speed = o->value(QStringLiteral("speed"));
    const QJsonValue step = o->value(QStringLiteral("step"));
    if (!paused.isUndefined() && !paused.isBool())
        return badData(LabControlApiText::tr("\"paused\" must be true or false"));
    if (!speed.isUndefined() && !speed.isDouble())
        return badData(LabControlApiText::tr("\"speed\" must be a number, like 10 or 0.25"));
    if (!step.isUndefined() && !step.isBool())
        return badData(LabControlApiText::tr("\"step\" must be true or false"));
    const auto advance = durationField(*o, QStringLiteral("advance"), 0, &error);
    if (!advance)
        return badData(error);
    if (o->contains(QStringLiteral("advance")) && *advance <= 0)
        return badData(
            LabControlApiText::tr("\"advance\" needs a duration above zero, like \"5m\""));
    if (!m_lab->simulationClock())
        return conflict(LabControlApiText::tr("this lab runs on wall time"));
    LabCommand c;
    if (paused.isBool()) {
        c.op = paused.toBool() ? LabCommand::Op::Pause : LabCommand::Op::Resume;
        m_lab->execute(c);
    }
    if (speed.isDouble()) {
        c.op = LabCommand::Op::SetSpeed;
        c.speed = speed.toDouble();
        if (!m_lab->execute(c, &error))
            return c.speed < SimulationClock::MinSpeed || c.speed > SimulationClock::MaxSpeed
                       ? badData(error)
                       : conflict(error);
    }
    if (step.toBool()) {
        c.op = LabCommand::Op::StepClock;
        if (!m_lab->execute(c, &error))
            return conflict(error);
    }
    if (*advance > 0) {
        c.op = LabCommand::Op::AdvanceClock;
        c.paramMs = *advance;
        if (!m_lab->execute(c, &error))
            return conflict(error);
    }
    return success(clockJson());
}

QJsonObject LabControlApi::targetsJson() const {
    QJsonArray a;
    for (SimulatedTarget *t : m_lab->targets())
        a.append(targetJson(t, m_lab->isPod(t->name())));
    return {{QStringLiteral("targets"), a}};
}

QJsonObject LabControlApi::jobsJson() const {
    QJsonArray a;
    for (BatchJob *j : m_lab->jobs()) {
        const BatchJobSpec &s = j->spec();
        QJsonObject key;
        for (const LabelPair &l : j->groupingKey())
            key.insert(str(l.name), str(l.value));
        QJsonObject o{{QStringLiteral("name"), str(j->name())},
                      {QStringLiteral("running"), j->isRunning()},
                      {QStringLiteral("repeating"), j->isRepeating()},
                      {QStringLiteral("runs"), qint64(j->runCount())},
                      {QStringLiteral("push"), jobPushModeName(s.pushMode)},
                      {QStringLiteral("gateway"), s.gateway.toString()},
                      {QStringLiteral("groupingKey"), key},
                      {QStringLiteral("durationMs"), s.durationMs},
                      {QStringLiteral("everyMs"), s.repeatEveryMs}};
        if (j->exposure())
            o.insert(QStringLiteral("url"), j->exposure()->metricsUrl().toString());
        if (const auto &run = j->lastRun()) {
            QJsonObject r{{QStringLiteral("number"), qint64(run->number)},
                          {QStringLiteral("start"), run->startMs / 1000.0},
                          {QStringLiteral("end"), run->endMs / 1000.0},
                          {QStringLiteral("succeeded"), run->succeeded},
                          {QStringLiteral("stopped"), run->stopped},
                          {QStringLiteral("exitCode"), run->exitCode},
                          {QStringLiteral("records"), run->records}};
            if (run->push)
                r.insert(QStringLiteral("push"),
                         QJsonObject{{QStringLiteral("ok"), run->push->ok},
                                     {QStringLiteral("status"), run->push->status},
                                     {QStringLiteral("reason"), run->push->reason}});
            o.insert(QStringLiteral("lastRun"), r);
        }
        a.append(o);
    }
    return {{QStringLiteral("jobs"), a}};
}

QJsonObject LabControlApi::podsJson() const {
    QJsonArray a;
    for (const Pod &p : m_lab->pods()->pods()) {
        QJsonArray ports;
        for (const auto &cp : p.ports)
            ports.append(QJsonObject{{QStringLiteral("name"), str(cp.portName)},
                                     {QStringLiteral("port"), cp.port}});
        QJsonObject o{{QStringLiteral("name"), str(p.name)},
                      {QStringLiteral("namespace"), str(p.namespaceName)},
                      {QStringLiteral("phase"), str(p.phase)},
                      {QStringLiteral("ip"), str(p.ip)},
                      {QStringLiteral("labels"), mapJson(p.labels)},
                      {QStringLiteral("annotations"), mapJson(p.annotations)},
                      {QStringLiteral("ports"), ports}};
        if (SimulatedTarget *t = m_lab->target(p.name))
            o.insert(QStringLiteral("target"), targetJson(t, true));
        a.append(o);
    }
    return {{QStringLiteral("pods"), a}};
}

std::optional<QHttpServerResponse> LabControlApi::refused(const QHttpServerRequest &request,
                                                          RequestGuard::Body body) const {
    return labapi::refusal(m_guard, request, body);
}

void LabControlApi::registerRoutes(QHttpServer *server, const RequestGuard *guard) {
    using M = QHttpServerRequest::Method;
    using Body = RequestGuard::Body;
    m_guard = guard;
    server->route(QStringLiteral("/lab/status"), M::Get,
                  [this] { return m_lab ? success(statusJson()) : gone(); });
    server->route(QStringLiteral("/lab/targets"), M::Get, [this] {
        return m_lab ? success(targetsJson().value(QStringLiteral("targets"))) : gone();
    });
    server->route(QStringLiteral("/lab/targets/<arg>"), M::Get, [this](const QString &name) {
        if (!m_lab)
            return gone();
        SimulatedTarget *t = m_lab->target(name.toUtf8());
        return t ? success(targetJson(t, m_lab->isPod(t->name())))
                 : notFound(LabControlApiText::tr("no target named \"%1\"").arg(name));
    });
    server->route(QStringLiteral("/lab/targets/<arg>/<arg>"), M::Post,
                  [this](const QString &name, const QString &op, const QHttpServerRequest &r) {
                      if (auto no = refused(r, Body::Json))
                          return std::move(*no);
                      return m_lab ? targetOp(name, op, r) : gone();
                  });
    server->route(QStringLiteral("/lab/jobs"), M::Get, [this] {
        return m_lab ? success(jobsJson().value(QStringLiteral("jobs"))) : gone();
    });
    server->route(QStringLiteral("/lab/jobs/<arg>/<arg>"), M::Post,
                  [this](const QString &name, const QString &op, const QHttpServerRequest &r) {
                      if (auto no = refused(r, Body::Ignored))
                          return std::move(*no);
                      return m_lab ? jobOp(name, op) : gone();
                  });
    server->route(QStringLiteral("/lab/pods"), M::Get, [this] {
        return m_lab ? success(podsJson().value(QStringLiteral("pods"))) : gone();
    });
    server->route(QStringLiteral("/lab/pods"), M::Post, [this](const QHttpServerRequest &r) {
        if (auto no = refused(r, Body::Json))
            return std::move(*no);
        return m_lab ? addPod(r) : gone();
    });
    server->route(QStringLiteral("/lab/pods/<arg>/<arg>"), M::Post,
                  [this](const QString &name, const QString &op, const QHttpServerRequest &r) {
                      if (auto no = refused(r, Body::Json))
                          return std::move(*no);
                      return m_lab ? podOp(name, op, r) : gone();
                  });
    server->route(QStringLiteral("/lab/gateway/<arg>"), M::Post,
                  [this](const QString &op, const QHttpServerRequest &r) {
                      if (auto no = refused(r, Body::Json))
                          return std::move(*no);
                      return m_lab ? gatewayOp(op, r) : gone();
                  });
    server->route(QStringLiteral("/lab/network/<arg>"), M::Post,
                  [this](const QString &op, const QHttpServerRequest &r) {
                      if (auto no = refused(r, Body::Ignored))
                          return std::move(*no);
                      if (!m_lab)
                          return gone();
                      if (op != QLatin1String("partition") && op != QLatin1String("heal"))
                          return notFound(LabControlApiText::tr(
                                              "unknown network operation \"%1\" (partition, heal)")
                                              .arg(op));
                      LabCommand c;
                      c.op = LabCommand::Op::Partition;
                      c.flag = op == QLatin1String("partition");
                      m_lab->execute(c);
                      return success(statusJson());
                  });
    server->route(QStringLiteral("/lab/config/reload"), M::Post,
                  [this](const QHttpServerRequest &r) {
                      if (auto no = refused(r, Body::Yaml))
                          return std::move(*no);
                      if (!m_lab)
                          return gone();
                      LabCommand c;
                      c.op = LabCommand::Op::ReloadConfig;
                      c.yaml = r.body(); // the prometheus.yml text; empty: re-read the current
                      QString error;
                      if (!m_lab->execute(c, &error))
                          return badData(error);
                      return success(statusJson());
                  });
    for (const char *op : {"pause", "resume"}) {
        const bool pause = qstrcmp(op, "pause") == 0;
        server->route(QStringLiteral("/lab/") + QLatin1String(op), M::Post,
                      [this, pause](const QHttpServerRequest &r) {
                          if (auto no = refused(r, Body::Ignored))
                              return std::move(*no);
                          if (!m_lab)
                              return gone();
                          LabCommand c;
                          c.op = pause ? LabCommand::Op::Pause : LabCommand::Op::Resume;
                          m_lab->execute(c);
                          return success(statusJson());
                      });
    }
    server->route(QStringLiteral("/lab/clock"), M::Get,
                  [this] { return m_lab ? success(clockJson()) : gone(); });
    server->route(QStringLiteral("/lab/clock"), M::Post, [this](const QHttpServerRequest &r) {
        if (auto no = refused(r, Body::Json))
            return std::move(*no);
        return m_lab ? clockOp(r) : gone();
    });
    server->route(QStringLiteral("/lab/events"), M::Get,
                  [this](const QHttpServerRequest &r) { return m_lab ? events(r) : gone(); });
}

QHttpServerResponse LabControlApi::targetOp(const QString &name, const QString &op,
                                            const QHttpServerRequest &request) {
    if (op == QLatin1String("remove")) {
        QString error;
        if (!m_lab->removeTarget(name, &error))
            return notFound(error);
        return success(QJsonObject{{QStringLiteral("removed"), name}});
    }
    if (op == QLatin1String("push")) { // {"on": false}: a migration to pull stops its pushes
        QString error;
        const auto b = body(request, &error);
        if (!b)
            return badData(error);
        if (!m_lab->setTargetPushing(name.toUtf8(), b->value(QStringLiteral("on")).toBool(true),
                                     &error))
            return notFound(error);
        return success(targetJson(m_lab->target(name.toUtf8()), m_lab->isPod(name.toUtf8())));
    }
    const auto parsed = labCommandFromName(op);
    if (!parsed || *parsed > LabCommand::Op::HealTarget)
        return notFound(LabControlApiText::tr(
                            "unknown target operation \"%1\" (start, kill, restart, hang, slow, "
                            "flap, firewall, error, heal)")
                            .arg(op));
    if (!m_lab->target(name.toUtf8()))
        return notFound(LabControlApiText::tr("no target named \"%1\"").arg(name));
    QString error;
    const auto b = body(request, &error);
    if (!b)
        return badData(error);
    LabCommand c;
    c.op = *parsed;
    c.name = name.toUtf8();
    if (c.op == LabCommand::Op::SlowTarget) {
        const auto ms = durationField(*b, QStringLiteral("delay"), 3000, &error);
        if (!ms)
            return badData(error);
        c.paramMs = *ms;
    } else if (c.op == LabCommand::Op::FlapTarget) {
        const auto ms = durationField(*b, QStringLiteral("period"), 10000, &error);
        if (!ms)
            return badData(error);
        c.paramMs = *ms;
    } else if (c.op == LabCommand::Op::ErrorTarget) {
        const QString kind = b->value(QStringLiteral("kind")).toString(QStringLiteral("500"));
        if (kind == QLatin1String("malformed"))
            c.errorKind = ErrorKind::Malformed;
        else if (kind != QLatin1String("500"))
            return badData(LabControlApiText::tr("\"kind\" is \"500\" or \"malformed\""));
    }
    if (!m_lab->execute(c, &error))
        return conflict(error);
    return success(targetJson(m_lab->target(c.name), m_lab->isPod(c.name)));
}

QHttpServerResponse LabControlApi::jobOp(const QString &name, const QString &op) {
    const auto parsed = labCommandFromName(op);
    if (!parsed || (*parsed != LabCommand::Op::RunJob && *parsed != LabCommand::Op::StopJob))
        return notFound(LabControlApiText::tr("unknown job operation \"%1\" (run, stop)").arg(op));
    if (!m_lab->job(name.toUtf8()))
        return notFound(LabControlApiText::tr("no job named \"%1\"").arg(name));
    LabCommand c;
    c.op = *parsed;
    c.name = name.toUtf8();
    QString error;
    if (!m_lab->execute(c, &error))
        return conflict(error);
    return success(QJsonObject{{QStringLiteral("name"), name},
                               {QStringLiteral("running"), m_lab->job(c.name)->isRunning()}});
}

QHttpServerResponse LabControlApi::addPod(const QHttpServerRequest &request) {
    QString error;
    const auto b = body(request, &error);
    if (!b)
        return badData(error);
    const QString name = b->value(QStringLiteral("name")).toString();
    if (name.isEmpty())
        return badData(LabControlApiText::tr("a pod needs a \"name\""));
    if (!isValidLabName(name.toUtf8()))
        return badData(invalidLabNameText(name));
    PodSpec spec;
    spec.pod.name = name.toUtf8();
    spec.pod.namespaceName =
        b->value(QStringLiteral("namespace")).toString(QStringLiteral("default")).toUtf8();
    if (!isValidLabName(spec.pod.namespaceName))
        return badData(invalidLabNameText(QString::fromUtf8(spec.pod.namespaceName)));
    spec.pod.labels = mapOf(b->value(QStringLiteral("labels")).toObject());
    spec.pod.annotations = mapOf(b->value(QStringLiteral("annotations")).toObject());
    spec.pod.phase = b->value(QStringLiteral("phase")).toString(QStringLiteral("Running")).toUtf8();
    const QString profile = b->value(QStringLiteral("profile")).toString(QStringLiteral("service"));
    const auto p = MetricProfile::builtIn(profile);
    if (!p)
        return badData(LabControlApiText::tr("unknown profile \"%1\"").arg(profile));
    spec.profile = *p;
    Pod::ContainerPort cp;
    cp.portName = "metrics";
    spec.pod.ports.push_back(cp);
    LabCommand c;
    c.op = LabCommand::Op::AddPod;
    c.name = spec.pod.name;
    c.namespaceName = spec.pod.namespaceName;
    c.pod = spec;
    if (!m_lab->execute(c, &error))
        return conflict(error);
    return success(podsJson().value(QStringLiteral("pods")));
}

QHttpServerResponse LabControlApi::podOp(const QString &name, const QString &op,
                                         const QHttpServerRequest &request) {
    QString error;
    const auto b = body(request, &error);
    if (!b)
        return badData(error);
    LabCommand c;
    c.name = name.toUtf8();
    c.namespaceName =
        b->value(QStringLiteral("namespace")).toString(QStringLiteral("default")).toUtf8();
    const Pod *pod = m_lab->pods()->find(c.namespaceName, c.name);
    if (!pod)
        return notFound(LabControlApiText::tr("no pod %1/%2").arg(str(c.namespaceName), name));
    if (op == QLatin1String("remove")) {
        c.op = LabCommand::Op::RemovePod;
    } else if (op == QLatin1String("annotate")) {
        c.op = LabCommand::Op::AnnotatePod;
        c.key = b->value(QStringLiteral("key")).toString().toUtf8();
        c.value = b->value(QStringLiteral("value")).toString().toUtf8();
        if (c.key.isEmpty())
            return badData(LabControlApiText::tr(
                "annotate needs a \"key\" (and a \"value\"; empty removes it)"));
    } else {
        return notFound(
            LabControlApiText::tr("unknown pod operation \"%1\" (remove, annotate)").arg(op));
    }
    if (!m_lab->execute(c, &error))
        return conflict(error);
    return success(podsJson().value(QStringLiteral("pods")));
}

QHttpServerResponse LabControlApi::gatewayOp(const QString &op, const QHttpServerRequest &request) {
    QString error;
    const auto b = body(request, &error);
    if (!b)
        return badData(error);
    LabCommand c;
    if (op == QLatin1String("restart")) {
        c.op = LabCommand::Op::RestartGateway;
        c.flag = b->value(QStringLiteral("persistence")).toBool(true);
    } else if (op == QLatin1String("delete")) {
        c.op = LabCommand::Op::DeleteGroup;
        c.groupingKey = groupingKeyOf(b->value(QStringLiteral("groupingKey")).toObject());
        if (c.groupingKey.empty() || c.groupingKey.front().name != "job")
            return badData(
                LabControlApiText::tr("delete needs {\"groupingKey\": {\"job\": …, …}}"));
    } else {
        return notFound(
            LabControlApiText::tr("unknown gateway operation \"%1\" (restart, delete)").arg(op));
    }
    if (!m_lab->execute(c, &error))
        return conflict(error);
    return success(statusJson());
}

QHttpServerResponse LabControlApi::events(const QHttpServerRequest &request) {
    const QUrlQuery q(request.url());
    bool ok = true;
    const quint64 since = q.hasQueryItem(QStringLiteral("since"))
                              ? q.queryItemValue(QStringLiteral("since")).toULongLong(&ok)
                              : 0;
    if (!ok)
        return badData(
            LabControlApiText::tr("\"since\" must be a cursor (a non-negative integer)"));
    const qsizetype max = q.hasQueryItem(QStringLiteral("max"))
                              ? q.queryItemValue(QStringLiteral("max")).toLongLong(&ok)
                              : 1000;
    if (!ok || max <= 0)
        return badData(LabControlApiText::tr("\"max\" must be a positive integer"));
    const EventLog::Page page = m_lab->events()->since(since, std::min<qsizetype>(max, 10000));
    QJsonArray list;
    for (const LabEvent &e : page.events)
        list.append(e.toJson());
    return success(QJsonObject{{QStringLiteral("events"), list},
                               {QStringLiteral("next"), qint64(page.next)},
                               {QStringLiteral("truncated"), page.truncated}});
}

} // namespace ppl
