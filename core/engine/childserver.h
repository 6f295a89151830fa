#pragma once

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace ppl::engine {

// One real server binary run as a child process on a loopback port.
struct ChildSpec {
    QString name;          // for messages: "prometheus"
    QString program;       // the binary, e.g. /usr/bin/prometheus
    QString debianPackage; // named when program is missing
    QStringList args;      // everything but the listen flag
    QString listenFlag = QStringLiteral("--web.listen-address");
    QString readyPath = QStringLiteral("/-/ready"); // answers 200 once it serves
    QString workingDirectory;
    int readyTimeoutMs = 30000;
    int stopGraceMs = 5000; // SIGTERM, then SIGKILL after this long
};

// A child server: started with QProcess on a loopback port chosen as the OS hands out port 0
// (bind, read, release — the binaries cannot report a port they chose themselves), ready once
// GET readyPath answers 200 within a bound. The port can be taken between our probe and the
// child's bind: a child that exits during start saying "address already in use" is started
// again on another port (portChanged() first, so a configuration naming the port can be
// rewritten). A child that dies once ready is reported with its exit code (or signal) and
// the last lines it printed. Stopped (SIGTERM, then kill) when destroyed.
// Thread affinity: the creating thread; no call blocks but stop() (bounded by stopGraceMs).
class ChildServer : public QObject {
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Ready, Failed };
    Q_ENUM(State)

    explicit ChildServer(ChildSpec spec, QObject *parent = nullptr);
    ~ChildServer() override;

    const ChildSpec &spec() const { return m_spec; }
    // Whether the binary is there; else *error names the Debian package to install.
    bool checkProgram(QString *error) const;
    // Chooses the port the next start() listens on (so a configuration can name it first).
    quint16 reservePort();
    // False with *error when the binary is missing or cannot be executed; otherwise the child
    // is on its way: ready() or failed() follows. Keeps a reserved port.
    bool start(QString *error = nullptr);
    void stop();
    // stop() and start() on the same port.
    bool restart(QString *error = nullptr);

    State state() const { return m_state; }
    bool isReady() const { return m_state == State::Ready; }
    quint16 port() const { return m_port; }
    QUrl url() const; // http://127.0.0.1:PORT
    QByteArray address() const { return "127.0.0.1:" + QByteArray::number(m_port); }
    qint64 processId() const;
    // The last lines the child printed (stdout and stderr merged), oldest first.
    QStringList outputTail(int lines = 10) const;
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void ready();
    void failed(const QString &error); // it did not become ready (exited, timed out)
    // It ended while ready, not by stop(): "prometheus exited with code 1: …".
    void died(int exitCode, bool crashed, const QString &message);
    void portChanged(quint16 port); // a retry after "address already in use", before it runs
    void stateChanged(ppl::engine::ChildServer::State state);

private:
    void launch();
    void poll();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void fail(const QString &error);
    void setState(State s);
    QString exitText(int exitCode, bool crashed) const;

    ChildSpec m_spec;
    std::unique_ptr<QProcess> m_process;
    QNetworkAccessManager *m_network;
    QTimer *m_pollTimer;
    QNetworkReply *m_probe = nullptr;
    QDeadlineTimer m_readyDeadline;
    QByteArray m_output; // the newest bytes it printed (bounded)
    QString m_lastError;
    State m_state = State::Stopped;
    quint16 m_port = 0;
    int m_attempt = 0;
    bool m_stopping = false;
};

} // namespace ppl::engine
