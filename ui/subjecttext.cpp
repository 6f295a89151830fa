#include "subjecttext.h"

#include <QStringList>

#include <algorithm>

namespace ppl {

QString SubjectText::badge(ScrapeSubject::Kind kind) {
    switch (kind) {
    case ScrapeSubject::Kind::Exporter:
        return tr("exporter");
    case ScrapeSubject::Kind::Server:
        return tr("lab server");
    case ScrapeSubject::Kind::Pod:
        return tr("pod");
    case ScrapeSubject::Kind::Outside:
        return tr("outside the lab");
    case ScrapeSubject::Kind::Target:
    case ScrapeSubject::Kind::Job:
    case ScrapeSubject::Kind::Gateway:
        break;
    }
    return {};
}

QString SubjectText::explanation(const ScrapeSubject &s) {
    const QString job = QString::fromUtf8(s.target.jobName);
    switch (s.kind) {
    case ScrapeSubject::Kind::Exporter:
        return tr("A real exporter the scenario started, scraped by job %1. The lab does not "
                  "simulate it: it has no faults to inject.")
            .arg(job);
    case ScrapeSubject::Kind::Server:
        return tr("The lab server's own /metrics, scraped by job %1.").arg(job);
    case ScrapeSubject::Kind::Outside:
        return tr("Outside the lab: a program the lab does not run (your own app), listed in "
                  "prometheus.yml and scraped by job %1. The lab cannot kill or fault it; stop "
                  "it yourself and watch up go to 0.")
            .arg(job);
    case ScrapeSubject::Kind::Target:
    case ScrapeSubject::Kind::Pod:
    case ScrapeSubject::Kind::Job:
    case ScrapeSubject::Kind::Gateway:
        break;
    }
    return {};
}

QString SubjectText::groupingKey(const std::vector<LabelPair> &key) {
    std::vector<const LabelPair *> others;
    QStringList parts;
    for (const LabelPair &l : key) {
        if (l.name == "job")
            parts.prepend(QString::fromUtf8(l.value));
        else
            others.push_back(&l);
    }
    std::sort(others.begin(), others.end(),
              [](const LabelPair *a, const LabelPair *b) { return a->name < b->name; });
    for (const LabelPair *l : others)
        parts << QString::fromUtf8(l->name) + u'=' + QString::fromUtf8(l->value);
    return parts.join(QStringLiteral(", "));
}

QString SubjectText::client(const QByteArray &userAgent) {
    const QByteArray first = userAgent.trimmed().split(' ').value(0);
    return first.isEmpty() ? tr("unknown client") : QString::fromUtf8(first);
}

QString SubjectText::pusher(const GroupPusher &p) {
    QString key = groupingKey(p.groupingKey);
    if (key.isEmpty())
        key = QString::fromUtf8(p.name);
    return tr("%1 (outside the lab: %2)").arg(key, client(p.userAgent));
}

QString SubjectText::pushedBy(const GroupPusher &p) {
    switch (p.kind) {
    case GroupPusher::Kind::Job:
        return tr("job %1").arg(QString::fromUtf8(p.name));
    case GroupPusher::Kind::Target:
        return tr("target %1").arg(QString::fromUtf8(p.name));
    case GroupPusher::Kind::Outside:
        return QStringLiteral("⬚ ") + tr("outside the lab: %1").arg(client(p.userAgent));
    case GroupPusher::Kind::None:
        break;
    }
    return {};
}

} // namespace ppl
