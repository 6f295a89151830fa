#include "rules/alertingrule.h"
#include "rules/recordingrule.h"
#include "rules/rulemanager.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace ppl;
using namespace ppl::rules;

// The rule manager on a manual clock: group slots, alert states and their series, recording
// rules and staleness, evaluation errors and reloads, as Prometheus 2.42's rules package.
class TstRuleManager : public QObject {
    Q_OBJECT

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SeriesStore> m_store;
    std::unique_ptr<RuleManager> m_rules;

    void set(const Labels &l, double v) { m_store->append(l, m_clock->nowMs(), v); }
    // The newest sample's value (stale-marker bits kept), or -1 when there is none.
    double last(const Labels &l) const {
        const auto id = m_store->find(l);
        const auto s = id ? m_store->lastSample(*id) : std::nullopt;
        return s ? s->value : -1;
    }
    qint64 lastTime(const Labels &l) const {
        const auto id = m_store->find(l);
        const auto s = id ? m_store->lastSample(*id) : std::nullopt;
        return s ? s->timestampMs : -1;
    }
    bool load(const QByteArray &yaml, QStringList *errors = nullptr) {
        return m_rules->update({{QStringLiteral("/rules/test.yml"), yaml}}, 10000,
                               Labels::of({{"cluster", "lab"}}), errors);
    }
    RuleGroup *group() const { return m_rules->groups().front(); }
    // Runs the clock to the group's next slot (values set before stay current: 5m lookback).
    qint64 nextEvaluation() {
        const qint64 t = group()->nextEvaluationMs();
        m_clock->advanceTo(t);
        return t;
    }

private Q_SLOTS:
    void init() {
        m_clock = std::make_unique<ManualClock>();
        m_store = std::make_unique<SeriesStore>(m_clock.get());
        m_rules = std::make_unique<RuleManager>(m_clock.get(), m_store.get());
    }
    void cleanup() {
        m_rules.reset();
        m_store.reset();
        m_clock.reset();
    }

    void xxhashKnownValues() {
        QCOMPARE(xxhash64(""), Q_UINT64_C(0xEF46DB3751D8E999));
        QCOMPARE(xxhash64("abc"), Q_UINT64_C(0x44BC2CF5AD770999));
        QCOMPARE(xxhash64("Nobody inspects the spammish repetition"),
                 Q_UINT64_C(0xFBCEA83C8A378BF1));
    }

    void slotsAreAlignedByTheGroupHash() {
        QVERIFY(load("groups:\n- name: g\n  rules:\n  - record: r\n    expr: vector(1)\n"));
        RuleGroup *g = group();
        const qint64 interval = 10000;
        const qint64 offsetMs = qint64(g->hash() % quint64(interval * 1000000)) / 1000000;
        // The first evaluation is the slot after the one before now; then every interval.
        const qint64 first = g->nextEvaluationMs();
        QVERIFY(first > m_clock->nowMs());
        QVERIFY(first <= m_clock->nowMs() + interval);
        QCOMPARE((first - offsetMs) % interval, qint64(0));
        QSignalSpy evaluated(m_rules.get(), &RuleManager::groupEvaluated);
        m_clock->advanceTo(first + 3 * interval);
        QCOMPARE(evaluated.size(), 4);
        QCOMPARE(evaluated.last().at(2).toLongLong(), first + 3 * interval);
        QCOMPARE(last(Labels::of({{"__name__", "r"}})), 1.0);
        QCOMPARE(lastTime(Labels::of({{"__name__", "r"}})), first + 3 * interval);
    }

