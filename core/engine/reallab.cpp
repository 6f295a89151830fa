#include "reallab.h"

#include "lab/headlessscenario.h"
#include "lab/lab.h"

#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

namespace ppl::engine {

RealLab::RealLab(RealLabOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options)) {}

RealLab::~RealLab() {
    m_lab.reset(); // its jobs stop pushing before the gateway goes
    m_engine.reset();
}

QUrl RealLab::labUrl() const {
    return m_lab ? m_lab->serverUrl() : QUrl();
}

bool RealLab::start(const Scenario &scenario, QString *error) {
    m_scenario = std::make_unique<Scenario>(scenario);
    RealEngineOptions eo = m_options.engine;
    eo.pushgateway = scenario.gateway.enabled;
    eo.alertmanager = hasAlertingRules(
        EngineConfig{scenario.prometheusYaml, scenario.ruleSources, scenario.baseDir});
    m_engine = std::make_unique<RealEngine>(eo);
    if (!m_engine->prepare(error))
        return false;
    connect(m_engine.get(), &RealEngine::failed, this, [this](const QString &why) {
        if (m_ready || m_failed)
            return; // a restart() that failed: the caller asked for it and hears of it there
        m_failed = true;
        Q_EMIT failed(why);
    });
    connect(m_engine.get(), &RealEngine::ready, this, [this] {
        m_ready = true;
        Q_EMIT ready();
    });
    // {{server}} moved: the configuration names the new port before Prometheus reads it.
    connect(m_engine.get(), &RealEngine::serverPortChanged, this, [this] {
        if (m_lab)
            m_lab->reloadConfig();
    });
    LabOptions lo;
    lo.host = m_options.labHost;
    lo.token = m_options.token;
    lo.engine = m_engine.get();
    m_lab = std::make_unique<Lab>(lo);
    if (!m_lab->listen(m_options.labHost, m_options.labPort, error))
        return false;
    m_engine->setPodSource(m_lab->pods());
    // Prometheus's verdict on each configuration the lab handed it, in the lab's event log
    // (the timeline, /lab/events) as the embedded reloads are.
    connect(m_engine.get(), &RealEngine::configApplied, m_lab.get(), &Lab::noteEngineConfig);
    if (scenario.gateway.enabled) {
        connect(m_engine.get(), &RealEngine::gatewayReady, this, &RealLab::loadLab);
        return m_engine->startGateway(error);
    }
    QTimer::singleShot(0, this, &RealLab::loadLab);
    return true;
}

void RealLab::loadLab() {
    QString why;
    if (!m_lab->loadScenario(*m_scenario, &why) || !m_engine->startServers(&why)) {
        m_failed = true;
        Q_EMIT failed(tr("%1: %2").arg(m_scenario->file, why));
    }
}

bool RealLab::startAndWait(const Scenario &scenario, QString *error, int timeoutMs) {
    if (!start(scenario, error))
        return false;
    QEventLoop loop;
    QString why;
    connect(this, &RealLab::ready, &loop, &QEventLoop::quit);
    connect(this, &RealLab::failed, &loop, [&](const QString &e) {
        why = e;
        loop.quit();
    });
    QTimer bound;
    bound.setSingleShot(true);
    connect(&bound, &QTimer::timeout, &loop, &QEventLoop::quit);
    bound.start(timeoutMs);
    if (!m_ready && !m_failed)
        loop.exec();
    if (m_ready)
        return true;
    *error = !why.isEmpty()
                 ? why
                 : tr("the real engine did not come up within %1 s").arg(timeoutMs / 1000);
    return false;
}

void writeRealLabAddresses(QTextStream &out, const RealLab &run) {
    out << "server " << run.engine()->serverUrl().toString() << '\n';
    writeLabAddresses(out, *run.lab()); // gateway (the real one) and the lab's targets
    if (!run.engine()->alertmanagerUrl().isEmpty())
        out << "alertmanager " << run.engine()->alertmanagerUrl().toString() << '\n';
    out << "lab " << run.labUrl().toString() << '\n';
}

} // namespace ppl::engine
