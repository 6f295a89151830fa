// The instructors' command line, run as they would: --list-lessons, --check-lesson (every
// error as file:line: path: message, exit 1), --headless --lesson with a report kept up to date
// while a student pushes with curl, and --class-report over the reports.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QString lab() {
    return qEnvironmentVariable("PPL_LAB_BINARY");
}

struct Result {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Result runLab(const QStringList &args, const QString &home) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home); // --student is remembered in the settings
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home);
    p.setProcessEnvironment(env);
    p.start(lab(), args);
    Result r;
    if (!p.waitForFinished(30000))
        return r;
    r.code = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QJsonObject readJson(const QString &file) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestLessonCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listLessonsPrintsIdThenTitle() {
        const Result r = runLab({QStringLiteral("--list-lessons")}, m_home.path());
        QCOMPARE(r.code, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QVERIFY(lines.size() >= 4);
        QVERIFY2(lines[0].startsWith("basic-pull  Basic pull setup"), lines[0].constData());
        QVERIFY(lines[1].startsWith("pushgateway-batch  "));
        QVERIFY(lines[2].startsWith("hybrid-architecture  "));
        QVERIFY(lines[3].startsWith("migrate-push-to-pull  "));
    }

    void checkLessonReportsEveryErrorWithLineAndPath() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("bad.yaml"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("id: bad\ntitle: Bad\nscenario: pull-basics\nsteps:\n  - id: a\n    text: t\n"
                "    check:\n      - query: 'up{'\n      - alert: {name: X, state: loud}\n");
        f.close();
        const Result r = runLab({QStringLiteral("--check-lesson"), file}, m_home.path());
        QCOMPARE(r.code, 1);
        const QList<QByteArray> lines = r.err.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY2(
            lines[0].startsWith(file.toUtf8() + ":8: steps[0].check[0].query: not valid PromQL"),
            lines[0].constData());
        QCOMPARE(lines[1], file.toUtf8() + ":9: steps[0].check[1].alert.state: state is firing, "
                                           "pending or inactive");
        const Result ok =
            runLab({QStringLiteral("--check-lesson"), QStringLiteral("basic-pull")}, m_home.path());
        QCOMPARE(ok.code, 0);
    }

    void headlessLessonKeepsItsReportUpToDate() {
        if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
            QSKIP("curl is not installed");
        QTemporaryDir dir;
        const QString report = dir.filePath(QStringLiteral("ada.json"));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path());
        p.setProcessEnvironment(env);
        p.start(lab(), {QStringLiteral("--headless"), QStringLiteral("--lesson"),
                        QStringLiteral("delete-exact-grouping-key"), QStringLiteral("--student"),
                        QStringLiteral("Ada"), QStringLiteral("--report"), report,
                        QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                        QStringLiteral("--gateway-listen"), QStringLiteral("127.0.0.1:0"),
                        QStringLiteral("--duration"), QStringLiteral("60")});
        QByteArray out;
        QByteArray gateway;
        QByteArray server;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                out += p.readAllStandardOutput();
                for (const QByteArray &line : out.split('\n')) {
                    if (line.startsWith("gateway "))
                        gateway = line.mid(8).trimmed();
                    if (line.startsWith("server "))
                        server = line.mid(7).trimmed();
                }
                return !gateway.isEmpty() && !server.isEmpty() && out.contains("step 2/2");
            }(),
            15000);
        // Step 2 asks a prediction first: its question and choices are printed, and shown at
        // GET /lab/lesson; the student answers it over the API.
        QVERIFY2(out.contains("predict: ") && out.contains("/lab/lesson/predict"), out.constData());
        const auto curlOut = [](const QStringList &args) {
            QProcess c;
            c.start(QStringLiteral("curl"), QStringList{QStringLiteral("-sS")} + args);
            c.waitForFinished(10000);
            return c.readAllStandardOutput();
        };
        const QJsonObject lesson =
            QJsonDocument::fromJson(curlOut({QString::fromUtf8(server) + "/lab/lesson"}))
                .object()
                .value(QLatin1String("data"))
                .toObject();
        const QJsonObject current = lesson.value(QLatin1String("current")).toObject();
        QCOMPARE(current.value(QLatin1String("id")).toString(), QStringLiteral("delete-the-group"));
        QCOMPARE(current.value(QLatin1String("awaitingPrediction")).toBool(), true);
        QCOMPARE(current.value(QLatin1String("prediction"))
                     .toObject()
                     .value(QLatin1String("choices"))
                     .toArray()
                     .size(),
                 2);
        const QByteArray answered =
            curlOut({QStringLiteral("-H"), QStringLiteral("Content-Type: application/json"),
                     QStringLiteral("-d"), QStringLiteral(R"({"choice": 2})"),
                     QString::fromUtf8(server) + "/lab/lesson/predict"});
        QVERIFY2(answered.contains("\"success\""), answered.constData());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(report), 5000);
        // The first step passed by itself once the backup had pushed (after a second).
        QCOMPARE(readJson(report).value(QLatin1String("passed")).toBool(true), false);
        QCOMPARE(readJson(report).value(QLatin1String("student")).toString(),
                 QStringLiteral("Ada"));
        // The student deletes the group with its exact key: the lesson passes and exits 0.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QProcess curl;
                curl.start(QStringLiteral("curl"),
                           {QStringLiteral("-sS"), QStringLiteral("-X"), QStringLiteral("DELETE"),
                            QString::fromUtf8(gateway) +
                                QStringLiteral("/metrics/job/backup/instance/db-1")});
                return curl.waitForFinished(10000) && curl.exitCode() == 0;
            }(),
            15000);
        QVERIFY(p.waitForFinished(20000));
        out += p.readAllStandardOutput();
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(out.contains("passed delete-the-group"), out.constData());
        const QJsonObject r = readJson(report);
        QCOMPARE(r.value(QLatin1String("passed")).toBool(), true);
        QVERIFY(r.value(QLatin1String("time_to_pass_s")).toDouble() >= 0);
        QCOMPARE(r.value(QLatin1String("predictions_right")).toInt(), 1);
        QCOMPARE(r.value(QLatin1String("steps"))
                     .toArray()
                     .at(1)
                     .toObject()
                     .value(QLatin1String("prediction"))
                     .toObject()
                     .value(QLatin1String("correct"))
                     .toBool(),
                 true);
        // The name is remembered for the next lesson.
        QSettings settings(m_home.filePath(QStringLiteral("PullPushLab/pullpush-lab.conf")),
                           QSettings::IniFormat);
        QCOMPARE(settings.value(QStringLiteral("lesson/student")).toString(),
                 QStringLiteral("Ada"));

        // And the class report over it.
        const QString csv = dir.filePath(QStringLiteral("class.csv"));
        const QString html = dir.filePath(QStringLiteral("class.html"));
        const Result c = runLab({QStringLiteral("--class-report"), dir.path(),
                                 QStringLiteral("--out"), csv, QStringLiteral("--html"), html},
                                m_home.path());
        QCOMPARE(c.code, 0);
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("\nAda,delete-exact-grouping-key,true,2,2,"));
        QVERIFY(QFile::exists(html));
    }

private:
    QTemporaryDir m_home;
};

QTEST_GUILESS_MAIN(TestLessonCli)
#include "tst_lessoncli.moc"
