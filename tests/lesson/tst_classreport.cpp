// --class-report: many students' lesson reports merged per student and per step, with the
// steps most students struggled with first; CSV and HTML.
#include "lesson/classreport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace ppl::lesson;

namespace {

QJsonObject step(const char *id, bool passed, double timeS, int hints = 0,
                 int wrongPrediction = -1) {
    QJsonObject s{{"id", id},
                  {"title", QString::fromLatin1(id).toUpper()},
                  {"passed", passed},
                  {"started", true},
                  {"hints_used", hints}};
    if (passed)
        s.insert("time_s", timeS);
    if (wrongPrediction >= 0)
        s.insert("prediction", QJsonObject{{"answered", true}, {"correct", wrongPrediction == 0}});
    return s;
}

QJsonObject report(const char *student, QJsonArray steps) {
    bool all = true;
    double total = 0;
    int hints = 0;
    for (const QJsonValue &v : steps) {
        all = all && v.toObject().value("passed").toBool();
        total += v.toObject().value("time_s").toDouble();
        hints += v.toObject().value("hints_used").toInt();
    }
    QJsonObject r{{"passed", all},
                  {"student", student},
                  {"lesson", QJsonObject{{"id", "pushgateway-batch"}}},
                  {"steps", steps},
                  {"hints_used", hints}};
    if (all)
        r.insert("time_to_pass_s", total);
    return r;
}

} // namespace

class TestClassReport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mergesPerStudentAndPerStepHardestFirst() {
        const QList<QJsonObject> reports{
            report("ada", {step("push", true, 30), step("honor", true, 90, 1, 1)}),
            report("bob", {step("push", true, 50), step("honor", false, 0, 2, 1)}),
            // Bob again, later: this attempt passed, so he passed.
            report("bob", {step("push", true, 20), step("honor", true, 200)}),
            report("cy", {step("push", true, 40), step("honor", false, 0, 1, 0)}),
        };
        const ClassReport r = buildClassReport(reports);
        QCOMPARE(r.students.size(), 3);
        QCOMPARE(r.students[1].student, QStringLiteral("bob"));
        QCOMPARE(r.students[1].attempts, 2);
        QCOMPARE(r.students[1].passed, true);
        QCOMPARE(r.students[1].hintsUsed, 2);
        QCOMPARE(r.students[2].passed, false);
        QCOMPARE(r.students[2].stepsPassed, 1);
        QCOMPARE(r.steps.size(), 2);
        const ClassReport::StepRow &honor = r.steps[1];
        QCOMPARE(honor.step, QStringLiteral("honor"));
        QCOMPARE(honor.students, 3);
        QCOMPARE(honor.passed, 2);
        QCOMPARE(honor.medianTimeS, 145.0); // ada 90, bob 200
        QCOMPARE(honor.hintsUsed, 4);
        QCOMPARE(honor.predictionsWrong, 2);
        QCOMPARE(r.steps[0].medianTimeS, 30.0); // 30, 20 (bob's best), 40
        const QList<ClassReport::StepRow> hard = r.struggledWith(3);
        QCOMPARE(hard.size(), 1); // everyone passed "push" without help
        QCOMPARE(hard[0].step, QStringLiteral("honor"));

        const QByteArray csv = r.toCsv();
        QVERIFY(csv.startsWith("student,lesson,passed,steps_passed,steps,time_to_pass_s,"));
        QVERIFY2(csv.contains("\nbob,pushgateway-batch,true,2,2,220.0,2,0,0,2\n"), csv.constData());
        QVERIFY2(csv.contains("\ncy,pushgateway-batch,false,1,2,,1,0,0,1\n"), csv.constData());
        QVERIFY2(csv.contains("\npushgateway-batch,honor,HONOR,3,2,145.0,4,2,1\n"),
                 csv.constData());
        const QByteArray html = r.toHtml();
        QVERIFY(html.contains("<h2>Steps most students struggled with</h2>"));
        QVERIFY(html.contains("<li>pushgateway-batch / honor HONOR: 2 of 3 passed"));
    }

    void theCommandReadsADirectoryAndSkipsOtherFiles() {
        QTemporaryDir dir;
        auto write = [&](const QString &name, const QByteArray &data) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(data);
        };
        write(QStringLiteral("ada.json"),
              QJsonDocument(report("ada", {step("push", true, 30)})).toJson());
        write(QStringLiteral("notes.json"), "{\"hello\": 1}");
        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        const QString csv = dir.filePath(QStringLiteral("class.csv"));
        const QString html = dir.filePath(QStringLiteral("class.html"));
        QCOMPARE(classReportCommand(dir.path(), csv, html, out, err), 0);
        QVERIFY(QFile::exists(csv));
        QVERIFY(QFile::exists(html));
        QVERIFY2(errText.contains(QLatin1String("notes.json: not a lesson report")),
                 qPrintable(errText));
        QTemporaryDir empty;
        QCOMPARE(classReportCommand(empty.path(), csv, QString(), out, err), 1);
    }
};

QTEST_GUILESS_MAIN(TestClassReport)
#include "tst_classreport.moc"
