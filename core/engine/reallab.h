#pragma once

#include "realengine.h"

#include <QHostAddress>
#include <QObject>

#include <memory>

class QTextStream;

namespace ppl {
class Lab;
struct Scenario;
} // namespace ppl

namespace ppl::engine {

struct RealLabOptions {
    RealEngineOptions engine; // binaries, bounds (pushgateway/alertmanager: from the scenario)
    QHostAddress labHost = QHostAddress::LocalHost; // where the /lab/* control API listens
    quint16 labPort = 0;                            // 0: chosen by the OS
    QByteArray token;                               // --lab-token
};

// A scenario on the real engine: the lab keeps the simulated world (targets, jobs, pods and
// the /lab/* control API) and hands its monitoring to a RealEngine. start() brings up the
// Pushgateway, loads the scenario into the lab once it answers (its jobs push to it from
// the start), then starts Prometheus (and the Alertmanager) on the configuration the lab
// rendered; ready() when every child answers, failed() when one does not. The lab runs on
// the system clock: a real Prometheus keeps wall time, so the lab's clock cannot speed up.
class RealLab : public QObject {
    Q_OBJECT
public:
    explicit RealLab(RealLabOptions options = {}, QObject *parent = nullptr);
    ~RealLab() override; // stops the lab's world, then the children

    // False with *error when it cannot even begin (a missing binary names its Debian
    // package, the lab's port); otherwise ready() or failed() follows.
    bool start(const Scenario &scenario, QString *error);
    // start() and a bounded wait for ready() (headless runs and tests; runs the event loop).
    bool startAndWait(const Scenario &scenario, QString *error, int timeoutMs = 60000);
    bool isReady() const { return m_ready; }

    Lab *lab() const { return m_lab.get(); }
    RealEngine *engine() const { return m_engine.get(); }
    QUrl labUrl() const; // the lab's server: /lab/* (its /api/v1/* holds nothing here)

Q_SIGNALS:
    void ready();
    void failed(const QString &error);

private:
    void loadLab();

    RealLabOptions m_options;
    std::unique_ptr<RealEngine> m_engine;
    std::unique_ptr<Lab> m_lab;
    std::unique_ptr<Scenario> m_scenario;
    bool m_ready = false;
    bool m_failed = false;
};

// What a headless real-engine run prints, a line each: "server URL" (the real Prometheus),
// "gateway URL" (the real Pushgateway, when the scenario has one), the lab's targets as
// writeLabAddresses() lists them, "alertmanager URL" (when it runs one) and "lab URL" (the
// /lab/* control API).
void writeRealLabAddresses(QTextStream &out, const RealLab &run);

} // namespace ppl::engine
