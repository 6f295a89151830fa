#include "gatewayclient.h"

#include "util/clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

namespace ppl {

QByteArray pushMethodVerb(PushMethod method) {
    switch (method) {
    case PushMethod::Put:
        return "PUT";
    case PushMethod::Post:
        return "POST";
    case PushMethod::Delete:
        return "DELETE";
    }
    return "PUT";
}

GatewayClient::GatewayClient(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_nam(new QNetworkAccessManager(this)) {}

GatewayClient::~GatewayClient() {
    // Replies die with the access manager without finishing: their I/O holds end here.
    if (QPointer<Clock> clock = m_clock; clock)
        for (; m_ioHeld > 0; --m_ioHeld)
            clock->endIo();
}

void GatewayClient::setBlocked(bool blocked, const QString &reason) {
    m_blocked = blocked;
    m_blockedReason = reason;
}

QUrl GatewayClient::groupUrl(const QUrl &gateway, const std::vector<LabelPair> &groupingKey) {
    QByteArray path = gateway.path(QUrl::FullyEncoded).toUtf8();
    while (path.endsWith('/'))
        path.chop(1);
    path += "/metrics";
    for (const LabelPair &l : groupingKey) {
        if (l.value.isEmpty() || l.value.contains('/')) {
            const QByteArray b64 =
                l.value.toBase64(QByteArray::Base64UrlEncoding | QByteArray::KeepTrailingEquals);
            path += '/' + l.name + "@base64/" + (b64.isEmpty() ? QByteArray("=") : b64);
        } else {
            path += '/' + l.name + '/' + l.value.toPercentEncoding();
        }
    }
    QUrl url = gateway;
    url.setPath(QString::fromLatin1(path), QUrl::StrictMode);
    return url;
}

void GatewayClient::send(PushMethod method, const QUrl &gateway,
                         const std::vector<LabelPair> &groupingKey, const QByteArray &body,
                         QObject *context, Done done) {
    PushResult result;
    result.method = method;
    result.url = groupUrl(gateway, groupingKey);
    result.groupingKey = groupingKey;
    result.atMs = m_clock->nowMs();
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    auto finish = [this, guard, hasContext, done](const PushResult &r) {
        if (hasContext && !guard)
            return;
        if (done)
            done(r);
        Q_EMIT finished(r);
    };

    if (m_blocked) {
        result.reason =
            m_blockedReason.isEmpty()
                ? QCoreApplication::translate("ppl::GatewayClient", "network partitioned")
                : m_blockedReason;
        QTimer::singleShot(0, this, [finish, result] { finish(result); });
        return;
    }

    result.bytes = method == PushMethod::Delete ? 0 : body.size();
    QNetworkRequest request(result.url);
    request.setTransferTimeout(m_timeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray(UserAgent));
    if (const auto it = m_authorization.constFind(
            result.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString());
        it != m_authorization.constEnd())
        request.setRawHeader("Authorization", *it);
    QNetworkReply *reply = nullptr;
    switch (method) {
    case PushMethod::Put:
        reply = m_nam->put(request, body);
        break;
    case PushMethod::Post:
        reply = m_nam->post(request, body);
        break;
    case PushMethod::Delete:
        reply = m_nam->deleteResource(request);
        break;
    }
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    m_clock->beginIo();
    ++m_ioHeld;
    connect(reply, &QNetworkReply::finished, this, [this, reply, result, timer, finish]() mutable {
        reply->deleteLater();
        --m_ioHeld;
        m_clock->endIo();
        result.durationMs = timer->elapsed();
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll().trimmed();
        if (result.status >= 200 && result.status < 300) {
            result.ok = true;
        } else if (result.status != 0) {
            result.reason = answer.isEmpty() ? reply->errorString() : QString::fromUtf8(answer);
        } else {
            result.reason = reply->errorString();
        }
        finish(result);
    });
}

void GatewayClient::setCredentials(const QUrl &gateway, const QByteArray &user,
                                   const QByteArray &password) {
    if (user.isEmpty()) {
        m_authorization.remove(gateway.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString());
        return;
    }
    m_authorization.insert(gateway.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString(),
                           "Basic " + (user + ':' + password).toBase64());
}

} // namespace ppl
