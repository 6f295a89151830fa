#include "lessonrun.h"

#include "lab/lab.h"
#include "pushgateway/pushgatewayserver.h"
#include "query/engine.h"
#include "rules/rulemanager.h"
#include "sim/batchjob.h"
#include "sim/realexporter.h"
#include "util/clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace ppl::lesson {

namespace {

constexpr qint64 TickMs = 1000; // state conditions are re-evaluated every lab second

// "{job="x",instance="y"}" as the gateway words a group → its label pairs.
std::vector<LabelPair> parseGroup(const QString &group) {
    static const QRegularExpression pair(
        QStringLiteral("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\""));
    std::vector<LabelPair> out;
    auto it = pair.globalMatch(group);
    while (it.hasNext()) {
        const auto m = it.next();
        QString v = m.captured(2);
        v.replace(QLatin1String("\\\""), QLatin1String("\""))
            .replace(QLatin1String("\\\\"), QLatin1String("\\"));
        out.push_back({m.captured(1).toUtf8(), v.toUtf8()});
    }
    return out;
}

bool sameKey(std::vector<LabelPair> a, std::vector<LabelPair> b) {
    const auto byName = [](const LabelPair &x, const LabelPair &y) {
        return x.name < y.name || (x.name == y.name && x.value < y.value);
    };
    std::sort(a.begin(), a.end(), byName);
    std::sort(b.begin(), b.end(), byName);
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](const LabelPair &x, const LabelPair &y) {
               return x.name == y.name && x.value == y.value;
           });
}

QByteArray jobOf(const std::vector<LabelPair> &key) {
    for (const LabelPair &p : key)
        if (p.name == "job")
            return p.value;
    return {};
}

QString changeName(TargetEvent::Change c) {
    switch (c) {
    case TargetEvent::Change::Started:
        return QStringLiteral("started");
    case TargetEvent::Change::Killed:
        return QStringLiteral("killed");
    case TargetEvent::Change::Healed:
        return QStringLiteral("healed");
    case TargetEvent::Change::Faulted:
        return QStringLiteral("faulted");
    case TargetEvent::Change::Reachable:
        return QStringLiteral("reachable");
    case TargetEvent::Change::Unreachable:
        return QStringLiteral("unreachable");
    case TargetEvent::Change::Removed:
        return QStringLiteral("removed");
    }
    return {};
}

QString formatValue(double v) {
    if (std::isnan(v))
        return QStringLiteral("NaN");
    return QString::number(v, 'g', 6);
}

} // namespace

QString scrapeErrorKind(const QString &error) {
    if (error.contains(QLatin1String("deadline exceeded")) ||
        error.contains(QLatin1String("timeout"), Qt::CaseInsensitive))
        return QStringLiteral("timeout");
    if (error.contains(QLatin1String("connection refused")) ||
        error.contains(QLatin1String("no route")) || error.contains(QLatin1String("reset")))
        return QStringLiteral("refused");
    if (error.contains(QLatin1String("HTTP status")))
        return QStringLiteral("http");
    if (error.contains(QLatin1String("parse")) || error.contains(QLatin1String("expected")) ||
        error.contains(QLatin1String("invalid")) || error.contains(QLatin1String("unsupported")))
        return QStringLiteral("parse");
    return QStringLiteral("other");
}

LessonRun::LessonRun(Lab *lab, Lesson lesson, QObject *parent)
    : QObject(parent)
    , m_lab(lab)
    , m_lesson(std::move(lesson))
    , m_language(defaultLessonLanguage()) {
    m_records.resize(m_lesson.steps.size());
}

LessonRun::~LessonRun() {
    if (m_lab && m_tickTimer)
        m_lab->clock()->cancel(m_tickTimer);
}

qint64 LessonRun::now() const {
    return m_lab ? m_lab->clock()->nowMs() : 0;
}

