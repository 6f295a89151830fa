#pragma once

#include "alert.h"
#include "evaluationqueue.h"
#include "query/engine.h"
#include "rulegroup.h"

#include <QCoreApplication>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <map>
#include <memory>
#include <vector>

namespace ppl {
class Clock;
class SeriesStore;
} // namespace ppl

namespace ppl::rules {

class AlertingRule;

// rules.Manager of Prometheus 2.42: loads rule files into groups, runs each group on the
// lab's clock, and on update() replaces the groups (an unchanged group keeps running; a
// changed one takes over its predecessor's alerts and series; a removed one marks its series
// stale after two intervals). A rule file that does not load leaves the running rules as
// they are ("error loading rules, previous rule set restored").
// Thread affinity: the clock's thread.
class RuleManager : public QObject {
    Q_OBJECT
public:
    struct Options {
        qint64 resendDelayMs = 60 * 1000; // --rules.alert.resend-delay
        QByteArray externalUrl = "http://localhost:9090";
        query::Engine::Options engine;
    };
    // A rule file's text and the name it is known by (its path, or a scenario's name for it).
    struct Source {
        QString file;
        QByteArray yaml;
    };

    RuleManager(Clock *clock, SeriesStore *store, QObject *parent = nullptr);
    ~RuleManager() override;

    void setOptions(const Options &options) { m_options = options; }
    const Options &options() const { return m_options; }

    // Loads sources as the new rule set: true, or false with every error in promtool's
    // wording ("FILE: 4:17: group …") and the running rules untouched.
    bool update(const std::vector<Source> &sources, qint64 evaluationIntervalMs,
                const Labels &externalLabels, QStringList *errors = nullptr);
    // The files a prometheus.yml's rule_files patterns name (filepath.Glob of each, relative
    // patterns against baseDir; a pattern that matches nothing names nothing), read.
    static std::vector<Source> readRuleFiles(const QStringList &patterns, const QString &baseDir,
                                             QStringList *errors);
    // Stops every group (no stale markers, as at shutdown) and forgets them.
    void clear();

    // Sorted by file, then name, as Manager.RuleGroups.
    std::vector<RuleGroup *> groups() const;
    std::vector<AlertingRule *> alertingRules() const;
    // Every pending or firing alert of every alerting rule.
    std::vector<Alert> alerts() const;
    bool lastUpdateSuccessful() const { return m_lastUpdateOk; }

Q_SIGNALS:
    void alertStateChanged(const ppl::rules::AlertTransition &transition);
    // Alerts that Prometheus would hand to its notifier after an evaluation (see
    // OutgoingAlert); nothing is sent here.
    void alertsToSend(const QList<ppl::rules::OutgoingAlert> &alerts);
    void groupEvaluated(const QString &file, const QByteArray &group, qint64 tsMs);
    void rulesChanged();

private:
    void attach(RuleGroup *group);

    Clock *m_clock;
    SeriesStore *m_store;
    Options m_options;
    std::unique_ptr<query::Engine> m_engine;
    EvaluationQueue m_evaluationQueue;
    // Where the groups' expressions are evaluated on the real clock (see RuleGroup).
    QThreadPool m_workers;
    std::map<std::pair<QString, QByteArray>, RuleGroup *> m_groups;
    bool m_loadedOnce = false;
    bool m_lastUpdateOk = true;
};

} // namespace ppl::rules
