#pragma once

#include "util/requestguard.h"

#include <QHttpServerResponse>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <optional>

class QHttpServer;
class QHttpServerRequest;

namespace ppl {

// Prometheus's envelope and the guard's refusal, shared by every /lab/* route (lab, lesson).
namespace labapi {
QHttpServerResponse success(const QJsonValue &data);
QHttpServerResponse failure(QHttpServerResponse::StatusCode status, const QString &type,
                            const QString &message);
// The guard's refusal as a response, or nullopt when the request may go on (or no guard).
std::optional<QHttpServerResponse>
refusal(const RequestGuard *guard, const QHttpServerRequest &request, RequestGuard::Body body);
} // namespace labapi

class Lab;

// The /lab/* control API (documented in docs/scenarios.md): JSON in and out, every operation
// of the Lab as a POST on the thing it acts on, state as GETs, the event log by cursor.
// Answers use Prometheus's envelope: {"status":"success","data":…} or
// {"status":"error","errorType":"not_found"|"bad_data"|"conflict","error":"…"}.
class LabControlApi : public QObject {
    Q_OBJECT
public:
    explicit LabControlApi(Lab *lab, QObject *parent = nullptr);

    // Adds the /lab/* routes to server (the lab server's, next to /api/v1/*). The lab must
    // outlive the server; requests after the lab is gone get 503. Every POST passes guard
    // first (owned by the server, which outlives the routes); null: no checks.
    void registerRoutes(QHttpServer *server, const RequestGuard *guard);

    // The JSON views, also used by the GUI's debug panels and tests.
    QJsonObject targetsJson() const;
    QJsonObject jobsJson() const;
    QJsonObject podsJson() const;
    QJsonObject statusJson() const;
    QJsonObject clockJson() const; // /lab/clock

private:
    // The guard's refusal as a response, or nullopt when the request may go on.
    std::optional<QHttpServerResponse> refused(const QHttpServerRequest &request,
                                               RequestGuard::Body body) const;
    QHttpServerResponse targetOp(const QString &name, const QString &op,
                                 const QHttpServerRequest &request);
    QHttpServerResponse jobOp(const QString &name, const QString &op);
    QHttpServerResponse podOp(const QString &name, const QString &op,
                              const QHttpServerRequest &request);
    QHttpServerResponse addPod(const QHttpServerRequest &request);
    QHttpServerResponse gatewayOp(const QString &op, const QHttpServerRequest &request);
    QHttpServerResponse events(const QHttpServerRequest &request);
    QHttpServerResponse clockOp(const QHttpServerRequest &request);

    QPointer<Lab> m_lab;
    const RequestGuard *m_guard = nullptr;
};

} // namespace ppl
