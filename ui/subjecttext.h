#pragma once

#include "lab/lab.h"

#include <QCoreApplication>
#include <QString>

namespace ppl {

// How the window words the things the lab does not run: the configuration's other scrape
// targets (the student's own app, real exporters, the server itself) and the pushers outside
// the lab. One wording for the Targets dock, the topology, the timeline, the gateway panel and
// the timestamp view; the facts come from Lab (ScrapeSubject, GroupPusher).
class SubjectText {
    Q_DECLARE_TR_FUNCTIONS(ppl::SubjectText)
public:
    // The badge, in words: "outside the lab", "exporter", "lab server".
    static QString badge(ScrapeSubject::Kind kind);
    static QString outsideTheLab() { return badge(ScrapeSubject::Kind::Outside); }
    // A sentence for tooltips: who runs it and what the lab can (not) do with it.
    static QString explanation(const ScrapeSubject &subject);
    // A grouping key as the gateway's page writes it: job's value first, then name=value.
    static QString groupingKey(const std::vector<LabelPair> &key);
    // The product part of a User-Agent ("curl/8.1.2 …" → "curl/8.1.2").
    static QString client(const QByteArray &userAgent);
    // An outside pusher named by its grouping key and client: "app, instance=a (outside the
    // lab: curl/8.1.2)".
    static QString pusher(const GroupPusher &pusher);
    // Who pushed a group, for the gateway panel: "job backup", "target web-1", "⬚ outside the
    // lab: curl/8.1.2", or empty when nobody known did.
    static QString pushedBy(const GroupPusher &pusher);
};

} // namespace ppl
