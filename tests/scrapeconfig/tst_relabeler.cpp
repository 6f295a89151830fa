#include "scrape/relabeler.h"
#include "scrape/scrapeconfig.h"

#include <QTest>

using namespace ppl;

namespace {

// "name=value" entries (split at the first "=").
Labels labelsOf(const QList<QByteArray> &entries) {
    std::vector<std::pair<QByteArray, QByteArray>> pairs;
    for (const QByteArray &e : entries) {
        const qsizetype eq = e.indexOf('=');
        pairs.emplace_back(e.left(eq), e.mid(eq + 1));
    }
    return Labels::fromPairs(std::move(pairs));
}

// Rules go through the real loader, as a user's relabel_configs would.
QList<RelabelRule> rulesOf(const QByteArray &yamlRules) {
    QByteArray yaml = "scrape_configs:\n  - job_name: t\n    relabel_configs:\n";
    for (const QByteArray &line : yamlRules.split('\n'))
        yaml += "      " + line + "\n";
    const ConfigLoadResult r = loadPrometheusConfig(yaml);
    if (!r.config) {
        qWarning("rules did not load: %s", qPrintable(r.error->message));
        return {};
    }
    return r.config->scrapeConfigs[0].relabelConfigs;
}

const QList<QByteArray> kDropped{"<dropped>"};

} // namespace

