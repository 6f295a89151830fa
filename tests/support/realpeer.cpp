#include "realpeer.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

namespace ppl::test {

RealPeer::RealPeer(QString program, QStringList argsBeforeListen)
    : m_program(std::move(program))
    , m_args(std::move(argsBeforeListen)) {}

RealPeer::~RealPeer() {
    stop();
}

bool RealPeer::available(const QString &program) {
    return !QStandardPaths::findExecutable(program).isEmpty();
}

bool RealPeer::start(const QString &listenFlag, const QString &readyPath, int timeoutMs,
                     int readyStatus) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_port = freeLoopbackPort();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setWorkingDirectory(m_dir.path());
        QStringList args = m_args;
        args << QStringLiteral("%1=127.0.0.1:%2").arg(listenFlag).arg(m_port);
        m_process->start(m_program, args);
        if (!m_process->waitForStarted(5000))
            return false;
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
            const HttpReply r = httpRequest("GET", url(readyPath), {}, {}, 1000);
            if (r.status == readyStatus)
                return true;
            // Poll with a short bounded wait on the process itself, not a bare sleep.
            m_process->waitForFinished(50);
        }
        stop(); // port taken by someone else between our probe and its bind, or too slow
    }
    return false;
}

void RealPeer::stop() {
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(2000);
        }
    }
}

bool RealPeer::isRunning() const {
    return m_process && m_process->state() == QProcess::Running;
}

QUrl RealPeer::url(const QString &path) const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
}

QString RealPeer::output() const {
    return m_process ? QString::fromUtf8(m_process->readAll()) : QString();
}

quint16 freeLoopbackPort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QByteArray RawHttpReply::header(const QByteArray &name) const {
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    for (const QByteArray &line : bytes.left(end < 0 ? bytes.size() : end).split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QByteArray RawHttpReply::body() const {
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    return end < 0 ? QByteArray() : bytes.mid(end + 4);
}

RawHttpReply rawHttp(quint16 port, const QByteArray &request, int timeoutMs, bool untilClosed) {
    // An event loop, not blocking waits: the server may live on this very thread.
    RawHttpReply out;
    QTcpSocket socket;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] { socket.write(request); });
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        out.bytes += socket.readAll();
        bool ok = false;
        const qsizetype length = out.header("Content-Length").toLongLong(&ok);
        if (!untilClosed && ok && out.bytes.contains("\r\n\r\n") && out.body().size() >= length)
            loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, [&] {
        out.closed = true;
        loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, [&] {
        if (socket.state() != QAbstractSocket::ConnectedState)
            loop.quit();
    });
    timer.start(timeoutMs);
    socket.connectToHost(QHostAddress::LocalHost, port);
    loop.exec();
    out.bytes += socket.readAll();
    out.closed = out.closed || socket.state() == QAbstractSocket::UnconnectedState;
    if (out.bytes.startsWith("HTTP/1.")) {
        const QList<QByteArray> parts = out.bytes.left(out.bytes.indexOf('\n')).split(' ');
        out.status = parts.value(1).toInt();
    }
    return out;
}

HttpReply httpRequest(const QByteArray &method, const QUrl &url, const QByteArray &body,
                      const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs) {
    QNetworkAccessManager nam;
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    for (const auto &h : headers)
        req.setRawHeader(h.first, h.second);
    // A custom "HEAD" would wait for the body its Content-Length announces.
    QNetworkReply *reply =
        method == "HEAD" ? nam.head(req) : nam.sendCustomRequest(req, method, body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    HttpReply out;
    if (!reply->isFinished()) {
        reply->abort();
        out.error = QStringLiteral("timeout");
    } else {
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.headers = reply->rawHeaderPairs();
        if (out.status == 0)
            out.error = reply->errorString();
    }
    reply->deleteLater();
    return out;
}

QMap<QString, QString> instantQuery(const QUrl &base, const QString &query) {
    QUrl url = base.resolved(QUrl(QStringLiteral("/api/v1/query")));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("query"), QString::fromUtf8(QUrl::toPercentEncoding(query)));
    url.setQuery(q);
    const QJsonArray result = QJsonDocument::fromJson(httpRequest("GET", url).body)
                                  .object()
                                  .value(QLatin1String("data"))
                                  .toObject()
                                  .value(QLatin1String("result"))
                                  .toArray();
    QMap<QString, QString> out;
    for (const QJsonValue &v : result) {
        const QJsonObject metric = v.toObject().value(QLatin1String("metric")).toObject();
        QStringList parts;
        for (auto it = metric.begin(); it != metric.end(); ++it)
            parts.append(it.key() + QLatin1Char('=') + it.value().toString());
        parts.sort();
        out.insert(parts.join(QLatin1Char(',')),
                   v.toObject().value(QLatin1String("value")).toArray().at(1).toString());
    }
    return out;
}

} // namespace ppl::test