bool LessonRun::start(bool loadScenario, QString *error) {
    if (!m_lab) {
        if (error)
            *error = tr("the lab is gone");
        return false;
    }
    if (loadScenario && !m_lab->loadScenario(m_lesson.scenario, error))
        return false;
    m_started = true;
    m_startedMs = now();
    connect(m_lab->events(), &EventLog::appended, this, &LessonRun::scheduleEvaluate,
            Qt::UniqueConnection);
    m_tickTimer = m_lab->clock()->callAfter(TickMs, this, [this] { tick(); });
    beginStep(0);
    return true;
}

void LessonRun::tick() {
    m_tickTimer = m_lab->clock()->callAfter(TickMs, this, [this] { tick(); });
    if (isFinished())
        return;
    // Hints with a delay reveal themselves.
    const Step &step = m_lesson.steps[std::size_t(m_step)];
    StepRecord &r = m_records[std::size_t(m_step)];
    while (r.hintsShown < step.hints.size()) {
        const Hint &h = step.hints[r.hintsShown];
        if (h.afterMs < 0 || now() - r.startedMs < h.afterMs)
            break;
        ++r.hintsShown;
        Q_EMIT hintRevealed(m_step, r.hintsShown - 1);
        Q_EMIT changed();
    }
    evaluate();
}

void LessonRun::scheduleEvaluate() {
    if (m_evaluatePending)
        return;
    m_evaluatePending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_evaluatePending = false;
            evaluate();
        },
        Qt::QueuedConnection);
}

void LessonRun::beginStep(int step) {
    m_step = step;
    if (isFinished()) {
        Q_EMIT changed();
        Q_EMIT finished(true);
        return;
    }
    StepRecord &r = m_records[std::size_t(step)];
    r.startedMs = now();
    r.checks.assign(m_lesson.steps[std::size_t(step)].checks.size(), CheckState{});
    m_cursor = m_lab->events()->lastCursor(); // only what happens from now on counts
    Q_EMIT stepStarted(step);
    Q_EMIT changed();
    // Predict → observe → explain: a step with a prediction starts its checks and actions
    // (a demonstration is part of what the student observes) only once it is answered.
    if (!m_lesson.steps[std::size_t(step)].predict)
        startActions(step);
    scheduleEvaluate();
}

void LessonRun::startActions(int step) {
    m_records[std::size_t(step)].checksFromMs = now();
    for (const LessonAction &a : m_lesson.steps[std::size_t(step)].actions) {
        // Actions run outside the evaluation (which may run inside a clock callback): an
        // advance of the clock from within its own callback would nest.
        if (a.afterMs > 0 && a.kind == LessonAction::Kind::Command)
            m_lab->clock()->callAfter(a.afterMs, this, [this, step, a] {
                if (m_step == step)
                    runAction(step, a);
            });
        else
            QMetaObject::invokeMethod(
                this,
                [this, step, a] {
                    if (m_step == step)
                        runAction(step, a);
                },
                Qt::QueuedConnection);
    }
}

void LessonRun::runAction(int step, const LessonAction &action) {
    QString error;
    bool ok = false;
    if (action.kind == LessonAction::Kind::Advance) {
        if (m_advancer) {
            ok = m_advancer(action.advanceMs, &error);
        } else if (m_lab->simulationClock()) {
            // The window's and the headless lab's clock: a fast-forward as the time bar's
            // "+5 min", refused while an outside program needs wall time.
            ok = m_lab->advanceClock(action.advanceMs, &error);
        } else if (auto *manual = qobject_cast<ManualClock *>(m_lab->clock())) {
            manual->advance(action.advanceMs);
            ok = true;
        } else {
            error = tr("fast-forwarding needs the lab's simulation clock");
        }
    } else {
        ok = m_lab->execute(action.command, &error);
    }
    if (!ok)
        Q_EMIT actionFailed(step, action.path, error);
}

