#include "headlessrealscenario.h"

#include "lab/headlessscenario.h"
#include "lab/lab.h"
#include "lab/listenaddress.h"
#include "lab/runrecorder.h"
#include "reallab.h"

#include <QTextStream>
#include <QTimer>

namespace ppl::engine {

HeadlessRealScenario::HeadlessRealScenario(RealEngineOptions engine, QObject *parent)
    : QObject(parent)
    , m_engineOptions(std::move(engine)) {}

HeadlessRealScenario::~HeadlessRealScenario() {
    stop();
}

bool HeadlessRealScenario::start(const HeadlessOptions &options, const Scenario &scenario,
                                 QTextStream &out, QTextStream &err, QString *error) {
    const std::optional<ListenAddress> lab = parseListenAddress(options.listen);
    if (!lab) {
        *error = tr("--listen: \"%1\" is not HOST:PORT").arg(options.listen);
        return false;
    }
    if (!options.gatewayBasicAuth.isEmpty()) {
        *error = tr("--gateway-basic-auth applies to the lab's own gateway, not to the real "
                    "one (--engine real)");
        return false;
    }
    RealLabOptions ro;
    ro.engine = m_engineOptions;
    ro.labHost = lab->host;
    ro.labPort = lab->port;
    ro.token = options.token;
    m_run = std::make_unique<RealLab>(ro);
    if (!m_run->startAndWait(scenario, error))
        return false;
    m_recorder = std::make_unique<RunRecorder>(m_run->lab(), scenario.name);
    m_out = &out;
    m_reportFile = options.reportFile;
    connect(m_run->engine(), &RealEngine::childDied, this,
            [&err](RealEngine::Child, const QString &message) { err << message << Qt::endl; });
    connect(m_run->engine(), &RealEngine::configApplied, this, [&err](bool ok, const QString &why) {
        if (!ok)
            err << why << Qt::endl;
    });
    writeRealLabAddresses(out, *m_run);
    out.flush();
    if (options.durationS > 0)
        QTimer::singleShot(qint64(options.durationS * 1000), this,
                           [this] { Q_EMIT finished(report() ? 0 : 1); });
    return true;
}

bool HeadlessRealScenario::report() {
    if (m_reported || !m_recorder)
        return true;
    m_reported = true;
    return writeRunReport(m_recorder->report(), *m_out, m_reportFile);
}

void HeadlessRealScenario::stop() {
    report();
    m_recorder.reset();
    m_run.reset();
}

} // namespace ppl::engine
