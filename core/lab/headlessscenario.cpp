#include "headlessscenario.h"

#include "lab.h"
#include "listenaddress.h"
#include "sim/realexporter.h"
#include "util/clock.h"

#include <QCoreApplication>
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
    m_lab = std::make_unique<Lab>(lo);
    if (!m_lab->listen(server->host, server->port, error))
        return false;
    if (!m_lab->loadScenario(*loaded.scenario, error)) {
        *error = tr("%1: %2").arg(loaded.scenario->file, *error);
        return false;
    }
    out << "server " << m_lab->serverUrl().toString() << '\n';
    if (!m_lab->gatewayUrl().isEmpty())
        out << "gateway " << m_lab->gatewayUrl().toString() << '\n';
    for (SimulatedTarget *t : m_lab->targets())
        out << "target " << QString::fromUtf8(t->name()) << ' ' << t->metricsUrl().toString()
            << '\n';
    for (BatchJob *j : m_lab->jobs())
        if (j->exposure())
            out << "target " << QString::fromUtf8(j->name()) << ' '
                << j->exposure()->metricsUrl().toString() << '\n';
    for (RealExporter *e : m_lab->exporters())
        out << "exporter " << QString::fromUtf8(e->spec().name) << " http://"
            << QString::fromLatin1(e->address()) << '\n';
    out.flush();
    if (options.durationS > 0)
        m_lab->clock()->callAfter(qint64(options.durationS * 1000), this,
                                  [this] { Q_EMIT finished(0); });
    return true;
}

void HeadlessScenario::stop() {
    m_lab.reset();
}

} // namespace ppl