std::vector<LessonRun::CheckState> LessonRun::checkStates() const {
    if (!m_started || isFinished())
        return {};
    return m_records[std::size_t(m_step)].checks;
}

QString LessonRun::render(const QString &text) const {
    QByteArray bytes = text.toUtf8();
    substitutePlaceholders(
        bytes, [this](const QByteArray &kind, const QByteArray &name) -> std::optional<QByteArray> {
            if (!m_lab)
                return std::nullopt;
            if (kind == "gateway")
                return m_lab->gatewayUrl().authority().toUtf8();
            if (kind == "server")
                return m_lab->serverUrl().authority().toUtf8();
            if (SimulatedTarget *t = m_lab->target(name))
                return t->metricsUrl().authority().toUtf8();
            if (BatchJob *j = m_lab->job(name); j && j->exposure())
                return j->exposure()->metricsUrl().authority().toUtf8();
            if (RealExporter *e = m_lab->exporter(name))
                return e->address();
            return QByteArray("{{" + kind + ':' + name + "}}");
        });
    return QString::fromUtf8(bytes);
}

QString LessonRun::render(const Text &text) const {
    return render(text.in(m_language));
}

QString LessonRun::stepText(int step) const {
    return render(m_lesson.steps.at(std::size_t(step)).text);
}

qint64 LessonRun::timeToPassMs() const {
    if (!passed() || m_records.empty())
        return -1;
    return m_records.back().passedMs - m_startedMs;
}

bool LessonRun::answerPrediction(int choice) {
    if (!m_started || isFinished())
        return false;
    const Step &step = m_lesson.steps[std::size_t(m_step)];
    if (!step.predict || choice < 0 || choice >= step.predict->choices.size())
        return false;
    StepRecord &r = m_records[std::size_t(m_step)];
    const bool first = r.predictionChoice < 0;
    if (first) {
        r.predictionChoice = choice;
        r.predictedMs = now();
        Q_EMIT changed();
    }
    const bool right = choice == step.predict->answer;
    const int answered = m_step;
    Q_EMIT predictionAnswered(answered, right);
    if (first && m_step == answered) {
        startActions(answered);
        scheduleEvaluate();
    }
    return right;
}

bool LessonRun::awaitingPrediction() const {
    if (!m_started || isFinished())
        return false;
    return m_lesson.steps[std::size_t(m_step)].predict &&
           m_records[std::size_t(m_step)].predictionChoice < 0;
}

int LessonRun::revealHint() {
    if (!m_started || isFinished())
        return -1;
    const Step &step = m_lesson.steps[std::size_t(m_step)];
    StepRecord &r = m_records[std::size_t(m_step)];
    if (r.hintsShown >= step.hints.size())
        return -1;
    ++r.hintsShown;
    ++r.hintsRequested;
    Q_EMIT hintRevealed(m_step, r.hintsShown - 1);
    Q_EMIT changed();
    return r.hintsShown - 1;
}

