#include "lessoncontrolapi.h"

#include "lab/labcontrolapi.h"
#include "lessonrun.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>

namespace ppl::lesson {

namespace {

using Status = QHttpServerResponse::StatusCode;

using labapi::failure;
using labapi::success;

QHttpServerResponse gone() {
    return failure(Status::ServiceUnavailable, QStringLiteral("unavailable"),
                   LessonControlApi::tr("the lesson is shutting down"));
}

} // namespace

LessonControlApi::LessonControlApi(QObject *parent)
    : QObject(parent) {}

QJsonObject LessonControlApi::lessonJson() const {
    const LessonRun *r = m_run;
    const Lesson &lesson = r->lesson();
    QJsonObject out{{QStringLiteral("id"), lesson.id},
                    {QStringLiteral("title"), r->render(lesson.title)},
                    {QStringLiteral("student"), r->student()},
                    {QStringLiteral("language"), r->language()},
                    {QStringLiteral("stepCount"), r->stepCount()},
                    {QStringLiteral("step"), r->currentStep()},
                    {QStringLiteral("finished"), r->isFinished()},
                    {QStringLiteral("passed"), r->passed()}};
    QJsonArray steps;
    for (int i = 0; i < r->stepCount(); ++i) {
        const Step &s = lesson.steps[std::size_t(i)];
        const LessonRun::StepRecord &rec = r->record(i);
        QJsonObject o{{QStringLiteral("id"), s.id},
                      {QStringLiteral("title"), r->render(s.title)},
                      {QStringLiteral("passed"), rec.passed()}};
        // Whether a prediction was right shows once the step passed (as the window does).
        if (s.predict && rec.predictionChoice >= 0 && rec.passed())
            o.insert(QStringLiteral("predictionCorrect"),
                     rec.predictionChoice == s.predict->answer);
        steps.append(o);
    }
    out.insert(QStringLiteral("steps"), steps);
    if (r->isFinished() || !r->isStarted())
        return out;
    const int index = r->currentStep();
    const Step &s = lesson.steps[std::size_t(index)];
    const LessonRun::StepRecord &rec = r->record(index);
    QJsonObject current{{QStringLiteral("index"), index},
                        {QStringLiteral("id"), s.id},
                        {QStringLiteral("title"), r->render(s.title)},
                        {QStringLiteral("text"), r->stepText(index)},
                        {QStringLiteral("awaitingPrediction"), r->awaitingPrediction()}};
    if (s.predict) {
        QJsonArray choices;
        for (const Text &c : s.predict->choices)
            choices.append(r->render(c));
        QJsonObject p{{QStringLiteral("question"), r->render(s.predict->question)},
                      {QStringLiteral("choices"), choices},
                      {QStringLiteral("answered"), rec.predictionChoice >= 0}};
        if (rec.predictionChoice >= 0)
            p.insert(QStringLiteral("choice"), rec.predictionChoice + 1);
        current.insert(QStringLiteral("prediction"), p);
    }
    QJsonArray checks;
    const std::vector<LessonRun::CheckState> states = r->checkStates();
    for (std::size_t i = 0; i < s.checks.size() && i < states.size(); ++i)
        checks.append(QJsonObject{{QStringLiteral("path"), s.checks[i].path},
                                  {QStringLiteral("met"), states[i].met},
                                  {QStringLiteral("expired"), states[i].expired},
                                  {QStringLiteral("measured"), states[i].measured}});
    current.insert(QStringLiteral("checks"), checks);
    QJsonArray hints;
    for (int i = 0; i < rec.hintsShown && i < s.hints.size(); ++i)
        hints.append(r->render(s.hints[i].text));
    current.insert(QStringLiteral("hints"), hints);
    current.insert(QStringLiteral("hintsLeft"), int(s.hints.size()) - rec.hintsShown);
    out.insert(QStringLiteral("current"), current);
    return out;
}

std::optional<QHttpServerResponse>
LessonControlApi::refused(const QHttpServerRequest &request) const {
    return labapi::refusal(m_guard, request, RequestGuard::Body::Json);
}

void LessonControlApi::registerRoutes(QHttpServer *server, const RequestGuard *guard) {
    using M = QHttpServerRequest::Method;
    m_guard = guard;
    const QPointer<LessonControlApi> self(this);
    const auto noLesson = [] {
        return failure(Status::NotFound, QStringLiteral("not_found"),
                       LessonControlApi::tr("no lesson is running"));
    };
    server->route(QStringLiteral("/lab/lesson"), M::Get, [self, noLesson] {
        if (!self)
            return gone();
        if (!self->m_run)
            return noLesson();
        return success(self->lessonJson());
    });
    server->route(QStringLiteral("/lab/lesson/predict"), M::Post,
                  [self, noLesson](const QHttpServerRequest &r) {
                      if (!self)
                          return gone();
                      if (auto no = self->refused(r))
                          return std::move(*no);
                      if (!self->m_run)
                          return noLesson();
                      return self->predict(r);
                  });
    server->route(QStringLiteral("/lab/lesson/hint"), M::Post,
                  [self, noLesson](const QHttpServerRequest &r) {
                      if (!self)
                          return gone();
                      if (auto no = self->refused(r))
                          return std::move(*no);
                      if (!self->m_run)
                          return noLesson();
                      return self->hint();
                  });
}

QHttpServerResponse LessonControlApi::predict(const QHttpServerRequest &request) {
    LessonRun *r = m_run;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &pe);
    const QJsonValue choice = doc.isObject() ? doc.object().value(QStringLiteral("choice"))
                                             : QJsonValue(QJsonValue::Undefined);
    if (pe.error != QJsonParseError::NoError || !doc.isObject() || !choice.isDouble() ||
        choice.toDouble() != double(choice.toInt()))
        return failure(Status::BadRequest, QStringLiteral("bad_data"),
                       tr("expected {\"choice\": N}, N the number of a choice counted from 1"));
    if (!r->isStarted() || r->isFinished())
        return failure(Status::Conflict, QStringLiteral("conflict"),
                       tr("the lesson has no current step"));
    const int index = r->currentStep();
    const Step &s = r->lesson().steps[std::size_t(index)];
    if (!s.predict)
        return failure(Status::Conflict, QStringLiteral("conflict"),
                       tr("step %1 asks no prediction").arg(s.id));
    if (r->record(index).predictionChoice >= 0)
        return failure(Status::Conflict, QStringLiteral("conflict"),
                       tr("the prediction of step %1 is already answered (choice %2)")
                           .arg(s.id)
                           .arg(r->record(index).predictionChoice + 1));
    const int n = choice.toInt();
    if (n < 1 || n > s.predict->choices.size())
        return failure(Status::BadRequest, QStringLiteral("bad_data"),
                       tr("choice is a number from 1 to %1").arg(s.predict->choices.size()));
    r->answerPrediction(n - 1);
    return success(QJsonObject{{QStringLiteral("step"), s.id},
                               {QStringLiteral("choice"), n},
                               {QStringLiteral("answered"), true}});
}

QHttpServerResponse LessonControlApi::hint() {
    LessonRun *r = m_run;
    if (!r->isStarted() || r->isFinished())
        return failure(Status::Conflict, QStringLiteral("conflict"),
                       tr("the lesson has no current step"));
    const int index = r->currentStep();
    const Step &s = r->lesson().steps[std::size_t(index)];
    const int h = r->revealHint();
    if (h < 0)
        return failure(Status::Conflict, QStringLiteral("conflict"),
                       tr("step %1 has no more hints").arg(s.id));
    return success(QJsonObject{{QStringLiteral("step"), s.id},
                               {QStringLiteral("hint"), h + 1},
                               {QStringLiteral("text"), r->render(s.hints[h].text)},
                               {QStringLiteral("hintsLeft"), int(s.hints.size()) - h - 1}});
}

} // namespace ppl::lesson
