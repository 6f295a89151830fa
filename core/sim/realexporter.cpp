#include "realexporter.h"

#include <algorithm>

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>

#include <unistd.h>

namespace ppl {

namespace {

// A blackbox.yml with the modules every course uses, when a scenario gives none.
constexpr char DefaultBlackboxConfig[] = "modules:\n"
                                         "  http_2xx:\n"
                                         "    prober: http\n"
                                         "    timeout: 2s\n"
                                         "  tcp_connect:\n"
                                         "    prober: tcp\n"
                                         "    timeout: 2s\n";

quint16 freeLoopbackPort() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort(); // closed when probe goes; the exporter binds it next
}

// The inode of the socket listening on 127.0.0.1:port (state 0A in /proc/net/tcp), 0 if none.
QByteArray listeningInode(quint16 port) {
    QFile table(QStringLiteral("/proc/net/tcp"));
    if (!table.open(QIODevice::ReadOnly))
        return {};
    const QByteArray local =
        "0100007F:" + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    table.readLine(); // header
    while (!table.atEnd()) {
        const QList<QByteArray> fields = table.readLine().simplified().split(' ');
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
        if (fields.size() > 9 && fields[1] == local && fields[3] == "0A")
            return fields[9];
    }
    return {};
}

// Whether process pid holds the socket with that inode: another program that bound the port
// between our probe and the exporter's own bind would answer too, and the exporter would have
// exited with "address already in use" (seen under a parallel CTest run).
bool processOwnsSocket(qint64 pid, const QByteArray &inode) {
    if (inode.isEmpty() || inode == "0")
        return false;
    const QByteArray wanted = "socket:[" + inode + ']';
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    for (const QString &fd :
         fds.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
        char link[64];
        const QByteArray path = QFile::encodeName(fds.filePath(fd));
        const ssize_t n = ::readlink(path.constData(), link, sizeof link);
        if (n > 0 && QByteArrayView(link, n) == wanted)
            return true;
    }
    return false;
}

} // namespace

std::optional<ExporterKind> exporterKindFromName(QByteArrayView name) {
    if (name == "node")
        return ExporterKind::Node;
    if (name == "blackbox")
        return ExporterKind::Blackbox;
    if (name == "pushgateway")
        return ExporterKind::Pushgateway;
    return std::nullopt;
}

const char *exporterKindName(ExporterKind kind) {
    switch (kind) {
    case ExporterKind::Node:
        return "node";
    case ExporterKind::Blackbox:
        return "blackbox";
    case ExporterKind::Pushgateway:
        return "pushgateway";
    }
    return "";
}

QString RealExporter::debianPackage(ExporterKind kind) {
    switch (kind) {
    case ExporterKind::Node:
        return QStringLiteral("prometheus-node-exporter");
    case ExporterKind::Blackbox:
        return QStringLiteral("prometheus-blackbox-exporter");
    case ExporterKind::Pushgateway:
        return QStringLiteral("prometheus-pushgateway");
    }
    return {};
}

QString RealExporter::defaultProgram(ExporterKind kind) {
    return QStringLiteral("/usr/bin/") + debianPackage(kind); // Debian names them alike
}

RealExporter::RealExporter(ExporterSpec spec)
    : m_spec(std::move(spec)) {}

RealExporter::~RealExporter() {
    stop();
}

QString RealExporter::program() const {
    return m_spec.program.isEmpty() ? defaultProgram(m_spec.kind) : m_spec.program;
}

QByteArray RealExporter::address() const {
    return "127.0.0.1:" + QByteArray::number(m_port);
}

bool RealExporter::isRunning() const {
    return m_process && m_process->state() == QProcess::Running;
}

bool RealExporter::start(QString *error, int timeoutMs) {
    const QString binary = program();
    if (!QFileInfo(binary).isExecutable()) {
        *error = tr("exporter %1: %2 is not installed (install the Debian package %3)")
                     .arg(QString::fromUtf8(m_spec.name), binary, debianPackage(m_spec.kind));
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid()) {
        *error = tr("exporter %1: no temporary directory").arg(QString::fromUtf8(m_spec.name));
        return false;
    }
    QStringList args;
    switch (m_spec.kind) {
    case ExporterKind::Blackbox: {
        const QString file = m_dir->filePath(QStringLiteral("blackbox.yml"));
        QFile f(file);
        const QByteArray text =
            m_spec.config.isEmpty() ? QByteArray(DefaultBlackboxConfig) : m_spec.config;
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size()) {
            *error = tr("exporter %1: cannot write %2").arg(QString::fromUtf8(m_spec.name), file);
            return false;
        }
        args << QStringLiteral("--config.file=") + file;
        break;
    }
    case ExporterKind::Pushgateway: {
        // Debian's default is the shared /var/lib/prometheus/pushgateway.data: every lab (and
        // every test) would load what another left there. Its own file, unless the scenario
        // names one.
        const bool named =
            std::any_of(m_spec.args.cbegin(), m_spec.args.cend(), [](const QString &a) {
                return a.startsWith(QLatin1String("--persistence.file"));
            });
        if (!named)
            args << QStringLiteral("--persistence.file=") +
                        m_dir->filePath(QStringLiteral("pushgateway.data"));
        break;
    }
    case ExporterKind::Node:
        break;
    }
    args << m_spec.args;
    // The port could be taken between our probe and the exporter's bind: a few attempts.
    QString output;
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_port = freeLoopbackPort();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setWorkingDirectory(m_dir->path());
        m_process->start(binary, args + QStringList{QStringLiteral("--web.listen-address=%1")
                                                        .arg(QString::fromLatin1(address()))});
        if (!m_process->waitForStarted(5000)) {
            *error = tr("exporter %1: %2 did not start: %3")
                         .arg(QString::fromUtf8(m_spec.name), binary, m_process->errorString());
            m_process.reset();
            return false;
        }
        if (answers(timeoutMs))
            return true;
        output = QString::fromUtf8(m_process->readAll()).trimmed();
        stop();
    }
    *error = tr("exporter %1: %2 did not answer on its port: %3")
                 .arg(QString::fromUtf8(m_spec.name), binary, output.right(400));
    return false;
}

bool RealExporter::answers(int timeoutMs) const {
    // Up when its port accepts a connection; gone when the process ended (bad flag, port).
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
        if (processOwnsSocket(m_process->processId(), listeningInode(m_port)))
            return true;
        m_process->waitForFinished(50); // a bounded wait on the process, not a bare sleep
    }
    return false;
}

void RealExporter::stop() {
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(3000)) {
            m_process->kill();
            m_process->waitForFinished(2000);
        }
    }
    m_process.reset();
}

} // namespace ppl