bool LessonRun::matchesEvent(const Condition &c, const LabEvent &event) const {
    using K = Condition::Kind;
    switch (c.kind) {
    case K::Push: {
        // Everything that reaches the lab's gateway is a Gateway event (the lab's own pushes
        // too, told apart by User-Agent); a lab client's push to a gateway elsewhere is not.
        const GatewayEvent *g = event.as<GatewayEvent>();
        if (!g)
            return false;
        if (c.outcome == Condition::Outcome::Accepted && !g->ok)
            return false;
        if (c.outcome == Condition::Outcome::Rejected && g->ok)
            return false;
        if (c.source == Condition::Source::Outside && !g->external)
            return false;
        if (c.source == Condition::Source::Lab && g->external)
            return false;
        if (!c.method.isEmpty() && g->method.compare(c.method, Qt::CaseInsensitive) != 0)
            return false;
        const std::vector<LabelPair> key = parseGroup(g->group);
        if (!c.job.isEmpty() && jobOf(key) != c.job)
            return false;
        if (!c.groupingKey.empty() && !sameKey(key, c.groupingKey))
            return false;
        return true;
    }
    case K::Scrape: {
        const ScrapeEvent *s = event.as<ScrapeEvent>();
        if (!s)
            return false;
        if (c.failed == s->up())
            return false;
        if (!c.job.isEmpty() && s->job != c.job)
            return false;
        if (!c.subject.isEmpty() && event.subject != c.subject && s->instance != c.subject)
            return false;
        if (!c.errorKind.isEmpty() && scrapeErrorKind(s->error) != c.errorKind)
            return false;
        return true;
    }
    case K::Target: {
        const TargetEvent *t = event.as<TargetEvent>();
        if (!t)
            return false;
        if (!c.subject.isEmpty() && event.subject != c.subject)
            return false;
        return changeName(t->change) == c.change;
    }
    case K::Gateway: {
        const GatewayAdminEvent *g = event.as<GatewayAdminEvent>();
        if (!g)
            return false;
        const QString change = g->change == GatewayAdminEvent::Change::Restarted
                                   ? QStringLiteral("restarted")
                               : g->change == GatewayAdminEvent::Change::GroupDeleted
                                   ? QStringLiteral("group_deleted")
                                   : QStringLiteral("persistence_changed");
        if (change != c.change)
            return false;
        return !c.persistence || *c.persistence == g->persistence;
    }
    default:
        return false;
    }
}

bool LessonRun::evaluateState(const Condition &c, QString *measured) const {
    using K = Condition::Kind;
    switch (c.kind) {
    case K::Query: {
        const QByteArray expr = render(QString::fromUtf8(c.expr)).toUtf8();
        const query::Engine engine(*m_lab->store());
        const auto outcome = engine.instantQuery(expr, now());
        if (const auto *e = std::get_if<query::QueryError>(&outcome)) {
            *measured = tr("error: %1").arg(e->message);
            return false;
        }
        const auto &r = std::get<query::QueryResult>(outcome);
        if (r.type == query::ValueType::Scalar) {
            *measured = formatValue(r.scalar);
            return !std::isnan(r.scalar) && r.scalar != 0;
        }
        if (r.series.empty()) {
            *measured = tr("empty result");
            return false;
        }
        const query::Series &first = r.series.front();
        const QString value =
            first.points.empty() ? QString() : formatValue(first.points.front().v);
        *measured = tr("%n series, first: %1 = %2", nullptr, int(r.series.size()))
                        .arg(first.metric.toString(), value);
        return true;
    }
    case K::Alert: {
        int matching = 0;
        rules::AlertState best = rules::AlertState::Inactive;
        if (rules::RuleManager *rm = m_lab->ruleManager())
            for (const rules::Alert &a : rm->alerts()) {
                if (a.labels.value("alertname") != c.alert)
                    continue;
                if (!std::all_of(
                        c.alertLabels.begin(), c.alertLabels.end(),
                        [&](const LabelPair &p) { return a.labels.value(p.name) == p.value; }))
                    continue;
                if (c.present && a.state != c.alertState)
                    continue;
                ++matching;
                best = std::max(best, a.state);
            }
        *measured = matching == 0 ? tr("no %1 alert").arg(QString::fromUtf8(c.alert))
                                  : tr("%1 %2 (%n instance(s))", nullptr, matching)
                                        .arg(QString::fromUtf8(c.alert),
                                             QString::fromUtf8(rules::alertStateName(best)));
        return c.present ? matching > 0 : matching == 0;
    }
    case K::Config: {
        QStringList jobs;
        for (const ScrapeSubject &s : m_lab->scrapeSubjects()) {
            if (!c.job.isEmpty() && s.target.jobName != c.job)
                continue;
            if (c.scrapes) {
                const QString &w = *c.scrapes;
                const bool ok =
                    (w == QLatin1String("gateway") && s.kind == ScrapeSubject::Kind::Gateway) ||
                    (w == QLatin1String("server") && s.kind == ScrapeSubject::Kind::Server) ||
                    (w == QLatin1String("outside") && s.kind == ScrapeSubject::Kind::Outside) ||
                    (w.startsWith(QLatin1String("target:")) && s.simulated() &&
                     s.name == w.mid(7).toUtf8());
                if (!ok)
                    continue;
            }
            if (c.honorLabels && s.target.honorLabels != *c.honorLabels)
                continue;
            const QString j = QString::fromUtf8(s.target.jobName);
            if (!jobs.contains(j))
                jobs << j;
        }
        *measured = jobs.isEmpty() ? tr("no such scrape job")
                                   : tr("scrape job %1").arg(jobs.join(QStringLiteral(", ")));
        return c.present ? !jobs.isEmpty() : jobs.isEmpty();
    }
    case K::Group: {
        QStringList found;
        if (const PushgatewayServer *g = m_lab->gateway())
            for (const GroupSnapshot &s : g->groups()->groups()) {
                const std::vector<LabelPair> &key = s.key.labels();
                if (!c.job.isEmpty() && jobOf(key) != c.job)
                    continue;
                if (!c.groupingKey.empty() && !sameKey(key, c.groupingKey))
                    continue;
                found << s.key.toString();
            }
        *measured =
            found.isEmpty() ? tr("no such group at the gateway") : found.join(QStringLiteral(", "));
        return c.present ? !found.isEmpty() : found.isEmpty();
    }
    default:
        return false;
    }
}

