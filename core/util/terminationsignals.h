#pragma once

#include <QObject>

class QSocketNotifier;

namespace ppl {

// Turns SIGINT and SIGTERM into a Qt signal on the event loop (self-pipe trick: the handler
// only writes a byte, which is all a signal handler may safely do), so headless runs can
// write their persistence file and close their sockets before exiting. On request it also
// turns SIGHUP into hangup(): Prometheus re-reads its configuration on SIGHUP.
class TerminationSignals : public QObject {
    Q_OBJECT
public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;
    void handleHangup(); // SIGHUP → hangup() instead of ending the process

Q_SIGNALS:
    void terminationRequested(int signalNumber);
    void hangup();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace ppl
