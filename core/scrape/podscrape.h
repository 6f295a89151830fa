#pragma once

#include "podsource.h"
#include "scrapeconfig.h"

#include <QList>

namespace ppl {

// The port a scrape target's URL reaches (0: none). The lab's simulated processes (targets,
// pods, job exposures, the gateway) each listen on their own port of one host, so this port is
// what tells them apart: Lab::subjectOf() and podScrapeStatus() both ask it.
quint16 scrapeTargetPort(const ScrapeTarget &target);

// Whether a pod is scraped, and by which job, or was discovered and dropped by relabelling:
// scraped when some active target reaches the pod's port (its pod discovery, or a static
// {{pod:NAME}}); dropped when a job's kubernetes_sd_configs found it (by namespace and name)
// and its relabel_configs threw it away; otherwise not discovered.
struct PodScrapeStatus {
    enum class State { NotDiscovered, Dropped, Scraped };
    State state = State::NotDiscovered;
    QByteArray job; // the job that scrapes or dropped it
    friend bool operator==(const PodScrapeStatus &, const PodScrapeStatus &) = default;
};
PodScrapeStatus podScrapeStatus(const Pod &pod, quint16 port, const QList<ScrapeTarget> &active,
                                const QList<ScrapeTarget> &dropped);

} // namespace ppl