void LessonRun::evaluate() {
    // Held until the prediction is answered: nothing is read (the events since the step
    // began are read then), nothing measured, the step cannot pass.
    if (!m_lab || !m_started || isFinished() || awaitingPrediction())
        return;
    const Step &step = m_lesson.steps[std::size_t(m_step)];
    StepRecord &r = m_records[std::size_t(m_step)];
    const qint64 t = now();
    const qint64 from = r.checksFromMs >= 0 ? r.checksFromMs : r.startedMs;
    bool changedAny = false;
    // Events since the last evaluation, in order.
    for (;;) {
        EventLog::Page page = m_lab->events()->since(m_cursor, 1000);
        for (const LabEvent &e : page.events)
            for (std::size_t i = 0; i < step.checks.size(); ++i) {
                const Condition &c = step.checks[i];
                CheckState &s = r.checks[i];
                if (!c.isEvent() || s.met || s.expired || e.atMs < r.startedMs)
                    continue;
                if (!matchesEvent(c, e))
                    continue;
                if (c.withinMs >= 0 && e.atMs > from + c.withinMs)
                    continue;
                s.met = true;
                s.metAtMs = e.atMs;
                s.measured = e.message;
                changedAny = true;
            }
        const bool more = page.next > m_cursor && !page.events.empty();
        m_cursor = std::max(m_cursor, page.next);
        if (!more || page.events.size() < 1000)
            break;
    }
    bool all = true;
    for (std::size_t i = 0; i < step.checks.size(); ++i) {
        const Condition &c = step.checks[i];
        CheckState &s = r.checks[i];
        if (!c.isEvent() && !s.expired) {
            QString measured;
            const bool holds = evaluateState(c, &measured);
            if (holds && s.holdingSinceMs < 0)
                s.holdingSinceMs = t;
            if (!holds)
                s.holdingSinceMs = -1;
            const bool met = holds && t - s.holdingSinceMs >= c.forMs;
            if (met && s.metAtMs < 0)
                s.metAtMs = t;
            if (met != s.met || measured != s.measured)
                changedAny = true;
            s.met = met;
            s.measured = measured;
        }
        if (!s.met && !s.expired && c.withinMs >= 0 && t > from + c.withinMs) {
            s.expired = true;
            s.measured = tr("not within %1 s: %2").arg(c.withinMs / 1000.0).arg(s.measured);
            changedAny = true;
        }
        all = all && s.met && !s.expired;
    }
    if (changedAny) {
        Q_EMIT checksChanged(m_step);
        Q_EMIT changed();
    }
    if (!all)
        return;
    r.passedMs = t;
    const int passedStep = m_step;
    Q_EMIT stepPassed(passedStep);
    beginStep(passedStep + 1);
}

