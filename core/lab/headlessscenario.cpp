#include "headlessscenario.h"

#include "lab.h"
#include "listenaddress.h"
#include "runrecorder.h"
#include "sim/realexporter.h"
#include "util/clock.h"
#include "util/simulationclock.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>

namespace ppl {

HeadlessScenario::HeadlessScenario(QObject *parent)
    : QObject(parent) {}

HeadlessScenario::~HeadlessScenario() = default;

QStringList HeadlessScenario::listScenarios() {
    QStringList out;
    for (const ScenarioInfo &s : builtInScenarios())
        out << (s.description.isEmpty() ? s.name : s.name + QLatin1String("  ") + s.description);
    return out;
}

void writeLabAddresses(QTextStream &out, const Lab &lab) {
    if (!lab.gatewayUrl().isEmpty())
        out << "gateway " << lab.gatewayUrl().toString() << '\n';
    for (SimulatedTarget *t : lab.targets())
        out << "target " << QString::fromUtf8(t->name()) << ' ' << t->metricsUrl().toString()
            << '\n';
    for (BatchJob *j : lab.jobs())
        if (j->exposure())
            out << "target " << QString::fromUtf8(j->name()) << ' '
                << j->exposure()->metricsUrl().toString() << '\n';
    for (RealExporter *e : lab.exporters())
        out << "exporter " << QString::fromUtf8(e->spec().name) << " http://"
            << QString::fromLatin1(e->address()) << '\n';
}

bool HeadlessScenario::start(const HeadlessOptions &options, QTextStream &out, QString *error) {
    const std::optional<ListenAddress> server = parseListenAddress(options.listen);
    if (!server) {
        *error = tr("--listen: \"%1\" is not HOST:PORT").arg(options.listen);
        return false;
    }
    const std::optional<ListenAddress> gateway = parseListenAddress(options.gatewayListen);
    if (!gateway) {
        *error = tr("--gateway-listen: \"%1\" is not HOST:PORT").arg(options.gatewayListen);
        return false;
    }
    const ScenarioLoadResult loaded = loadScenarioByNameOrFile(options.scenario);
    if (loaded.error) {
        *error = loaded.error->toString();
        return false;
    }
    LabOptions lo;
    lo.host = gateway->host;
    lo.gatewayPort = gateway->port;
    lo.token = options.token;
    if (!options.gatewayBasicAuth.isEmpty() &&
        !setLabGatewayBasicAuth(lo, options.gatewayBasicAuth, options.gatewayPassword, error))
        return false;
    m_clock = std::make_unique<SimulationClock>();
    lo.clock = m_clock.get();
    m_lab = std::make_unique<Lab>(lo);
    m_recorder = std::make_unique<RunRecorder>(m_lab.get(), loaded.scenario->name);
    m_out = &out;
    m_reportFile = options.reportFile;
    if (!m_lab->listen(server->host, server->port, error))
        return false;
    if (!m_lab->loadScenario(*loaded.scenario, error)) {
        *error = tr("%1: %2").arg(loaded.scenario->file, *error);
        return false;
    }
    out << "server " << m_lab->serverUrl().toString() << '\n';
    writeLabAddresses(out, *m_lab);
    out.flush();
    if (options.durationS > 0)
        m_lab->clock()->callAfter(qint64(options.durationS * 1000), this,
                                  [this] { Q_EMIT finished(report() ? 0 : 1); });
    return true;
}

bool writeRunReport(const RunReport &report, QTextStream &out, const QString &reportFile) {
    out << report.text() << '\n';
    out.flush();
    if (reportFile.isEmpty())
        return true;
    QSaveFile file(reportFile);
    if (file.open(QIODevice::WriteOnly) &&
        file.write(QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented)) >= 0 &&
        file.commit())
        return true;
    QTextStream(stderr)
        << HeadlessScenario::tr("--report: cannot write %1: %2").arg(reportFile, file.errorString())
        << Qt::endl;
    return false;
}

bool HeadlessScenario::report() {
    if (m_reported || !m_recorder)
        return true;
    m_reported = true;
    return writeRunReport(m_recorder->report(), *m_out, m_reportFile);
}

void HeadlessScenario::stop() {
    report();
    m_recorder.reset();
    m_lab.reset();
}

} // namespace ppl