    void pendingThenFiringThenResolved() {
        const Labels up = Labels::of({{"__name__", "up"}, {"job", "node"}, {"instance", "a:1"}});
        set(up, 0);
        QVERIFY(load(R"y(groups:
- name: g
  rules:
  - alert: TargetDown
    expr: up == 0
    for: 30s
    labels: {severity: page}
    annotations:
      summary: "{{ $labels.instance }} of {{ $externalLabels.cluster }} is down ({{ $value }})"
)y"));
        QSignalSpy transitions(m_rules.get(), &RuleManager::alertStateChanged);
        QSignalSpy toSend(m_rules.get(), &RuleManager::alertsToSend);
        auto *rule = m_rules->alertingRules().front();

        const qint64 t1 = nextEvaluation();
        QCOMPARE(rule->state(), AlertState::Pending);
        QCOMPARE(transitions.size(), 1);
        auto t = transitions.takeFirst().at(0).value<AlertTransition>();
        QCOMPARE(t.from, AlertState::Inactive);
        QCOMPARE(t.to, AlertState::Pending);
        QCOMPARE(t.labels, Labels::of({{"alertname", "TargetDown"},
                                       {"instance", "a:1"},
                                       {"job", "node"},
                                       {"severity", "page"}}));
        std::vector<Alert> alerts = m_rules->alerts();
        QCOMPARE(alerts.size(), size_t(1));
        QCOMPARE(alerts[0].activeAtMs, t1);
        QCOMPARE(alerts[0].annotations.front().second, QByteArray("a:1 of lab is down (0)"));
        // A fresh start writes ALERTS only once the `for` state is restored (after the second
        // evaluation), as Prometheus does.
        const Labels pending = Labels::of({{"__name__", "ALERTS"},
                                           {"alertname", "TargetDown"},
                                           {"alertstate", "pending"},
                                           {"instance", "a:1"},
                                           {"job", "node"},
                                           {"severity", "page"}});
        const Labels firing = Labels::Builder(pending).set("alertstate", "firing").build();
        const Labels forState = Labels::Builder(pending)
                                    .set("__name__", "ALERTS_FOR_STATE")
                                    .remove("alertstate")
                                    .build();
        QCOMPARE(last(pending), -1.0);
        nextEvaluation();
        QCOMPARE(last(pending), -1.0);
        const qint64 t3 = nextEvaluation();
        QCOMPARE(last(pending), 1.0);
        QCOMPARE(last(forState), double(t1 / 1000));
        QCOMPARE(rule->state(), AlertState::Pending);
        QVERIFY(toSend.isEmpty()); // pending alerts are not sent

        // 30 s after activeAt: firing; the pending series goes stale at that evaluation.
        const qint64 t4 = nextEvaluation();
        QCOMPARE(t4 - t1, qint64(30000));
        QCOMPARE(rule->state(), AlertState::Firing);
        QCOMPARE(transitions.size(), 1);
        t = transitions.takeFirst().at(0).value<AlertTransition>();
        QCOMPARE(t.from, AlertState::Pending);
        QCOMPARE(t.to, AlertState::Firing);
        QCOMPARE(last(firing), 1.0);
        QVERIFY(isStaleMarker(last(pending)));
        QCOMPARE(lastTime(pending), t4);
        Q_UNUSED(t3)
        QCOMPARE(toSend.size(), 1);
        auto sent = toSend.takeFirst().at(0).value<QList<OutgoingAlert>>();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent[0].startsAtMs, t4);
        QCOMPARE(sent[0].endsAtMs,
                 t4 + 4 * qint64(60000)); // 4 × max(resend delay 1m, interval 10s)
        QVERIFY(sent[0].generatorUrl.endsWith("/graph?g0.expr=up+%3D%3D+0&g0.tab=1"));
        // Re-sent only after the resend delay.
        nextEvaluation();
        QVERIFY(toSend.isEmpty());

        // The target is back: resolved at the next evaluation; its ALERTS series go stale.
        set(up, 1);
        const qint64 t6 = nextEvaluation();
        QCOMPARE(rule->state(), AlertState::Inactive);
        QVERIFY(m_rules->alerts().empty());
        QCOMPARE(rule->allAlerts().size(), size_t(1)); // kept to be sent as resolved
        QCOMPARE(rule->allAlerts().front().resolvedAtMs, t6);
        t = transitions.takeFirst().at(0).value<AlertTransition>();
        QCOMPARE(t.from, AlertState::Firing);
        QCOMPARE(t.to, AlertState::Inactive);
        QVERIFY(isStaleMarker(last(firing)));
        QVERIFY(isStaleMarker(last(forState)));
        QCOMPARE(toSend.size(), 1);
        sent = toSend.takeFirst().at(0).value<QList<OutgoingAlert>>();
        QCOMPARE(sent[0].endsAtMs, t6);
    }

