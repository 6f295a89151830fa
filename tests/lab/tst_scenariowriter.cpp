// File → Save scenario as… in core: Lab::currentWorld() snapshots the running world, and
// writeScenario() writes it in the loader's format; reopened, it is the same world. Also the
// lab's count of changes to the world (what "unsaved changes" asks about).
#include "labtesthelpers.h"

#include "lab/lab.h"
#include "lab/scenariowriter.h"
#include "scrape/scrapeconfig.h"
#include "sim/batchjob.h"
#include "sim/simulatedtarget.h"

#include <QTest>

using namespace ppl;

namespace {

QByteArrayList namesOf(const Scenario &s) {
    QByteArrayList out;
    for (const TargetSpec &t : s.targets)
        out << "target:" + t.options.name;
    for (const JobSpec &j : s.jobs)
        out << "job:" + j.spec.name;
    for (const PodSpec &p : s.pods)
        out << "pod:" + p.pod.namespaceName + '/' + p.pod.name;
    return out;
}

// The scrape configuration as the scraper reads it: each job and its static targets.
// Placeholders stand as KIND.NAME:1 (gateway:1 for {{gateway}}).
QStringList scrapeJobs(const QByteArray &yaml) {
    QByteArray text = yaml;
    const auto bad = substitutePlaceholders(
        text, [](const QByteArray &kind, const QByteArray &name) -> std::optional<QByteArray> {
            return (name.isEmpty() ? kind : kind + '.' + name) + ":1";
        });
    if (bad)
        return {*bad};
    const ConfigLoadResult r = loadPrometheusConfig(text, {});
    if (r.error)
        return {QStringLiteral("error: ") + r.error->message};
    QStringList out;
    for (const ScrapeJobConfig &c : r.config->scrapeConfigs) {
        QStringList targets;
        for (const auto &group : c.staticConfigs)
            for (const QByteArray &t : group.targets)
                targets << QString::fromUtf8(t);
        out << QString::fromUtf8(c.jobName) + u'=' + targets.join(u',');
    }
    return out;
}

const TargetSpec *findTarget(const Scenario &s, const QByteArray &name) {
    for (const TargetSpec &t : s.targets)
        if (t.options.name == name)
            return &t;
    return nullptr;
}

} // namespace

