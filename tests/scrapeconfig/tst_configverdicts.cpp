#include "scrape/scrapeconfig.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace ppl;

namespace {

const QString kPromtool = QStringLiteral("/usr/bin/promtool");

QString dataDir(const QString &leaf) {
    return QDir(qEnvironmentVariable("PPL_SOURCE_DIR"))
        .filePath(QStringLiteral("tests/scrapeconfig/data/") + leaf);
}

struct Verdict {
    bool accepted = false;
    QString output;
};

Verdict promtool(const QStringList &args, const QString &file) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(kPromtool, QStringList{QStringLiteral("check"), QStringLiteral("config")} + args +
                           QStringList{file});
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(5000);
        return {false, QStringLiteral("promtool timed out")};
    }
    return {p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
            QString::fromUtf8(p.readAll())};
}

// Debian's build of 2.42 leaves out the Kubernetes discovery, which the lab simulates: when
// that is promtool's only complaint, upstream's verdict counts instead (issue 20).
bool onlyKubernetesMissing(const QString &output) {
    static const QRegularExpression line(QStringLiteral("^\\s*line \\d+: (.*)$"),
                                         QRegularExpression::MultilineOption);
    int complaints = 0;
    for (auto it = line.globalMatch(output); it.hasNext();) {
        if (it.next().captured(1) !=
            QLatin1String("field kubernetes_sd_configs not found in type config.ScrapeConfig"))
            return false;
        ++complaints;
    }
    return complaints > 0;
}

QByteArray flattened(const QByteArray &yaml) {
    QList<QByteArray> lines = yaml.split('\n');
    for (QByteArray &l : lines)
        l = l.trimmed();
    return lines.join('\n');
}

} // namespace

// The lab's prometheus.yml verdict against Debian's promtool 2.42, file by file.
class TestConfigVerdicts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        if (!QFile::exists(kPromtool))
            QSKIP("promtool (Debian package prometheus) is not installed");
        QVERIFY(m_tmp.isValid());
    }

    // The seed article's snippets, as written and with their indentation lost.
    void seedSnippets_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("upstreamAccepts"); // what upstream 2.42 (all SDs built) says
        const QStringList names =
            QDir(dataDir(QStringLiteral("seed"))).entryList({QStringLiteral("*.yml")}, QDir::Files);
        QVERIFY(names.size() == 3);
        for (const QString &name : names) {
            const QString path = dataDir(QStringLiteral("seed/") + name);
            QTest::addRow("%s indented", qPrintable(name)) << path << true;
            QFile in(path);
            QVERIFY(in.open(QIODevice::ReadOnly));
            const QString flat = m_tmp.filePath(QStringLiteral("flat-") + name);
            QFile out(flat);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(flattened(in.readAll()));
            out.close();
            QTest::addRow("%s flattened", qPrintable(name)) << flat << false;
        }
    }
    void seedSnippets() {
        QFETCH(QString, file);
        QFETCH(bool, upstreamAccepts);
        const Verdict real = promtool({}, file);
        const bool expected = onlyKubernetesMissing(real.output) ? upstreamAccepts : real.accepted;
        const ConfigLoadResult lab = loadPrometheusConfigFile(file);
        QVERIFY2(bool(lab.config) == expected,
                 qPrintable(QStringLiteral("promtool: %1\nlab: %2")
                                .arg(real.output, lab.error ? formatConfigDiagnostic(*lab.error)
                                                            : QStringLiteral("accepted"))));
        if (!expected) {
            // The lab names the same problem at the same line: promtool prints it as
            // "line N: field … not found in type …".
            QVERIFY(lab.error);
            const QString first = QStringLiteral("line %1: %2")
                                      .arg(lab.error->line)
                                      .arg(lab.error->message.section(QLatin1Char('\n'), 0, 0));
            QVERIFY2(real.output.contains(first), qPrintable(first + "\n" + real.output));
            QVERIFY(!lab.error->hint.isEmpty()); // lost indentation gets a plain-language hint
        }
    }

    // Issue 20 §2: every file of Prometheus 2.42's own config/testdata gets promtool's verdict
    // (upstream's, where Debian's build lacks the Kubernetes discovery the lab simulates), and
    // a rejected file's error names the same problem.
    void upstreamCorpus_data() {
        QTest::addColumn<QString>("file");
        const QDir dir(dataDir(QStringLiteral("upstream-testdata")));
        const QStringList names = dir.entryList({QStringLiteral("*.yml")}, QDir::Files);
        QVERIFY(names.size() >= 120);
        for (const QString &name : names)
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
    }
    void upstreamCorpus() {
        QFETCH(QString, file);
        const Verdict real = promtool({QStringLiteral("--syntax-only")}, file);
        const bool upstreamGood = file.contains(QLatin1String(".good."));
        const bool expected = onlyKubernetesMissing(real.output) ? upstreamGood : real.accepted;
        const ConfigLoadResult lab = loadPrometheusConfigFile(file);
        ++m_corpusFiles;
        QVERIFY2(bool(lab.config) == expected,
                 qPrintable(QStringLiteral("promtool: %1\nlab: %2")
                                .arg(real.output, lab.error ? formatConfigDiagnostic(*lab.error)
                                                            : QStringLiteral("accepted"))));
        if (!expected && !onlyKubernetesMissing(real.output)) {
            // The same problem: promtool's message contains the lab's first line.
            const QString first = lab.error->message.section(QLatin1Char('\n'), 0, 0);
            QVERIFY2(real.output.contains(first),
                     qPrintable(QStringLiteral("promtool: %1\nlab: %2").arg(real.output, first)));
        }
        ++m_corpusAgreements;
    }
    void cleanupTestCase() {
        if (m_corpusFiles > 0)
            qInfo("upstream corpus: the lab agrees with promtool on %d of %d files",
                  m_corpusAgreements, m_corpusFiles);
    }

private:
    QTemporaryDir m_tmp;
    int m_corpusFiles = 0;
    int m_corpusAgreements = 0;
};

QTEST_GUILESS_MAIN(TestConfigVerdicts)
#include "tst_configverdicts.moc"
