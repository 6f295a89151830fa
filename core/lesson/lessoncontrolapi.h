#pragma once

#include "util/requestguard.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <optional>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;

namespace ppl::lesson {

class LessonRun;

// The lesson a student works through, over the lab's API (docs/lessons.md), for a lesson
// without a window (`--headless --lesson`):
//   GET  /lab/lesson          the lesson, the current step, its prediction and checks
//   POST /lab/lesson/predict  {"choice": N} answers the current step's prediction (N counts
//                             from 1, as `answer:` in the lesson file and the report do)
//   POST /lab/lesson/hint     reveals the current step's next hint
// The POSTs pass the lab server's RequestGuard first, as every other /lab POST. Answers use
// the /lab envelope ({"status":"success","data":…} or an error with errorType).
class LessonControlApi : public QObject {
    Q_OBJECT
public:
    explicit LessonControlApi(QObject *parent = nullptr);

    // The run the routes act on; null: no lesson (404).
    void setRun(LessonRun *run) { m_run = run; }
    LessonRun *run() const { return m_run; }

    // Adds the routes to server; guard (owned by the server) checks every POST, null: no
    // checks. Requests after this object is gone get 503.
    void registerRoutes(QHttpServer *server, const RequestGuard *guard);

    // The GET /lab/lesson data.
    QJsonObject lessonJson() const;

private:
    std::optional<QHttpServerResponse> refused(const QHttpServerRequest &request) const;
    QHttpServerResponse predict(const QHttpServerRequest &request);
    QHttpServerResponse hint();

    QPointer<LessonRun> m_run;
    const RequestGuard *m_guard = nullptr;
};

} // namespace ppl::lesson
