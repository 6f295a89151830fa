#include "childserver.h"

#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTimer>

namespace ppl::engine {

namespace {
constexpr qsizetype OutputKept = 16 * 1024;
constexpr int StartAttempts = 3;
constexpr int PollIntervalMs = 100;

quint16 freeLoopbackPort() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort(); // released when probe goes; the child binds it next
}
} // namespace

ChildServer::ChildServer(ChildSpec spec, QObject *parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_network(new QNetworkAccessManager(this))
    , m_pollTimer(new QTimer(this)) {
    m_pollTimer->setInterval(PollIntervalMs);
    m_pollTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, this, &ChildServer::poll);
}

ChildServer::~ChildServer() {
    stop();
}

bool ChildServer::checkProgram(QString *error) const {
    const QFileInfo info(m_spec.program);
    if (info.exists() && info.isExecutable())
        return true;
    if (error)
        *error = tr("%1 is not installed: %2 not found (install the Debian package %3)")
                     .arg(m_spec.name, m_spec.program, m_spec.debianPackage);
    return false;
}

quint16 ChildServer::reservePort() {
    m_port = freeLoopbackPort();
    return m_port;
}

QUrl ChildServer::url() const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

qint64 ChildServer::processId() const {
    return m_process && m_process->state() != QProcess::NotRunning ? m_process->processId() : 0;
}

bool ChildServer::start(QString *error) {
    if (!checkProgram(error)) {
        m_lastError = error ? *error : QString();
        setState(State::Failed);
        return false;
    }
    stop();
    if (m_port == 0 && reservePort() == 0) {
        const QString why = tr("%1: no free loopback port").arg(m_spec.name);
        if (error)
            *error = why;
        m_lastError = why;
        setState(State::Failed);
        return false;
    }
    m_attempt = 0;
    m_lastError.clear();
    launch();
    return true;
}

void ChildServer::launch() {
    ++m_attempt;
    m_output.clear();
    m_stopping = false;
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    if (!m_spec.workingDirectory.isEmpty())
        m_process->setWorkingDirectory(m_spec.workingDirectory);
    QProcess *p = m_process.get();
    connect(p, &QProcess::readyRead, this, [this, p] {
        m_output += p->readAll();
        if (m_output.size() > OutputKept)
            m_output.remove(0, m_output.size() - OutputKept);
    });
    connect(p, &QProcess::finished, this, &ChildServer::onFinished);
    connect(p, &QProcess::errorOccurred, this, [this, p](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            fail(tr("%1: %2 did not start: %3").arg(m_spec.name, m_spec.program, p->errorString()));
    });
    setState(State::Starting);
    m_readyDeadline = QDeadlineTimer(m_spec.readyTimeoutMs);
    p->start(m_spec.program, m_spec.args + QStringList{m_spec.listenFlag + QLatin1Char('=') +
                                                       QString::fromLatin1(address())});
    m_pollTimer->start();
}

void ChildServer::poll() {
    if (m_state != State::Starting || m_probe)
        return;
    if (m_readyDeadline.hasExpired()) {
        fail(tr("%1 did not answer %2 within %3 s: %4")
                 .arg(m_spec.name, m_spec.readyPath)
                 .arg(m_spec.readyTimeoutMs / 1000.0)
                 .arg(outputTail(5).join(QLatin1Char('\n'))));
        return;
    }
    QNetworkRequest request(url().resolved(QUrl(m_spec.readyPath)));
    request.setTransferTimeout(1000);
    m_probe = m_network->get(request);
    connect(m_probe, &QNetworkReply::finished, this, [this, reply = m_probe] {
        reply->deleteLater();
        if (reply != m_probe)
            return;
        m_probe = nullptr;
        if (m_state != State::Starting)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 200) {
            setState(State::Ready);
            Q_EMIT ready();
            return;
        }
        m_pollTimer->start();
    });
}

void ChildServer::onFinished(int exitCode, QProcess::ExitStatus status) {
    const bool crashed = status == QProcess::CrashExit;
    if (m_stopping)
        return;
    m_pollTimer->stop();
    if (m_process)
        m_output += m_process->readAll();
    const State was = m_state;
    if (was == State::Starting) {
        // Our probe's port was taken before the child bound it: another port, again.
        if (m_output.contains("address already in use") && m_attempt < StartAttempts) {
            reservePort();
            Q_EMIT portChanged(m_port);
            launch();
            return;
        }
        fail(tr("%1 did not start: %2").arg(m_spec.name, exitText(exitCode, crashed)));
        return;
    }
    if (was == State::Ready) {
        const QString message = tr("%1 stopped: %2").arg(m_spec.name, exitText(exitCode, crashed));
        m_lastError = message;
        setState(State::Failed);
        Q_EMIT died(exitCode, crashed, message);
    }
}

QString ChildServer::exitText(int exitCode, bool crashed) const {
    // On Unix, QProcess reports the terminating signal as the exit code of a crash.
    const QString how =
        crashed ? tr("killed by signal %1").arg(exitCode) : tr("exited with code %1").arg(exitCode);
    const QStringList tail = outputTail(5);
    return tail.isEmpty() ? how : how + QLatin1Char('\n') + tail.join(QLatin1Char('\n'));
}

void ChildServer::fail(const QString &error) {
    m_lastError = error;
    m_pollTimer->stop();
    if (m_probe) {
        QNetworkReply *probe = m_probe;
        m_probe = nullptr;
        probe->abort();
    }
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_stopping = true;
        m_process->kill();
        m_process->waitForFinished(m_spec.stopGraceMs);
    }
    setState(State::Failed);
    Q_EMIT failed(error);
}

void ChildServer::stop() {
    m_pollTimer->stop();
    if (m_probe) {
        QNetworkReply *probe = m_probe;
        m_probe = nullptr;
        probe->abort();
    }
    if (m_process) {
        m_stopping = true;
        if (m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(m_spec.stopGraceMs)) {
                m_process->kill();
                m_process->waitForFinished(1000);
            }
        }
        m_process->disconnect(this);
        m_process.reset();
    }
    setState(State::Stopped);
}

bool ChildServer::restart(QString *error) {
    stop();
    return start(error);
}

QStringList ChildServer::outputTail(int lines) const {
    QStringList all = QString::fromUtf8(m_output).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (all.size() > lines)
        all = all.mid(all.size() - lines);
    return all;
}

void ChildServer::setState(State s) {
    if (s == m_state)
        return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

} // namespace ppl::engine
