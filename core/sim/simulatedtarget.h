#pragma once

#include "gatewayclient.h"
#include "metricprofile.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <map>
#include <memory>
#include <optional>

namespace ppl {

class Clock;

// The fault a target is in. One at a time; heal() returns to None. Killing and starting the
// process is separate (isRunning()), so a killed target keeps its fault for the next start.
enum class TargetFault {
    None,
    Hang,     // connections are accepted, requests never answered: the scrape times out
    Slow,     // every answer is delayed by faultParamMs (lab clock)
    Flap,     // the port is closed and reopened every faultParamMs (lab clock); no restart
    Firewall, // every inbound connection is refused; the process and its pushes carry on
    Error,    // answers 500 (faultParamMs == 0) or 200 with malformed text (faultParamMs == 1)
};
QString targetFaultName(TargetFault fault); // "none", "hang", … (stable, for JSON and YAML)
std::optional<TargetFault> targetFaultFromName(QStringView name);

enum class ErrorKind { Http500 = 0, Malformed = 1 };

// The target pushing its own metrics every intervalMs (what a service behind a firewall does).
struct SelfPush {
    QUrl gateway;
    std::vector<LabelPair> groupingKey; // default: job=<target name>
    qint64 intervalMs = 15000;
    PushMethod method = PushMethod::Put;
};

// The exposition format a target offers. OpenMetrics is served, as the official client
// libraries do, only to a client whose Accept header asks for it (Prometheus's does); others
// get the text format.
enum class TargetFormat { Text, OpenMetrics };
QString targetFormatName(TargetFormat format); // "text", "openmetrics" (for JSON and YAML)
std::optional<TargetFormat> targetFormatFromName(QStringView name);

struct TargetOptions {
    QByteArray name;
    QHostAddress host = QHostAddress::LocalHost;
    quint16 port = 0; // 0: the OS chooses at the first start; later starts reuse it
    MetricProfile profile = MetricProfile::service();
    QByteArray metricsPath = "/metrics";
    TargetFormat format = TargetFormat::Text;
    std::optional<SelfPush> push;
};

// One answered HTTP request, for the event log and the topology animation.
struct TargetRequest {
    QByteArray target;
    QByteArray method;
    QByteArray path;
    QByteArray userAgent;
    int status = 0;
    qint64 bytes = 0;
    qint64 receivedMs = 0; // lab clock
    qint64 answeredMs = 0; // lab clock (differs from receivedMs when slow)
};

// A simulated long-running service: its own HTTP server on 127.0.0.1 serving /metrics in text
// format 0.0.4, values following the lab clock, and fault modes switchable at any time.
//
// The HTTP side is a deliberately tiny HTTP/1.1 responder on plain non-blocking sockets, not
// QHttpServer: the fault modes are socket-level behaviours (close the port and reset
// established connections, accept and never answer, answer late from the lab clock, send
// malformed bytes) that QHttpServer 6.4 does not let a handler express safely. It answers GET
// and HEAD of one path, with keep-alive, which is all a scraper or curl needs.
// All targets of a thread share one epoll set, which the Qt event loop sees as a single
// socket notifier: with a QTcpServer per target, every wakeup of the lab's loop walked
// thousands of sockets (glib polls each registered fd), and bench_world's loop stalled.
//
// Thread affinity: the thread of the clock.
class SimulatedTarget : public QObject {
    Q_OBJECT
public:
    // pusher may be null when options.push is not set.
    SimulatedTarget(TargetOptions options, Clock *clock, GatewayClient *pusher = nullptr,
                    QObject *parent = nullptr);
    ~SimulatedTarget() override;

    // Starts the process: listens (on the same port as before after the first start), resets
    // its counters and moves process_start_time_seconds. False (and *error) if the port cannot
    // be bound or it already runs.
    bool start(QString *error = nullptr);
    // Kills the process: the port closes (connection refused), open connections are reset.
    void kill();
    bool restart(QString *error = nullptr) {
        kill();
        return start(error);
    }

    void setFault(TargetFault fault, qint64 paramMs = 0);
    void hang() { setFault(TargetFault::Hang); }
    void slow(qint64 delayMs) { setFault(TargetFault::Slow, delayMs); }
    void flap(qint64 periodMs) { setFault(TargetFault::Flap, periodMs); }
    void firewall() { setFault(TargetFault::Firewall); }
    void error(ErrorKind kind = ErrorKind::Http500) { setFault(TargetFault::Error, qint64(kind)); }
    void heal() { setFault(TargetFault::None); }
    // A network partition between the lab's server and the world: inbound connections are
    // refused like a firewall's, independent of (and kept across) fault changes.
    void setPartitioned(bool partitioned);
    bool isPartitioned() const { return m_partitioned; }

    QByteArray name() const { return m_options.name; }
    const TargetOptions &options() const { return m_options; }
    bool isRunning() const { return m_running; }
    bool isListening() const; // running, not firewalled or partitioned, not in a flap's down phase
    TargetFault fault() const { return m_fault; }
    qint64 faultParamMs() const { return m_faultParam; }
    quint16 port() const { return m_port; }
    QHostAddress host() const { return m_options.host; }
    QByteArray address() const; // host:port, as a static_config target
    QUrl metricsUrl() const;
    qint64 startTimeMs() const { return m_startMs; }
    quint64 requestCount() const { return m_requests; }
    quint64 pushCount() const { return m_pushes; }

    void setProfile(const MetricProfile &profile) { m_options.profile = profile; }
    void setFormat(TargetFormat format);
    TargetFormat format() const { return m_options.format; }
    void setSelfPush(std::optional<SelfPush> push);
    // The exposition the target would answer now (in OpenMetrics when openMetrics).
    QByteArray renderMetrics(bool openMetrics = false) const;

Q_SIGNALS:
    // A request arrived (status 0): with hang or slow it is answered late or never.
    void requestReceived(const ppl::TargetRequest &request);
    void requestServed(const ppl::TargetRequest &request);
    void stateChanged(); // running, listening or fault changed
    void pushFinished(const ppl::PushResult &result);

private:
    struct Connection;
    bool openListener(QString *error);
    void applyListening();
    void closeListener(bool resetConnections);
    void onListenerEvent();
    void onConnectionEvent(quint64 id, quint32 events);
    void closeConnection(quint64 id);
    // These return false when the connection was closed (a close after the last write).
    bool write(Connection *c, QByteArrayView data);
    bool flush(Connection *c);
    bool finishWrite(Connection *c);
    void processBuffer(quint64 id);
    void answer(quint64 id, const QByteArray &method, const QByteArray &path,
                const QByteArray &userAgent, bool keepAlive, bool openMetrics, qint64 receivedMs);
    void scheduleFlap();
    void schedulePush();
    void pushNow();

    TargetOptions m_options;
    Clock *m_clock;
    GatewayClient *m_pusher;
    int m_listenFd = -1;
    quint64 m_listenId = 0;
    std::map<quint64, std::unique_ptr<Connection>> m_connections; // by poller id
    bool m_running = false;
    TargetFault m_fault = TargetFault::None;
    qint64 m_faultParam = 0;
    qint64 m_faultSinceMs = 0;
    bool m_flapDown = false;
    bool m_partitioned = false;
    quint16 m_port = 0;
    qint64 m_startMs = 0;
    quint64 m_requests = 0;
    quint64 m_pushes = 0;
    quint64 m_flapTimer = 0;
    quint64 m_pushTimer = 0;
};

} // namespace ppl
