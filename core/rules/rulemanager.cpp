#include "rulemanager.h"

#include "alertingrule.h"
#include "query/parser.h"
#include "recordingrule.h"
#include "rulefile.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <algorithm>

namespace ppl::rules {

RuleManager::RuleManager(Clock *clock, SeriesStore *store, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_store(store) {
    qRegisterMetaType<ppl::rules::AlertTransition>();
    qRegisterMetaType<ppl::rules::OutgoingAlert>();
    // One thread fewer than the cores (at least one), so that the lab's own thread keeps a
    // core while rules evaluate; the stack holds the parser's deepest expressions (evaluation
    // recurses as deep as the parse, see Parser::DeepStackBytes).
    m_workers.setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
    m_workers.setStackSize(query::Parser::DeepStackBytes);
    m_workers.setObjectName(QStringLiteral("ppl-rule-eval"));
}

RuleManager::~RuleManager() {
    clear();
    // A worker still loading reads the store, which may go right after this manager; the
    // stopped groups have cancelled their evaluations.
    m_workers.waitForDone();
}

std::vector<RuleManager::Source> RuleManager::readRuleFiles(const QStringList &patterns,
                                                            const QString &baseDir,
                                                            QStringList *errors) {
    std::vector<Source> out;
    for (QString pattern : patterns) {
        if (!baseDir.isEmpty() && QDir::isRelativePath(pattern))
            pattern = QDir::cleanPath(QDir(baseDir).filePath(pattern));
        QStringList files;
        const QFileInfo info(pattern);
        if (pattern.contains(u'*') || pattern.contains(u'?') || pattern.contains(u'[')) {
            // filepath.Glob: the pattern's last element (rule_files allows globs only there).
            const QDir dir = info.dir();
            for (const QString &name :
                 dir.entryList({info.fileName()}, QDir::Files | QDir::Hidden, QDir::Name))
                files << dir.filePath(name);
        } else if (info.exists()) {
            files << pattern;
        }
        for (const QString &f : std::as_const(files)) {
            QFile file(f);
            if (!file.open(QIODevice::ReadOnly)) {
                if (errors)
                    *errors << QStringLiteral("%1: open %1: permission denied").arg(f);
                continue;
            }
            out.push_back({f, file.readAll()});
        }
    }
    return out;
}

bool RuleManager::update(const std::vector<Source> &sources, qint64 evaluationIntervalMs,
                         const Labels &externalLabels, QStringList *errors) {
    // LoadGroups: every file must load, or nothing changes.
    std::map<std::pair<QString, QByteArray>, std::unique_ptr<RuleGroup>> loaded;
    QStringList problems;
    for (const Source &src : sources) {
        RuleFile file = RuleFile::parse(src.yaml);
        if (!file.ok()) {
            for (const QString &e : std::as_const(file.errors))
                problems << src.file + QStringLiteral(": ") + e;
            continue;
        }
        for (const RuleGroupSpec &g : file.groups) {
            std::vector<std::unique_ptr<Rule>> rules;
            for (const RuleSpec &r : g.rules) {
                Labels labels = Labels::fromPairs(std::vector<std::pair<QByteArray, QByteArray>>(
                    r.labels.begin(), r.labels.end()));
                if (r.isAlert())
                    rules.push_back(std::make_unique<AlertingRule>(r.alert, r.expr.trimmed(),
                                                                   r.forMs, r.keepFiringForMs,
                                                                   labels, r.annotations));
                else
                    rules.push_back(
                        std::make_unique<RecordingRule>(r.record, r.expr.trimmed(), labels));
            }
            RuleGroup::Settings settings{
                src.file, g.name, g.intervalMs ? g.intervalMs : evaluationIntervalMs, g.limit};
            loaded[{src.file, g.name}] =
                std::make_unique<RuleGroup>(settings, std::move(rules), nullptr);
        }
    }
    if (!problems.isEmpty()) {
        m_lastUpdateOk = false;
        if (errors)
            *errors = problems;
        return false;
    }
    m_lastUpdateOk = true;

    query::Engine::Options engineOptions = m_options.engine;
    engineOptions.subqueryStepMs = evaluationIntervalMs;
    m_engine = std::make_unique<query::Engine>(*m_store, engineOptions);
    RuleGroup::Environment env;
    env.clock = m_clock;
    env.store = m_store;
    env.engine = m_engine.get();
    for (int i = 0; i < externalLabels.size(); ++i)
        env.externalLabels.emplace(externalLabels.name(i), externalLabels.value(i));
    env.externalUrl = m_options.externalUrl;
    env.resendDelayMs = m_options.resendDelayMs;
    env.evaluationQueue = &m_evaluationQueue;
    env.workers = &m_workers;

    const bool restoreFirst = !m_loadedOnce;
    m_loadedOnce = true;
    std::map<std::pair<QString, QByteArray>, RuleGroup *> next;
    for (auto &[key, group] : loaded) {
        auto old = m_groups.find(key);
        if (old != m_groups.end() && old->second->equals(*group)) {
            // Unchanged: keeps running, with the new environment (engine, labels).
            RuleGroup *kept = old->second;
            m_groups.erase(old);
            kept->setEnvironment(env);
            next[key] = kept;
            continue;
        }
        RuleGroup *g = group.release();
        g->setParent(this);
        if (old != m_groups.end()) {
            old->second->stop();
            g->copyStateFrom(*old->second);
            delete old->second;
            m_groups.erase(old);
        }
        attach(g);
        g->start(env, restoreFirst);
        next[key] = g;
    }
    for (auto &[key, g] : m_groups) {
        g->stopAndMarkStale();
        delete g;
    }
    m_groups = std::move(next);
    Q_EMIT rulesChanged();
    return true;
}

void RuleManager::attach(RuleGroup *group) {
    connect(group, &RuleGroup::alertTransitions, this,
            [this](const QList<AlertTransition> &transitions) {
                for (const AlertTransition &t : transitions)
                    Q_EMIT alertStateChanged(t);
            });
    connect(group, &RuleGroup::alertsToSend, this, &RuleManager::alertsToSend);
    connect(group, &RuleGroup::evaluated, this,
            [this, group](qint64 ts) { Q_EMIT groupEvaluated(group->file(), group->name(), ts); });
}

void RuleManager::clear() {
    for (auto &[key, g] : m_groups) {
        g->stop();
        delete g;
    }
    m_groups.clear();
}

std::vector<RuleGroup *> RuleManager::groups() const {
    std::vector<RuleGroup *> out;
    for (const auto &kv : m_groups)
        out.push_back(kv.second);
    return out;
}

std::vector<AlertingRule *> RuleManager::alertingRules() const {
    std::vector<AlertingRule *> out;
    for (const auto &kv : m_groups)
        for (const auto &r : kv.second->rules())
            if (auto *ar = dynamic_cast<AlertingRule *>(r.get()))
                out.push_back(ar);
    return out;
}

std::vector<Alert> RuleManager::alerts() const {
    std::vector<Alert> out;
    for (const AlertingRule *r : alertingRules()) {
        const std::vector<Alert> a = r->activeAlerts();
        out.insert(out.end(), a.begin(), a.end());
    }
    return out;
}

} // namespace ppl::rules
