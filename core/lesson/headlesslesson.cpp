#include "headlesslesson.h"

#include "api/labapiserver.h"
#include "lab/headlessscenario.h"
#include "lab/lab.h"
#include "lab/listenaddress.h"
#include "lessoncontrolapi.h"
#include "lessonrun.h"
#include "sim/batchjob.h"
#include "util/clock.h"
#include "util/simulationclock.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

namespace ppl::lesson {

HeadlessLesson::HeadlessLesson(QObject *parent)
    : QObject(parent) {}

HeadlessLesson::~HeadlessLesson() = default;

QStringList HeadlessLesson::listLessons() {
    QStringList out;
    for (const LessonInfo &l : builtInLessons())
        out << l.id + QLatin1String("  ") + l.title;
    return out;
}

bool HeadlessLesson::start(const HeadlessLessonOptions &options, QTextStream &out, QString *error) {
    const auto server = parseListenAddress(options.listen);
    if (!server) {
        *error = tr("--listen: \"%1\" is not HOST:PORT").arg(options.listen);
        return false;
    }
    const auto gateway = parseListenAddress(options.gatewayListen);
    if (!gateway) {
        *error = tr("--gateway-listen: \"%1\" is not HOST:PORT").arg(options.gatewayListen);
        return false;
    }
    LessonLoadResult loaded = loadLessonByNameOrFile(options.lesson);
    if (!loaded.lesson) {
        QStringList lines;
        for (const LessonError &e : loaded.errors)
            lines << e.toString();
        *error = lines.join(u'\n');
        return false;
    }
    LabOptions lo;
    lo.host = gateway->host;
    lo.gatewayPort = gateway->port;
    lo.token = options.token;
    m_clock = std::make_unique<SimulationClock>();
    lo.clock = m_clock.get();
    m_lab = std::make_unique<Lab>(lo);
    if (!m_lab->listen(server->host, server->port, error))
        return false;
    m_run = std::make_unique<LessonRun>(m_lab.get(), std::move(*loaded.lesson));
    m_run->setStudent(options.student);
    if (!options.language.isEmpty())
        m_run->setLanguage(options.language);
    // The student answers predictions (and asks for hints) over the lab's API, behind the
    // same guard as every other /lab POST.
    m_control = std::make_unique<LessonControlApi>();
    m_control->setRun(m_run.get());
    if (LabApiServer *api = m_lab->apiServer())
        m_control->registerRoutes(api->httpServer(), &api->guard());
    m_out = &out;
    m_reportFile = options.reportFile;
    connect(m_run.get(), &LessonRun::changed, this, [this] {
        if (m_writePending)
            return;
        m_writePending = true;
        QMetaObject::invokeMethod(
            this, [this] { writeReport(); }, Qt::QueuedConnection);
    });
    connect(m_run.get(), &LessonRun::stepStarted, this, [this](int step) {
        const Step &s = m_run->lesson().steps[std::size_t(step)];
        *m_out << "\n" << tr("step %1/%2: %3").arg(step + 1).arg(m_run->stepCount()).arg(s.id);
        if (!s.title.isEmpty())
            *m_out << " — " << m_run->render(s.title);
        *m_out << "\n" << m_run->stepText(step).trimmed() << "\n";
        if (s.predict) {
            // Predict first: the step's checks count once this is answered.
            *m_out << tr("predict: %1").arg(m_run->render(s.predict->question)) << "\n";
            for (int i = 0; i < s.predict->choices.size(); ++i)
                *m_out << "  " << i + 1 << ". " << m_run->render(s.predict->choices[i]) << "\n";
            *m_out << tr("answer first: curl -H 'Content-Type: application/json' -d "
                         "'{\"choice\": N}' %1/lab/lesson/predict")
                          .arg(m_lab->serverUrl().toString())
                   << "\n";
        }
        m_out->flush();
    });
    connect(m_run.get(), &LessonRun::stepPassed, this, [this](int step) {
        const Step &s = m_run->lesson().steps[std::size_t(step)];
        *m_out << tr("passed %1").arg(s.id) << "\n";
        if (!s.explain.isEmpty())
            *m_out << m_run->render(s.explain).trimmed() << "\n";
        m_out->flush();
    });
    connect(m_run.get(), &LessonRun::actionFailed, this,
            [this](int, const QString &path, const QString &why) {
                *m_out << tr("lesson action %1 failed: %2").arg(path, why) << "\n";
                m_out->flush();
            });
    connect(m_run.get(), &LessonRun::finished, this, [this](bool passed) {
        writeReport();
        *m_out << (passed ? tr("lesson passed") : tr("lesson not passed")) << "\n";
        m_out->flush();
        // A second's grace: the answer to the request that passed the last step (a DELETE, a
        // push) is still on its way out.
        QTimer::singleShot(1000, this, [this, passed] { Q_EMIT finished(passed ? 0 : 1); });
    });
    out << "server " << m_lab->serverUrl().toString() << '\n';
    if (!m_run->start(true, error))
        return false;
    writeLabAddresses(out, *m_lab);
    out << "lesson " << m_run->lesson().id << ' ' << m_run->render(m_run->lesson().title) << '\n';
    out << "lesson api " << m_lab->serverUrl().toString() << "/lab/lesson\n";
    out.flush();
    writeReport();
    if (options.durationS > 0)
        m_lab->clock()->callAfter(qint64(options.durationS * 1000), this, [this] {
            writeReport();
            Q_EMIT finished(m_run->passed() ? 0 : 1);
        });
    return true;
}

void HeadlessLesson::writeReport() {
    m_writePending = false;
    if (m_reportFile.isEmpty() || !m_run)
        return;
    QString error;
    if (!m_run->writeReport(m_reportFile, &error))
        QTextStream(stderr) << "--report: " << error << Qt::endl;
}

void HeadlessLesson::stop() {
    writeReport();
    m_control.reset();
    m_run.reset();
    m_lab.reset();
    m_clock.reset();
}

int checkLessonCommand(const QString &nameOrFile, QTextStream &out, QTextStream &err) {
    const LessonLoadResult r = loadLessonByNameOrFile(nameOrFile);
    if (!r.lesson) {
        for (const LessonError &e : r.errors)
            err << e.toString() << Qt::endl;
        return 1;
    }
    out << QCoreApplication::translate("ppl::Lesson", "%1: lesson %2 is valid (%n step(s))",
                                       nullptr, int(r.lesson->steps.size()))
               .arg(nameOrFile, r.lesson->id)
        << Qt::endl;
    return 0;
}

} // namespace ppl::lesson
