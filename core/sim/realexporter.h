#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QProcess;
class QTemporaryDir;

namespace ppl {

// The real Debian exporters a scenario may run beside its simulated targets.
enum class ExporterKind { Node, Blackbox, Pushgateway };
std::optional<ExporterKind> exporterKindFromName(QByteArrayView name); // node|blackbox|pushgateway
const char *exporterKindName(ExporterKind kind);

// What a scenario declares under exporters:.
struct ExporterSpec {
    QByteArray name;
    ExporterKind kind = ExporterKind::Node;
    QByteArray config; // blackbox: the blackbox.yml text (modules); empty: http_2xx and tcp
    QStringList args;  // extra command-line flags
    QString program;   // empty: the Debian package's binary in /usr/bin
};

// One real exporter process on a free loopback port, stopped (SIGTERM, then kill) with this
// object. The port is found as the OS hands out port 0 (bind, read, close) and passed as
// --web.listen-address=127.0.0.1:PORT; start() returns once the exporter process itself
// listens there (its socket, read from /proc — not merely "something answers", since another
// program may take the port in between), within a bounded wait, or fails naming the Debian
// package when the binary is not installed.
class RealExporter {
    Q_DECLARE_TR_FUNCTIONS(ppl::RealExporter)
public:
    explicit RealExporter(ExporterSpec spec);
    ~RealExporter();
    RealExporter(const RealExporter &) = delete;
    RealExporter &operator=(const RealExporter &) = delete;

    bool start(QString *error, int timeoutMs = 10000);
    void stop();
    bool isRunning() const;

    const ExporterSpec &spec() const { return m_spec; }
    quint16 port() const { return m_port; }
    QByteArray address() const; // "127.0.0.1:PORT"
    QString program() const;    // the binary it runs

    static QString debianPackage(ExporterKind kind);
    static QString defaultProgram(ExporterKind kind);

private:
    bool answers(int timeoutMs) const;

    ExporterSpec m_spec;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

} // namespace ppl