class TestRelabeler : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Expected outputs marked "(Prometheus 2.42)" were read from a real prometheus 2.42's
    // /api/v1/targets with the same rules (static targets, labels after relabelling).
    void relabel_data() {
        QTest::addColumn<QList<QByteArray>>("in");
        QTest::addColumn<QByteArray>("rules");
        QTest::addColumn<QList<QByteArray>>("out");

        // replace
        QTest::addRow("replace: host from address (Prometheus 2.42)")
            << QList<QByteArray>{"__address__=host.example:9100"}
            << QByteArray("- source_labels: [__address__]\n  regex: '([^:]+):(\\d+)'\n"
                          "  target_label: host\n  replacement: $1")
            << QList<QByteArray>{"__address__=host.example:9100", "host=host.example"};
        QTest::addRow("replace: $1x names group '1x', empty result deletes the target")
            << QList<QByteArray>{"__address__=h:1", "weird=old"}
            << QByteArray("- source_labels: [__address__]\n  regex: '([^:]+):(\\d+)'\n"
                          "  target_label: weird\n  replacement: $1x")
            << QList<QByteArray>{"__address__=h:1"};
        QTest::addRow("replace: named group in target and replacement, $$ (Prometheus 2.42)")
            << QList<QByteArray>{"env=prod"}
            << QByteArray("- source_labels: [env]\n  regex: '(?P<e>.*)'\n"
                          "  target_label: 'lbl_${e}'\n  replacement: '${e}-$$-${1}'")
            << QList<QByteArray>{"env=prod", "lbl_prod=prod-$-prod"};
        QTest::addRow("replace: regex is anchored, partial match does nothing (Prometheus 2.42)")
            << QList<QByteArray>{"env=prod", "team=core"}
            << QByteArray("- source_labels: [env]\n  regex: pro\n  target_label: team\n"
                          "  replacement: none")
            << QList<QByteArray>{"env=prod", "team=core"};
        QTest::addRow("replace: missing source, empty replacement deletes (Prometheus 2.42)")
            << QList<QByteArray>{"env=prod", "team=core"}
            << QByteArray("- source_labels: [nope]\n  target_label: team\n  replacement: ''")
            << QList<QByteArray>{"env=prod"};
        QTest::addRow("replace: $01 is a group name, not 1 (Prometheus 2.42)")
            << QList<QByteArray>{"env=prod"}
            << QByteArray("- source_labels: [env, team]\n  regex: 'prod;(.*)'\n"
                          "  target_label: combo\n  replacement: '$01|${1}|$1'")
            << QList<QByteArray>{"env=prod", "combo=||"};
        QTest::addRow("replace: joined sources with separator")
            << QList<QByteArray>{"a=x", "b=y"}
            << QByteArray("- source_labels: [a, b]\n  separator: '-'\n  target_label: ab")
            << QList<QByteArray>{"a=x", "ab=x-y", "b=y"};
        QTest::addRow("replace: no sources sets a constant")
            << QList<QByteArray>{"a=x"} << QByteArray("- target_label: env\n  replacement: lab")
            << QList<QByteArray>{"a=x", "env=lab"};
        QTest::addRow("replace: expanded target invalid, label left alone")
            << QList<QByteArray>{"v=1a", "keep=me"}
            << QByteArray("- source_labels: [v]\n  target_label: '${1}'")
            << QList<QByteArray>{"keep=me", "v=1a"};
        QTest::addRow("replace: malformed ${ stays literal")
            << QList<QByteArray>{"v=a"}
            << QByteArray("- source_labels: [v]\n  target_label: w\n  replacement: '${1'")
            << QList<QByteArray>{"v=a", "w=${1"};

        // keep
        QTest::addRow("keep: matching value kept")
            << QList<QByteArray>{"__meta_kubernetes_pod_annotation_prometheus_io_scrape=true"}
            << QByteArray("- source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_"
                          "scrape]\n  action: keep\n  regex: true")
            << QList<QByteArray>{"__meta_kubernetes_pod_annotation_prometheus_io_scrape=true"};
        QTest::addRow("keep: missing label is the empty string, dropped")
            << QList<QByteArray>{"a=b"}
            << QByteArray("- source_labels: [scrape]\n  action: keep\n  regex: true") << kDropped;
        QTest::addRow("keep: anchored, partial match dropped")
            << QList<QByteArray>{"env=production"}
            << QByteArray("- source_labels: [env]\n  action: keep\n  regex: prod") << kDropped;
        QTest::addRow("keep: $ does not match before a final newline")
            << QList<QByteArray>{"env=prod\n"}
            << QByteArray("- source_labels: [env]\n  action: keep\n  regex: prod") << kDropped;
        QTest::addRow("keep: empty regex keeps only empty values")
            << QList<QByteArray>{"a=b"}
            << QByteArray("- source_labels: [missing]\n  action: keep\n  regex: ''")
            << QList<QByteArray>{"a=b"};

        // drop
        QTest::addRow("drop: matching value dropped")
            << QList<QByteArray>{"__name__=go_gc_duration_seconds"}
            << QByteArray("- source_labels: [__name__]\n  action: drop\n  regex: 'go_.*'")
            << kDropped;
        QTest::addRow("drop: non-matching kept")
            << QList<QByteArray>{"__name__=up"}
            << QByteArray("- source_labels: [__name__]\n  action: drop\n  regex: 'go_.*'")
            << QList<QByteArray>{"__name__=up"};
        QTest::addRow("drop: joined sources")
            << QList<QByteArray>{"a=1", "b=2"}
            << QByteArray("- source_labels: [a, b]\n  action: drop\n  regex: '1;2'") << kDropped;
        QTest::addRow("drop: alternation is anchored as a whole")
            << QList<QByteArray>{"a=xb"}
            << QByteArray("- source_labels: [a]\n  action: drop\n  regex: 'x|b'")
            << QList<QByteArray>{"a=xb"};

        // hashmod: values from Prometheus 2.42
        const QByteArray hashRules =
            "- source_labels: [__address__]\n  action: hashmod\n  modulus: 8\n"
            "  target_label: shard8\n"
            "- source_labels: [__address__]\n  action: hashmod\n  modulus: 1000003\n"
            "  target_label: shardbig\n"
            "- source_labels: [__address__, job]\n  separator: '|'\n  action: hashmod\n"
            "  modulus: 5\n  target_label: shard5\n"
            "- source_labels: [nonexistent]\n  action: hashmod\n  modulus: 7\n"
            "  target_label: shardempty";
        // The actions 2.42 added (model/relabel: lowercase, uppercase, keepequal, dropequal).
        QTest::addRow("lowercase")
            << QList<QByteArray>{"a=MiXed", "b=Two"}
            << QByteArray("- source_labels: [a, b]\n  action: lowercase\n  target_label: low")
            << QList<QByteArray>{"a=MiXed", "b=Two", "low=mixed;two"};
        QTest::addRow("uppercase")
            << QList<QByteArray>{"a=MiXed"}
            << QByteArray("- source_labels: [a]\n  action: uppercase\n  target_label: up")
            << QList<QByteArray>{"a=MiXed", "up=MIXED"};
        QTest::addRow("keepequal: equal kept")
            << QList<QByteArray>{"a=x", "b=x"}
            << QByteArray("- source_labels: [a]\n  action: keepequal\n  target_label: b")
            << QList<QByteArray>{"a=x", "b=x"};
        QTest::addRow("keepequal: different dropped")
            << QList<QByteArray>{"a=x", "b=y"}
            << QByteArray("- source_labels: [a]\n  action: keepequal\n  target_label: b")
            << kDropped;
        QTest::addRow("dropequal: equal dropped")
            << QList<QByteArray>{"a=x", "b=x"}
            << QByteArray("- source_labels: [a]\n  action: dropequal\n  target_label: b")
            << kDropped;
        QTest::addRow("hashmod: a:1 (Prometheus 2.42)")
            << QList<QByteArray>{"__address__=a:1", "job=hashmod"} << hashRules
            << QList<QByteArray>{"__address__=a:1", "job=hashmod",    "shard5=0",
                                 "shard8=0",        "shardbig=45634", "shardempty=1"};
        QTest::addRow("hashmod: b:2 (Prometheus 2.42)")
            << QList<QByteArray>{"__address__=b:2", "job=hashmod"} << hashRules
            << QList<QByteArray>{"__address__=b:2", "job=hashmod",     "shard5=4",
                                 "shard8=5",        "shardbig=768514", "shardempty=1"};
        QTest::addRow("hashmod: 10.0.0.1:9100 (Prometheus 2.42)")
            << QList<QByteArray>{"__address__=10.0.0.1:9100", "job=hashmod"} << hashRules
            << QList<QByteArray>{"__address__=10.0.0.1:9100", "job=hashmod", "shard5=1", "shard8=5",
                                 "shardbig=567900",           "shardempty=1"};
        QTest::addRow("hashmod: localhost:8080 (Prometheus 2.42)")
            << QList<QByteArray>{"__address__=localhost:8080", "job=hashmod"} << hashRules
            << QList<QByteArray>{"__address__=localhost:8080",
                                 "job=hashmod",
                                 "shard5=2",
                                 "shard8=7",
                                 "shardbig=627678",
                                 "shardempty=1"};

        // labelmap
        QTest::addRow("labelmap: pod labels, renames, later rule wins (Prometheus 2.42)")
            << QList<QByteArray>{"__meta_kubernetes_pod_label_app=web",
                                 "__meta_kubernetes_pod_label_tier=front",
                                 "__meta_other=x",
                                 "foo_suffix=v1",
                                 "zap_suffix=v2",
                                 "keep=k"}
            << QByteArray("- action: labelmap\n  regex: __meta_kubernetes_pod_label_(.+)\n"
                          "- action: labelmap\n  regex: (.*)_suffix\n"
                          "  replacement: renamed_${1}\n"
                          "- action: labelmap\n  regex: __meta_(o)(ther)\n  replacement: $2$1\n"
                          "- action: labelmap\n  regex: keep\n  replacement: zap_suffix")
            << QList<QByteArray>{"__meta_kubernetes_pod_label_app=web",
                                 "__meta_kubernetes_pod_label_tier=front",
                                 "__meta_other=x",
                                 "app=web",
                                 "foo_suffix=v1",
                                 "keep=k",
                                 "renamed_foo=v1",
                                 "renamed_zap=v2",
                                 "thero=x",
                                 "tier=front",
                                 "zap_suffix=k"};
        QTest::addRow("labelmap: anchored on the name")
            << QList<QByteArray>{"xa=1", "a=2"}
            << QByteArray("- action: labelmap\n  regex: a\n  replacement: b")
            << QList<QByteArray>{"a=2", "b=2", "xa=1"};
        QTest::addRow("labelmap: reads the rule's input, not its own output")
            << QList<QByteArray>{"a_x=1", "b_x=2"}
            << QByteArray("- action: labelmap\n  regex: '(.+)_x'\n  replacement: '${1}_x_x'")
            << QList<QByteArray>{"a_x=1", "a_x_x=1", "b_x=2", "b_x_x=2"};

        // labeldrop
        QTest::addRow("labeldrop: by pattern")
            << QList<QByteArray>{"tmp_a=1", "tmp_b=2", "job=j"}
            << QByteArray("- action: labeldrop\n  regex: 'tmp_.*'") << QList<QByteArray>{"job=j"};
        QTest::addRow("labeldrop: anchored") << QList<QByteArray>{"xtmp_a=1", "tmp_b=2"}
                                             << QByteArray("- action: labeldrop\n  regex: 'tmp_.*'")
                                             << QList<QByteArray>{"xtmp_a=1"};
        QTest::addRow("labeldrop: nothing matches")
            << QList<QByteArray>{"a=1"} << QByteArray("- action: labeldrop\n  regex: 'b'")
            << QList<QByteArray>{"a=1"};

        // labelkeep
        QTest::addRow("labelkeep: keeps only matching names")
            << QList<QByteArray>{"job=j", "instance=i", "pod=p"}
            << QByteArray("- action: labelkeep\n  regex: 'job|instance'")
            << QList<QByteArray>{"instance=i", "job=j"};
        QTest::addRow("labelkeep: anchored")
            << QList<QByteArray>{"job=j", "jobs=k"}
            << QByteArray("- action: labelkeep\n  regex: 'job'") << QList<QByteArray>{"job=j"};
        QTest::addRow("labelkeep: everything")
            << QList<QByteArray>{"a=1", "b=2"} << QByteArray("- action: labelkeep\n  regex: '.*'")
            << QList<QByteArray>{"a=1", "b=2"};

        // chains
        QTest::addRow("chain: keep then replace sees the earlier output")
            << QList<QByteArray>{"a=1"}
            << QByteArray("- target_label: b\n  replacement: two\n"
                          "- source_labels: [b]\n  action: keep\n  regex: two")
            << QList<QByteArray>{"a=1", "b=two"};
        QTest::addRow("chain: drop stops processing")
            << QList<QByteArray>{"a=1"}
            << QByteArray("- source_labels: [a]\n  action: drop\n  regex: '1'\n"
                          "- target_label: b\n  replacement: two")
            << kDropped;
    }
    void relabel() {
        QFETCH(QList<QByteArray>, in);
        QFETCH(QByteArray, rules);
        QFETCH(QList<QByteArray>, out);
        const QList<RelabelRule> parsed = rulesOf(rules);
        QVERIFY(!parsed.isEmpty());
        const std::optional<Labels> got = ppl::relabel(labelsOf(in), parsed);
        if (out == kDropped) {
            QVERIFY2(!got, got ? qPrintable(got->toString()) : "");
            return;
        }
        QVERIFY(got);
        QCOMPARE(got->toString(), labelsOf(out).toString());
        QCOMPARE(*got, labelsOf(out));
    }

    // Rules built in code (no loader, so no precompiled regex) behave the same.
    void handBuiltRules() {
        RelabelRule r;
        r.action = RelabelRule::Action::Replace;
        r.sourceLabels = {"a"};
        r.regex = QStringLiteral("(\\d+)");
        r.targetLabel = "b";
        r.replacement = "n$1";
        for (int i = 0; i < 3; ++i) {
            const std::optional<Labels> got = ppl::relabel(Labels::of({{"a", "42"}}), {r});
            QVERIFY(got);
            QCOMPARE(got->value("b"), QByteArray("n42"));
        }
        QCOMPARE(ppl::relabel(Labels::of({{"a", "x"}}), {r})->value("b"), QByteArray());
        QCOMPARE(*ppl::relabel(Labels::of({{"a", "x"}}), {}), Labels::of({{"a", "x"}}));
    }

    void sanitize_data() {
        QTest::addColumn<QByteArray>("in");
        QTest::addColumn<QByteArray>("out");
        QTest::addRow("dots and slashes")
            << QByteArray("prometheus.io/scrape") << QByteArray("prometheus_io_scrape");
        QTest::addRow("dash") << QByteArray("app.kubernetes.io/name")
                              << QByteArray("app_kubernetes_io_name");
        QTest::addRow("already fine") << QByteArray("tier_1") << QByteArray("tier_1");
        QTest::addRow("one _ per character") << QByteArray("é-x") << QByteArray("__x");
    }
    void sanitize() {
        QFETCH(QByteArray, in);
        QFETCH(QByteArray, out);
        QCOMPARE(sanitizeLabelName(in), out);
    }

    void labelNames() {
        QVERIFY(isValidLabelName("a"));
        QVERIFY(isValidLabelName("_a9"));
        QVERIFY(isValidLabelName("__address__"));
        QVERIFY(!isValidLabelName(""));
        QVERIFY(!isValidLabelName("9a"));
        QVERIFY(!isValidLabelName("a-b"));
        QVERIFY(!isValidLabelName("a.b"));
    }
};

QTEST_GUILESS_MAIN(TestRelabeler)
#include "tst_relabeler.moc"
