#include "realpeer.h"
#include "rules/checkrules.h"
#include "rules/rulefile.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ppl::rules;

// Rule files checked by the lab and by Debian's promtool 2.42: the same verdict, and the same
// report line for line (the lab's YAML library words syntax errors differently, so for those
// only the verdict is compared).
class TstRuleFile : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void verdictsMatchPromtool_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<bool>("compareText");
        QTest::newRow("good") << QStringLiteral("good.yml") << 0 << true;
        QTest::newRow("empty file") << QStringLiteral("empty-file.yml") << 0 << true;
        QTest::newRow("unknown key") << QStringLiteral("unknown-key.yml") << 1 << true;
        QTest::newRow("unknown top-level key")
            << QStringLiteral("unknown-top-level-key.yml") << 1 << true;
        QTest::newRow("unknown group key") << QStringLiteral("unknown-group-key.yml") << 1 << true;
        QTest::newRow("bad names, repeated group, bad expression, bad template")
            << QStringLiteral("bad-names-repeated-group-bad-expression-bad-templa.yml") << 1
            << true;
        QTest::newRow("record and alert, for in recording rule")
            << QStringLiteral("record-and-alert-for-in-recording-rule.yml") << 1 << true;
        QTest::newRow("neither record nor alert, empty group name")
            << QStringLiteral("neither-record-nor-alert-empty-group-name.yml") << 1 << true;
        QTest::newRow("bad duration") << QStringLiteral("bad-duration.yml") << 1 << true;
        QTest::newRow("limit not an int") << QStringLiteral("limit-not-an-int.yml") << 1 << true;
        QTest::newRow("undefined template function, unclosed braces")
            << QStringLiteral("undefined-template-function-unclosed-braces.yml") << 1 << true;
        QTest::newRow("__name__ label") << QStringLiteral("name-label.yml") << 1 << true;
        QTest::newRow("keep_firing_for on a recording rule")
            << QStringLiteral("keep-firing-for-on-a-recording-rule.yml") << 1 << true;
        QTest::newRow("duplicate rules (lint: reported, exit 0)")
            << QStringLiteral("duplicate-rules-lint-reported-exit-0.yml") << 0 << true;
        QTest::newRow("repeated key") << QStringLiteral("repeated-key.yml") << 1 << true;
        QTest::newRow("repeated key skips its mapping; a group that is a string")
            << QStringLiteral("repeated-key-skips-its-mapping-a-group-that-is-a-s.yml") << 1
            << true;
        QTest::newRow("yaml syntax error") << QStringLiteral("yaml-syntax-error.yml") << 1 << false;
    }

    void verdictsMatchPromtool() {
        QFETCH(QString, file);
        QFETCH(int, exitCode);
        QFETCH(bool, compareText);
        // Relative, as a student would type it: promtool prints the path as given.
        QDir::setCurrent(qEnvironmentVariable("PPL_SOURCE_DIR") +
                         QStringLiteral("/tests/rules/data/checkrules"));
        const QString path = file;
        QVERIFY(QFile::exists(path));

        QString out, err;
        QTextStream outStream(&out), errStream(&err);
        const int code = checkRulesCommand({path}, outStream, errStream);
        outStream.flush();
        errStream.flush();
        QCOMPARE(code, exitCode);

        if (!ppl::test::RealPeer::available(QStringLiteral("promtool")))
            QSKIP("promtool is not installed");
        QProcess promtool;
        promtool.start(QStringLiteral("promtool"),
                       {QStringLiteral("check"), QStringLiteral("rules"), path});
        QVERIFY(promtool.waitForFinished(30000));
        QCOMPARE(promtool.exitCode(), exitCode);
        if (!compareText)
            return;
        QCOMPARE(out, QString::fromUtf8(promtool.readAllStandardOutput()));
        QCOMPARE(err, QString::fromUtf8(promtool.readAllStandardError()));
    }

    void parsedContent() {
        const RuleFile f = RuleFile::parse(R"y(groups:
  - name: g
    interval: 15s
    limit: 3
    rules:
      - alert: A
        expr: up == 0
        for: 1m
        keep_firing_for: 30s
        labels: {severity: page}
        annotations: {b: "2", a: "1"}
)y");
        QVERIFY2(f.ok(), qPrintable(f.errors.join(u'\n')));
        QCOMPARE(f.groups.size(), size_t(1));
        const RuleGroupSpec &g = f.groups[0];
        QCOMPARE(g.name, QByteArray("g"));
        QCOMPARE(g.intervalMs, qint64(15000));
        QCOMPARE(g.limit, 3);
        QCOMPARE(g.rules[0].forMs, qint64(60000));
        QCOMPARE(g.rules[0].keepFiringForMs, qint64(30000));
        QCOMPARE(g.rules[0].annotations.front().first, QByteArray("a"));
        QCOMPARE(g.rules[0].line, 6);
    }

    void missingFile() {
        QString out, err;
        QTextStream o(&out), e(&err);
        QCOMPARE(checkRulesCommand({m_dir.filePath(QStringLiteral("nope.yml"))}, o, e), 1);
        e.flush();
        QVERIFY(err.contains(u"does not exist"));
    }
};

QTEST_GUILESS_MAIN(TstRuleFile)
#include "tst_rulefile.moc"