class TestScenarioWriter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Every built-in, written as loaded, loads again, and writing that gives the same text.
    void builtInsWriteAndReload() {
        for (const ScenarioInfo &info : builtInScenarios()) {
            const ScenarioLoadResult r = loadScenarioByNameOrFile(info.name);
            QVERIFY2(r.scenario, qPrintable(info.name));
            const QByteArray text = writeScenario(*r.scenario);
            const ScenarioLoadResult again = loadScenario(text, QStringLiteral("saved.yaml"));
            QVERIFY2(again.scenario,
                     qPrintable(info.name + QStringLiteral(": ") +
                                (again.error ? again.error->toString() : QString()) +
                                QStringLiteral("\n") + QString::fromUtf8(text)));
            QCOMPARE(namesOf(*again.scenario), namesOf(*r.scenario));
            QCOMPARE(again.scenario->actions.size(), r.scenario->actions.size());
            QCOMPARE(again.scenario->exporters.size(), r.scenario->exporters.size());
            QCOMPARE(again.scenario->ruleSources.size(), r.scenario->ruleSources.size());
            QCOMPARE(again.scenario->prometheusYaml, r.scenario->prometheusYaml);
            QCOMPARE(writeScenario(*again.scenario), text);
        }
    }

    void strangeStringsAreQuoted() {
        Scenario s;
        s.name = QStringLiteral("a: b # c");
        s.description = QStringLiteral("\"quoted\", 'single', {braces}\nsecond line");
        TargetSpec t;
        t.options.name = "web-1";
        ProfileMetric m;
        m.name = "odd_metric";
        m.help = "help: with # and 'quotes'";
        m.labels = {{"path", "/a: b"}, {"empty", ""}};
        t.options.profile.metrics << m;
        s.targets << t;
        const ScenarioLoadResult r = loadScenario(writeScenario(s), QStringLiteral("x.yaml"));
        QVERIFY2(r.scenario, qPrintable(r.error ? r.error->toString() : QString()));
        QCOMPARE(r.scenario->name, s.name);
        QCOMPARE(r.scenario->description, s.description);
        QCOMPARE(r.scenario->targets.size(), 1);
        QCOMPARE(r.scenario->targets[0].options.profile, t.options.profile);
    }

    // The round trip of the brief: a built-in, then a target and a job added, a target
    // removed and a changed prometheus.yml applied (with a literal address of a lab target);
    // saved, the file differs from the original, loads, and reopened is the same world.
    void theWorldAsItIsNowRoundTrips() {
        ManualClock clock;
        Lab lab({&clock});
        const ScenarioLoadResult original = loadScenarioByNameOrFile(QStringLiteral("pull-basics"));
        QVERIFY(original.scenario);
        QString error;
        QVERIFY2(lab.loadScenario(*original.scenario, &error), qPrintable(error));
        QVERIFY(!lab.worldChanged());
        // Unchanged: the world is the file's.
        QCOMPARE(namesOf(lab.currentWorld()), namesOf(*original.scenario));
        QCOMPARE(lab.currentWorld().prometheusYaml, original.scenario->prometheusYaml);

        TargetSpec web4;
        web4.options.name = "web-4";
        web4.options.profile.http->requestsPerSecond = 7;
        web4.options.format = TargetFormat::OpenMetrics;
        ProfileMetric queue;
        queue.name = "queue_depth";
        queue.labels = {{"queue", "mail"}};
        queue.value = 3;
        queue.amplitude = 2;
        queue.periodS = 30;
        web4.options.profile.metrics << queue;
        QVERIFY2(lab.addTarget(web4, &error), qPrintable(error));
        QVERIFY(lab.worldChanged());
        JobSpec backup;
        backup.spec.name = "backup";
        backup.spec.durationMs = 1500;
        backup.spec.pushMode = JobPushMode::PushAdd;
        backup.spec.groupingKey = {{"job", "database_backup"}, {"instance", "db-1"}};
        backup.spec.repeatEveryMs = 60000;
        QVERIFY2(lab.addJob(backup, &error), qPrintable(error));
        QVERIFY2(lab.removeTarget(QStringLiteral("web-2"), &error), qPrintable(error));
        // Typed by hand: web-4 by its address, the gateway by its URL's host:port.
        const QByteArray web4Address = lab.target("web-4")->address();
        const QByteArray gateway = QStringLiteral("%1:%2")
                                       .arg(lab.gatewayUrl().host())
                                       .arg(lab.gatewayUrl().port())
                                       .toUtf8();
        const QByteArray config = "global:\n  scrape_interval: 10s\nscrape_configs:\n"
                                  "  - job_name: nodejs_app\n    static_configs:\n"
                                  "      - targets: ['{{target:web-1}}', '{{target:web-2}}', '" +
                                  web4Address +
                                  "']\n"
                                  "  - job_name: pushgateway\n    honor_labels: true\n"
                                  "    static_configs:\n      - targets: ['" +
                                  gateway +
                                  "']\n"
                                  "  - job_name: outside\n    static_configs:\n"
                                  "      - targets: ['127.0.0.1:1']\n";
        QVERIFY2(lab.reloadConfig(config, &error), qPrintable(error));

        const Scenario world = lab.currentWorld();
        const QByteArray text = writeScenario(world);
        QVERIFY(text != original.scenario->source);
        QVERIFY2(!text.contains(web4Address), text.constData());
        const ScenarioLoadResult saved = loadScenario(text, QStringLiteral("saved.yaml"));
        QVERIFY2(saved.scenario, qPrintable(saved.error ? saved.error->toString() : QString()));
        const Scenario &s = *saved.scenario;
        QCOMPARE(s.name, original.scenario->name);
        QCOMPARE(s.description, original.scenario->description);
        QCOMPARE(namesOf(s), (QByteArrayList{"target:web-1", "target:web-3", "target:node-1",
                                             "target:web-4", "job:backup"}));
        const TargetSpec *saved4 = findTarget(s, "web-4");
        QVERIFY(saved4);
        QCOMPARE(saved4->options.profile, web4.options.profile);
        QCOMPARE(saved4->options.format, TargetFormat::OpenMetrics);
        QCOMPARE(s.jobs[0].spec.durationMs, 1500);
        QCOMPARE(s.jobs[0].spec.pushMode, JobPushMode::PushAdd);
        QCOMPARE(s.jobs[0].spec.groupingKey, backup.spec.groupingKey);
        QCOMPARE(s.jobs[0].spec.repeatEveryMs, 60000);
        QVERIFY(s.jobs[0].useLabGateway);
        QCOMPARE(s.ruleSources.size(), original.scenario->ruleSources.size());
        QCOMPARE(s.ruleSources[0].second, original.scenario->ruleSources[0].second);
        // The configuration applied, re-templated: web-2 is gone, the rest named.
        QCOMPARE(scrapeJobs(s.prometheusYaml),
                 (QStringList{QStringLiteral("nodejs_app=target.web-1:1,target.web-4:1"),
                              QStringLiteral("pushgateway=gateway:1"),
                              QStringLiteral("outside=127.0.0.1:1")}));

        // Reopened in another lab, on fresh ports: the same world, written the same way.
        ManualClock clock2;
        Lab reopened({&clock2});
        QVERIFY2(reopened.loadScenario(s, &error), qPrintable(error));
        QVERIFY(!reopened.worldChanged());
        QVERIFY(reopened.target("web-4"));
        QVERIFY(reopened.job("backup"));
        QVERIFY(!reopened.target("web-2"));
        QCOMPARE(namesOf(reopened.currentWorld()), namesOf(s));
        QCOMPARE(scrapeJobs(reopened.currentWorld().prometheusYaml), scrapeJobs(s.prometheusYaml));
        QCOMPARE(writeScenario(reopened.currentWorld()), writeScenario(s));
    }

    // Faults, kills and runs are runtime, not the world; adding, removing, applying are.
    void whatChangesTheWorld() {
        ManualClock clock;
        Lab lab({&clock});
        const ScenarioLoadResult r = loadScenarioByNameOrFile(QStringLiteral("hybrid"));
        QVERIFY(r.scenario);
        QString error;
        QVERIFY2(lab.loadScenario(*r.scenario, &error), qPrintable(error));
        QVERIFY(!lab.worldChanged());
        const QByteArray first = lab.targets().first()->name();
        QVERIFY(lab.killTarget(first));
        QVERIFY(lab.startTarget(first));
        QVERIFY(lab.setTargetFault(first, TargetFault::Slow, 2000));
        lab.setPartitioned(true);
        lab.setPartitioned(false);
        lab.pause();
        lab.resume();
        QVERIFY(lab.reloadConfig()); // the same configuration again
        QVERIFY(!lab.worldChanged());
        const quint64 before = lab.worldGeneration();
        QVERIFY(lab.removeTarget(QString::fromUtf8(first)));
        QVERIFY(lab.worldChanged());
        QVERIFY(lab.worldGeneration() > before);
        lab.markWorldSaved();
        QVERIFY(!lab.worldChanged());
        lab.setGatewayPersistence(!lab.gatewayPersistence());
        QVERIFY(lab.worldChanged());
        // Loading a scenario is a fresh, unchanged world.
        QVERIFY(lab.loadScenario(*r.scenario, &error));
        QVERIFY(!lab.worldChanged());
    }
};

QTEST_GUILESS_MAIN(TestScenarioWriter)
#include "tst_scenariowriter.moc"
