#include "labeventtext.h"

#include "labevent.h"

#include <QCoreApplication>
#include <QStringList>

namespace ppl {

namespace {

// The wording lived in lab.cpp; its translation context stays "ppl::Lab" so the existing
// translations carry over.
class LabEventText {
    Q_DECLARE_TR_FUNCTIONS(ppl::Lab)
public:
    explicit LabEventText(const LabEvent &e)
        : subject(QString::fromUtf8(e.subject)) {}

    QString operator()(const ScrapeEvent &e) const {
        const QString job = QString::fromUtf8(e.job);
        if (e.up())
            return tr("scraped %1 (%2): %3 samples in %4 ms")
                .arg(subject, job)
                .arg(e.samples)
                .arg(e.durationMs);
        return tr("scrape of %1 (%2) failed: %3").arg(subject, job, e.error);
    }
    QString operator()(const PushEvent &e) const {
        const PushResult &r = e.result;
        const QString key = groupingKeyText(r.groupingKey);
        if (e.from == PushEvent::From::Target)
            return r.ok ? tr("%1 pushed %2 to %3: %4")
                              .arg(subject, QString::fromUtf8(pushMethodVerb(r.method)), key)
                              .arg(r.status)
                        : tr("%1's push to %2 failed: %3").arg(subject, key, r.reason);
        if (r.ok)
            return (e.isDelete() ? tr("%1 deleted group %2: %3") : tr("%1 pushed to %2: %3"))
                .arg(subject, key)
                .arg(r.status);
        return (e.isDelete() ? tr("%1's delete of %2 failed: %3")
                             : tr("%1's push to %2 failed: %3"))
            .arg(subject, key, r.reason);
    }
    QString operator()(const GatewayEvent &e) const {
        if (e.ok)
            return tr("gateway: %1 %2 accepted (%3)").arg(e.method, e.group).arg(e.status);
        return tr("gateway: %1 %2 rejected (%3): %4")
            .arg(e.method, e.group)
            .arg(e.status)
            .arg(e.reason);
    }
    QString operator()(const GatewayAdminEvent &e) const {
        switch (e.change) {
        case GatewayAdminEvent::Change::GroupDeleted:
            return tr("group %1 deleted").arg(groupingKeyText(e.groupingKey));
        case GatewayAdminEvent::Change::Restarted:
            return e.persistence
                       ? tr("gateway restarted; groups reloaded from its persistence file")
                       : tr("gateway restarted without persistence; pushed groups are gone");
        case GatewayAdminEvent::Change::PersistenceChanged:
            return e.persistence
                       ? tr("gateway persistence on: it takes effect when the gateway restarts")
                       : tr("gateway persistence off: it takes effect when the gateway restarts");
        }
        return {};
    }
    QString operator()(const TargetEvent &e) const {
        switch (e.change) {
        case TargetEvent::Change::Started:
            return tr("%1 started on port %2").arg(subject).arg(e.port);
        case TargetEvent::Change::Killed:
            return tr("%1 killed").arg(subject);
        case TargetEvent::Change::Healed:
            return tr("%1 healed").arg(subject);
        case TargetEvent::Change::Faulted:
            return tr("%1: fault %2").arg(subject, targetFaultName(e.fault));
        case TargetEvent::Change::Reachable:
            return tr("%1 reachable again").arg(subject);
        case TargetEvent::Change::Unreachable:
            return tr("%1 unreachable").arg(subject);
        case TargetEvent::Change::Removed:
            return tr("target %1 removed").arg(subject);
        }
        return {};
    }
    QString operator()(const JobEvent &e) const {
        switch (e.state) {
        case JobRunState::Running:
            return tr("%1 run %2 started").arg(subject).arg(e.run);
        case JobRunState::Stopped:
            return tr("%1 run %2 stopped").arg(subject).arg(e.run);
        case JobRunState::Succeeded:
            return tr("%1 run %2 succeeded").arg(subject).arg(e.run);
        case JobRunState::Failed:
            return tr("%1 run %2 failed (exit code %3)").arg(subject).arg(e.run).arg(e.exitCode);
        }
        return {};
    }
    QString operator()(const PodEvent &e) const {
        const QString ns = QString::fromUtf8(e.namespaceName);
        switch (e.change) {
        case PodEvent::Change::Added:
            return tr("pod %1/%2 added (port %3)").arg(ns, subject, QString::number(e.port));
        case PodEvent::Change::Removed:
            return tr("pod %1/%2 removed").arg(ns, subject);
        case PodEvent::Change::Annotated:
            return e.value.isEmpty() ? tr("pod %1/%2: annotation %3 removed")
                                           .arg(ns, subject, QString::fromUtf8(e.key))
                                     : tr("pod %1/%2: %3=%4")
                                           .arg(ns, subject, QString::fromUtf8(e.key),
                                                QString::fromUtf8(e.value));
        }
        return {};
    }
    QString operator()(const ConfigEvent &e) const {
        if (e.ok)
            return tr("configuration loaded");
        if (!e.withoutTarget.isEmpty())
            return tr("configuration without %1 rejected: %2").arg(e.withoutTarget, e.error);
        return tr("configuration rejected: %1").arg(e.error);
    }
    QString operator()(const AlertEvent &e) const {
        auto state = [](rules::AlertState s) {
            switch (s) {
            case rules::AlertState::Inactive:
                return tr("inactive");
            case rules::AlertState::Pending:
                return tr("pending");
            case rules::AlertState::Firing:
                return tr("firing");
            }
            return QString();
        };
        QString labels;
        for (int i = 0; i < e.labels.size(); ++i) {
            if (e.labels.name(i) == "alertname")
                continue;
            labels += (labels.isEmpty() ? QString() : QStringLiteral(", ")) +
                      QString::fromUtf8(e.labels.name(i) + '=' + e.labels.value(i));
        }
        if (e.to == rules::AlertState::Inactive)
            return tr("alert %1 {%2} resolved (was %3)")
                .arg(QString::fromUtf8(e.alert), labels, state(e.from));
        return tr("alert %1 {%2}: %3 → %4")
            .arg(QString::fromUtf8(e.alert), labels, state(e.from), state(e.to));
    }
    QString operator()(const LabStateEvent &e) const {
        switch (e.change) {
        case LabStateEvent::Change::Paused:
            return tr("lab paused");
        case LabStateEvent::Change::Resumed:
            return tr("lab resumed");
        case LabStateEvent::Change::Partitioned:
            return tr("network partitioned: scrapes and pushes cannot get through");
        case LabStateEvent::Change::PartitionHealed:
            return tr("network partition healed");
        case LabStateEvent::Change::ScenarioStarted:
            return tr("scenario %1 started").arg(e.scenario);
        case LabStateEvent::Change::ScenarioNotStarted:
            return tr("scenario %1 not started: %2").arg(e.scenario, e.error);
        case LabStateEvent::Change::ScenarioActionFailed:
            return tr("scenario action %1 (%2) failed: %3").arg(e.action, e.command, e.error);
        }
        return {};
    }

private:
    QString subject;
};

} // namespace

QString labEventMessage(const LabEvent &event) {
    return std::visit(LabEventText(event), event.payload);
}

QString groupingKeyText(const std::vector<LabelPair> &key) {
    QStringList parts;
    for (const LabelPair &l : key)
        parts << QString::fromUtf8(l.name) + u'=' + QString::fromUtf8(l.value);
    return parts.join(u',');
}

} // namespace ppl
