#pragma once

#include "runreport.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QTextStream;

namespace ppl {

class Lab;
class SimulationClock;
class RunRecorder;

// What `pullpush-lab --headless --scenario NAME|FILE [--duration S] [--listen HOST:PORT]
// [--gateway-listen HOST:PORT]` asks for.
struct HeadlessOptions {
    QString scenario;                                  // a built-in name or a file path
    double durationS = 0;                              // > 0: finished(0) after that many seconds
    QString listen = QStringLiteral("127.0.0.1:9090"); // the lab server; port 0 = any
    QString gatewayListen = QStringLiteral("127.0.0.1:9091"); // the lab gateway; port 0 = any
    QByteArray token = {};           // --lab-token: required by /lab/* operations; empty: none
    QString reportFile = {};         // --report: the run's summary as JSON, written when it ends
    QString gatewayBasicAuth = {};   // --gateway-basic-auth USER:BCRYPT; empty: none
    QByteArray gatewayPassword = {}; // the lab's own clients' password (may be empty)
};

// Runs one scenario without a window on a simulation clock (1× unless told otherwise through
// /lab/clock or the scenario's speed: and advance: actions). start() prints, each on its own
// line and with the real bound ports:
//   server http://HOST:PORT
//   gateway http://HOST:PORT              (when the scenario runs the lab gateway)
//   target NAME http://HOST:PORT/metrics  (per target, pod and pull-only job)
// When the run ends (the duration elapsed, or stop()), a summary follows (RunReport::text())
// and, with a report file, the same as JSON.
// Where the running world answers, a line each: "gateway URL", "target NAME URL" (and a
// pull-only job's exposure), "exporter NAME URL" — what a headless run prints after "server".
void writeLabAddresses(QTextStream &out, const Lab &lab);
// The end of a headless run: the summary to out and, with a file name, the same as JSON.
// False (and why, on stderr) when the file could not be written.
bool writeRunReport(const RunReport &report, QTextStream &out, const QString &reportFile);

class HeadlessScenario : public QObject {
    Q_OBJECT
public:
    explicit HeadlessScenario(QObject *parent = nullptr);
    ~HeadlessScenario() override;

    // False with *error (scenario error naming file, path and problem; bind failure).
    bool start(const HeadlessOptions &options, QTextStream &out, QString *error);
    // Prints the summary (once), writes the report file, then the lab stops everything
    // (gateway persistence written).
    void stop();
    Lab *lab() const { return m_lab.get(); }

    // `--list-scenarios`: one line per built-in, name first, then its description.
    static QStringList listScenarios();

Q_SIGNALS:
    void finished(int exitCode); // the duration elapsed (1: the report could not be written)

private:
    bool report(); // false (and a line on stderr) when the report file cannot be written

    std::unique_ptr<SimulationClock> m_clock; // the lab's (speed, step, fast-forward)
    std::unique_ptr<Lab> m_lab;
    std::unique_ptr<RunRecorder> m_recorder;
    QTextStream *m_out = nullptr;
    QString m_reportFile;
    bool m_reported = false;
};

} // namespace ppl
