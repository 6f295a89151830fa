#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

class QTextStream;

namespace ppl::lesson {

// Many students' lesson reports (LessonRun::reportJson(), one JSON file each) merged into
// one table per student and one per step, with the steps most students struggled with:
// `pullpush-lab --class-report DIR --out class.csv [--html class.html]`.
struct ClassReport {
    struct StudentRow {
        QString student;
        QString lesson;
        bool passed = false;
        int stepsPassed = 0;
        int steps = 0;
        double timeToPassS = -1; // -1: not passed
        int hintsUsed = 0;
        int predictionsRight = 0;
        int predictionsWrong = 0;
        int attempts = 0; // reports merged into this row
    };
    struct StepRow {
        QString lesson;
        QString step;
        QString title;
        int students = 0; // who reached the step
        int passed = 0;
        double medianTimeS = -1; // of those who passed
        int hintsUsed = 0;
        int predictionsWrong = 0;
        // How hard it was: the share who did not pass, then hints and wrong predictions a
        // student, then the median time (the order of the "struggled with" list).
        double struggle() const;
    };
    QList<StudentRow> students; // by student, then lesson
    QList<StepRow> steps;       // in each lesson's order
    QStringList skipped;        // files that were not lesson reports: "FILE: why"

    // The hardest steps first (at most n, only those someone struggled with).
    QList<StepRow> struggledWith(int n = 3) const;

    QByteArray toCsv() const;
    QByteArray toHtml() const;
};

// Reads every *.json in dir. A student with several reports for one lesson (retries, a
// restarted lab) counts once: a step counts as passed if any attempt passed it, with that
// attempt's time; hints and predictions are summed over attempts.
ClassReport buildClassReport(const QString &dir);
ClassReport buildClassReport(const QList<QJsonObject> &reports);

// The command: 0 on success, 1 (with a line on err) when nothing could be read or written.
int classReportCommand(const QString &dir, const QString &csvFile, const QString &htmlFile,
                       QTextStream &out, QTextStream &err);

} // namespace ppl::lesson