    void keepFiringFor() {
        const Labels up = Labels::of({{"__name__", "up"}, {"job", "j"}});
        set(up, 0);
        QVERIFY(load(R"y(groups:
- name: g
  rules:
  - alert: Down
    expr: up == 0
    keep_firing_for: 25s
)y"));
        auto *rule = m_rules->alertingRules().front();
        nextEvaluation();
        QCOMPARE(rule->state(), AlertState::Firing); // for: 0 fires at once
        set(up, 1);
        const qint64 gone = nextEvaluation();
        QCOMPARE(rule->state(), AlertState::Firing);
        QCOMPARE(rule->activeAlerts().front().keepFiringSinceMs, gone);
        nextEvaluation(); // +10 s
        nextEvaluation(); // +20 s
        QCOMPARE(rule->state(), AlertState::Firing);
        const qint64 end = nextEvaluation(); // +30 s ≥ 25 s
        QCOMPARE(end - gone, qint64(30000));
        QCOMPARE(rule->state(), AlertState::Inactive);
    }

    void pendingThatClearsIsForgotten() {
        const Labels up = Labels::of({{"__name__", "up"}, {"job", "j"}});
        set(up, 0);
        QVERIFY(
            load("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    for: 1m\n"));
        QSignalSpy transitions(m_rules.get(), &RuleManager::alertStateChanged);
        auto *rule = m_rules->alertingRules().front();
        nextEvaluation();
        set(up, 1);
        nextEvaluation();
        QCOMPARE(rule->state(), AlertState::Inactive);
        QVERIFY(rule->allAlerts().empty());
        QCOMPARE(transitions.size(), 2);
        QCOMPARE(transitions.last().at(0).value<AlertTransition>().from, AlertState::Pending);
    }

    void recordingRuleWritesAndStales() {
        const Labels a = Labels::of({{"__name__", "requests"}, {"job", "a"}});
        const Labels b = Labels::of({{"__name__", "requests"}, {"job", "b"}});
        set(a, 3);
        set(b, 4);
        QVERIFY(load(R"y(groups:
- name: rec
  rules:
  - record: job:requests:sum
    expr: sum by (job) (requests)
    labels: {source: rule}
)y"));
        const Labels ra =
            Labels::of({{"__name__", "job:requests:sum"}, {"job", "a"}, {"source", "rule"}});
        const Labels rb = Labels::Builder(ra).set("job", "b").build();
        const qint64 t1 = nextEvaluation();
        QCOMPARE(last(ra), 3.0);
        QCOMPARE(last(rb), 4.0);
        QCOMPARE(lastTime(ra), t1);
        // b's series ends: its recorded series gets a stale marker at the next evaluation.
        m_store->append(b, m_clock->nowMs() + 1, staleMarker());
        const qint64 t2 = nextEvaluation();
        QCOMPARE(last(ra), 3.0);
        QVERIFY(isStaleMarker(last(rb)));
        QCOMPARE(lastTime(rb), t2);
        const Rule &rule = *group()->rules().front();
        QCOMPARE(rule.health, RuleHealth::Good);
        QCOMPARE(rule.lastEvaluationMs, t2);
        QCOMPARE(group()->evaluationsTotal, quint64(2));
    }

    void evaluationErrorsAreRecordedPerRule() {
        set(Labels::of({{"__name__", "x"}, {"i", "1"}}), 1);
        set(Labels::of({{"__name__", "x"}, {"i", "2"}}), 1);
        set(Labels::of({{"__name__", "y"}, {"i", "1"}}), 1);
        set(Labels::of({{"__name__", "y"}, {"i", "2"}}), 1);
        QVERIFY(load(R"y(groups:
- name: g
  rules:
  - record: bad
    expr: x + on() y
  - record: fine
    expr: count(x)
  - record: clash
    expr: x
    labels: {i: same}
)y"));
        nextEvaluation();
        const auto &rules = group()->rules();
        QCOMPARE(rules[0]->health, RuleHealth::Bad);
        QVERIFY2(rules[0]->lastError.contains(u"many-to-many matching not allowed"),
                 qPrintable(rules[0]->lastError));
        QCOMPARE(rules[1]->health, RuleHealth::Good);
        QCOMPARE(last(Labels::of({{"__name__", "fine"}})), 2.0);
        QCOMPARE(rules[2]->lastError,
                 QStringLiteral(
                     "vector contains metrics with the same labelset after applying rule labels"));
        QCOMPARE(group()->evaluationsTotal, quint64(3));
        QCOMPARE(group()->evaluationFailuresTotal, quint64(2));
    }

    void limitIsEnforced() {
        set(Labels::of({{"__name__", "x"}, {"i", "1"}}), 1);
        set(Labels::of({{"__name__", "x"}, {"i", "2"}}), 1);
        QVERIFY(load("groups:\n- name: g\n  limit: 1\n  rules:\n  - alert: A\n    expr: x\n"));
        nextEvaluation();
        QCOMPARE(group()->rules().front()->lastError,
                 QStringLiteral("exceeded limit of 1 with 2 alerts"));
    }

    void brokenReloadKeepsTheRunningRules() {
        const Labels up = Labels::of({{"__name__", "up"}, {"job", "j"}});
        set(up, 0);
        QVERIFY(load("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n"));
        nextEvaluation();
        RuleGroup *before = group();
        QStringList errors;
        QVERIFY(!load("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up ==\n", &errors));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors[0].startsWith(u"/rules/test.yml: 5:11: group \"g\", rule 1, \"A\": could "
                                      u"not parse expression"),
                 qPrintable(errors[0]));
        QVERIFY(!m_rules->lastUpdateSuccessful());
        QCOMPARE(group(), before);
        QCOMPARE(m_rules->alerts().size(), size_t(1));
        nextEvaluation(); // still evaluating
        QCOMPARE(m_rules->alertingRules().front()->state(), AlertState::Firing);

        // A changed group takes over the alerts of the rule with the same name and labels.
        QVERIFY(load("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n"
                     "  - record: extra\n    expr: vector(2)\n"));
        QVERIFY(group() != before);
        QCOMPARE(m_rules->alerts().size(), size_t(1));
        QCOMPARE(m_rules->alerts().front().state, AlertState::Firing);
        // A removed group's series go stale two intervals later.
        const qint64 removedAt = m_clock->nowMs();
        nextEvaluation();
        const Labels extra = Labels::of({{"__name__", "extra"}});
        QCOMPARE(last(extra), 2.0);
        m_clock->advance(1000);
        QVERIFY(load("groups: []\n"));
        QVERIFY(m_rules->groups().empty());
        m_clock->advance(2 * 10000);
        QVERIFY(isStaleMarker(last(extra)));
        Q_UNUSED(removedAt)
    }

    // On the real clock the expressions run on a worker thread and their results are applied
    // on the lab's: a group still evaluates its rules in order at one timestamp (a rule reads
    // what the rule before it recorded at that timestamp), errors and alerts as on a manual
    // clock.
    void realClockEvaluatesOnWorkersInGroupOrder() {
        SeriesStore store(Clock::system());
        RuleManager rules(Clock::system(), &store);
        const qint64 now = Clock::system()->nowMs();
        store.append(Labels::of({{"__name__", "in"}, {"k", "a"}}), now, 2);
        store.append(Labels::of({{"__name__", "in"}, {"k", "b"}}), now, 3);
        store.append(Labels::of({{"__name__", "other"}, {"k", "a"}}), now, 1);
        store.append(Labels::of({{"__name__", "other"}, {"k", "a"}, {"x", "1"}}), now, 1);
        QVERIFY(rules.update({{QStringLiteral("/rules/real.yml"),
                               "groups:\n- name: g\n  interval: 1s\n  rules:\n"
                               "  - record: step1\n    expr: sum(in) * 2\n"
                               "  - record: step2\n    expr: step1 + 1\n"
                               "  - record: bad\n    expr: in + on(k) other\n"
                               "  - alert: High\n    expr: step2 > 5\n    for: 1h\n"
                               "    annotations:\n      summary: 'at {{ $value }}'\n"
                               "  - record: step3\n    expr: step2 * 10\n"}},
                             1000, Labels()));
        QSignalSpy evaluated(&rules, &RuleManager::groupEvaluated);
        QVERIFY(evaluated.wait(5000));
        const qint64 ts = evaluated.first().at(2).toLongLong();
        auto at = [&store](const char *name) -> std::optional<StoredSample> {
            const auto id = store.find(Labels::of({{"__name__", name}}));
            return id ? store.lastSample(*id) : std::nullopt;
        };
        for (const char *name : {"step1", "step2", "step3"}) {
            QVERIFY2(at(name), name);
            QCOMPARE(at(name)->timestampMs, ts);
        }
        QCOMPARE(at("step1")->value, 10.0);
        QCOMPARE(at("step2")->value, 11.0);
        QCOMPARE(at("step3")->value, 110.0);
        const auto &r = rules.groups().front()->rules();
        QCOMPARE(r[2]->health, RuleHealth::Bad);
        QVERIFY2(r[2]->lastError.contains(u"many-to-many matching not allowed"),
                 qPrintable(r[2]->lastError));
        for (size_t i : {0, 1, 3, 4}) {
            QCOMPARE(r[i]->health, RuleHealth::Good);
            QVERIFY(r[i]->lastEvaluationMs >= ts - 1000);
        }
        const std::vector<Alert> alerts = rules.alerts();
        QCOMPARE(alerts.size(), size_t(1));
        QCOMPARE(alerts[0].state, AlertState::Pending);
        QCOMPARE(alerts[0].activeAtMs, ts);
        QCOMPARE(alerts[0].value, 11.0);
        QCOMPARE(alerts[0].annotations.front().second, QByteArray("at 11"));
    }

    // A group stopped while a worker evaluates one of its rules forgets that evaluation: its
    // result is never applied, and nothing outlives the group but the worker's own copy.
    void realClockStopWhileAWorkerEvaluates() {
        SeriesStore store(Clock::system());
        auto rules = std::make_unique<RuleManager>(Clock::system(), &store);
        store.append(Labels::of({{"__name__", "in"}}), Clock::system()->nowMs(), 1);
        // A subquery of 3,600,000 steps: seconds on its worker, caught there (it stops at the
        // cancel, long before its memory of the steps grows large).
        QVERIFY(rules->update({{QStringLiteral("/rules/slow.yml"),
                                "groups:\n- name: g\n  interval: 1s\n  rules:\n"
                                "  - record: slow\n    expr: count_over_time(in[1h:1ms])\n"
                                "  - record: after\n    expr: vector(1)\n"}},
                              1000, Labels()));
        RuleGroup *group = rules->groups().front();
        QTRY_VERIFY_WITH_TIMEOUT(group->isEvaluating(), 5000);
        QVERIFY(!store.find(Labels::of({{"__name__", "after"}})));
        rules.reset();
        QVERIFY(!store.find(Labels::of({{"__name__", "after"}})));
        QVERIFY(!store.find(Labels::of({{"__name__", "slow"}})));
    }
};

QTEST_GUILESS_MAIN(TstRuleManager)
#include "tst_rulemanager.moc"
