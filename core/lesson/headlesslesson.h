#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QTextStream;

namespace ppl {
class Lab;
class SimulationClock;
} // namespace ppl

namespace ppl::lesson {

class LessonControlApi;
class LessonRun;

// What `pullpush-lab --headless --lesson NAME|FILE [--report FILE.json] [--student NAME]
// [--duration S] [--listen HOST:PORT] [--gateway-listen HOST:PORT]` asks for.
struct HeadlessLessonOptions {
    QString lesson;
    QString reportFile; // kept up to date while the lesson runs
    QString student;
    QString language; // empty: the UI language
    double durationS = 0;
    QString listen = QStringLiteral("127.0.0.1:9090");
    QString gatewayListen = QStringLiteral("127.0.0.1:9091");
    QByteArray token = {};
};

// A lesson without a window, on a simulation clock that runs at wall time (as
// --headless --scenario's; a lesson's `advance:` fast-forwards it, unless a program outside
// the lab needs wall time): the student works through the /lab API,
// curl, a client library or their own programs. start() prints the addresses (as
// --headless --scenario does), then each step's text as it begins and "passed STEP" as it
// passes; finished(0) when the whole lesson passed, finished(1) when the duration ran out
// first. The report file is rewritten whenever something in it changes. The student reads the
// current step and answers its prediction at /lab/lesson (LessonControlApi).
class HeadlessLesson : public QObject {
    Q_OBJECT
public:
    explicit HeadlessLesson(QObject *parent = nullptr);
    ~HeadlessLesson() override;

    // False with *error: lesson errors (every one, file:line: path: message), bind failures.
    bool start(const HeadlessLessonOptions &options, QTextStream &out, QString *error);
    void stop();
    Lab *lab() const { return m_lab.get(); }
    LessonRun *run() const { return m_run.get(); }

    // `--list-lessons`: one line per built-in, id first, then its title.
    static QStringList listLessons();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void writeReport();

    std::unique_ptr<SimulationClock> m_clock; // the lab's: a lesson's advance: fast-forwards it
    std::unique_ptr<Lab> m_lab;
    std::unique_ptr<LessonRun> m_run;
    std::unique_ptr<LessonControlApi> m_control; // /lab/lesson on the lab's server
    QTextStream *m_out = nullptr;
    QString m_reportFile;
    bool m_writePending = false;
};

// `--check-lesson FILE`: every error as file:line: path: message on err; 0 when valid.
int checkLessonCommand(const QString &nameOrFile, QTextStream &out, QTextStream &err);

} // namespace ppl::lesson