QJsonObject LessonRun::reportJson() const {
    QJsonArray steps;
    int right = 0, wrong = 0, hints = 0;
    for (std::size_t i = 0; i < m_lesson.steps.size(); ++i) {
        const Step &s = m_lesson.steps[i];
        const StepRecord &r = m_records[i];
        QJsonObject o{{QStringLiteral("id"), s.id},
                      {QStringLiteral("title"), render(s.title)},
                      {QStringLiteral("passed"), r.passed()},
                      {QStringLiteral("started"), r.startedMs >= 0},
                      {QStringLiteral("hints_used"), r.hintsRequested},
                      {QStringLiteral("hints_shown"), r.hintsShown}};
        if (r.passed())
            o.insert(QStringLiteral("time_s"), (r.passedMs - r.startedMs) / 1000.0);
        else if (r.startedMs >= 0)
            o.insert(QStringLiteral("time_so_far_s"), (now() - r.startedMs) / 1000.0);
        if (s.predict) {
            QJsonObject p{{QStringLiteral("answered"), r.predictionChoice >= 0}};
            if (r.predictionChoice >= 0) {
                const bool ok = r.predictionChoice == s.predict->answer;
                p.insert(QStringLiteral("choice"), r.predictionChoice + 1);
                p.insert(QStringLiteral("correct"), ok);
                (ok ? right : wrong) += 1;
            }
            o.insert(QStringLiteral("prediction"), p);
        }
        QJsonArray checks;
        for (std::size_t j = 0; j < r.checks.size(); ++j)
            checks.append(QJsonObject{{QStringLiteral("path"), s.checks[j].path},
                                      {QStringLiteral("met"), r.checks[j].met},
                                      {QStringLiteral("expired"), r.checks[j].expired},
                                      {QStringLiteral("measured"), r.checks[j].measured}});
        o.insert(QStringLiteral("checks"), checks);
        hints += r.hintsRequested;
        steps.append(o);
    }
    QJsonObject lesson{{QStringLiteral("id"), m_lesson.id},
                       {QStringLiteral("title"), render(m_lesson.title)},
                       {QStringLiteral("file"), m_lesson.file}};
    QJsonObject out{{QStringLiteral("passed"), passed()},
                    {QStringLiteral("student"), m_student},
                    {QStringLiteral("lesson"), lesson},
                    {QStringLiteral("steps"), steps},
                    {QStringLiteral("steps_passed"),
                     int(std::count_if(m_records.begin(), m_records.end(),
                                       [](const StepRecord &r) { return r.passed(); }))},
                    {QStringLiteral("hints_used"), hints},
                    {QStringLiteral("predictions_right"), right},
                    {QStringLiteral("predictions_wrong"), wrong},
                    {QStringLiteral("language"), m_language}};
    if (passed())
        out.insert(QStringLiteral("time_to_pass_s"), timeToPassMs() / 1000.0);
    if (m_startedMs >= 0)
        out.insert(QStringLiteral("started_ms"), m_startedMs);
    return out;
}

bool LessonRun::writeReport(const QString &file, QString *error) const {
    QSaveFile f(file);
    if (f.open(QIODevice::WriteOnly) &&
        f.write(QJsonDocument(reportJson()).toJson(QJsonDocument::Indented)) >= 0 && f.commit())
        return true;
    if (error)
        *error = tr("cannot write %1: %2").arg(file, f.errorString());
    return false;
}

} // namespace ppl::lesson
