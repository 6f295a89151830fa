#pragma once

#include "realengine.h"

#include <QObject>

#include <memory>

class QTextStream;

namespace ppl {
struct HeadlessOptions;
struct Scenario;
class RunRecorder;
} // namespace ppl

namespace ppl::engine {

class RealLab;

// `pullpush-lab --headless --engine real --scenario NAME|FILE` (or a scenario saying
// `engine: real`): the scenario on Debian's prometheus and prometheus-pushgateway (see
// RealLab). start() waits, with a bound, until every child answers and prints, each on its own
// line, "server URL" (the real Prometheus), "gateway URL" (the real Pushgateway), the lab's
// targets, "alertmanager URL" when the scenario has alerting rules, and "lab URL" (the /lab/*
// control API). A child that dies later is reported on err. When the run ends (the duration,
// or stop()) the summary follows, as in the embedded run.
class HeadlessRealScenario : public QObject {
    Q_OBJECT
public:
    explicit HeadlessRealScenario(RealEngineOptions engine = {}, QObject *parent = nullptr);
    ~HeadlessRealScenario() override;

    // --listen is the lab's own server (the control API); --gateway-listen and
    // --gateway-basic-auth do not apply (the real gateway takes a free port, without auth).
    bool start(const HeadlessOptions &options, const Scenario &scenario, QTextStream &out,
               QTextStream &err, QString *error);
    void stop();
    RealLab *run() const { return m_run.get(); }

Q_SIGNALS:
    void finished(int exitCode);

private:
    bool report();

    RealEngineOptions m_engineOptions;
    std::unique_ptr<RealLab> m_run;
    std::unique_ptr<RunRecorder> m_recorder;
    QTextStream *m_out = nullptr;
    QString m_reportFile;
    bool m_reported = false;
};

} // namespace ppl::engine
