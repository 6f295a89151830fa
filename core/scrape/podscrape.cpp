#include "podscrape.h"

#include <QUrl>

namespace ppl {

quint16 scrapeTargetPort(const ScrapeTarget &target) {
    const int port = QUrl(target.url).port();
    return port > 0 ? quint16(port) : 0;
}

PodScrapeStatus podScrapeStatus(const Pod &pod, quint16 port, const QList<ScrapeTarget> &active,
                                const QList<ScrapeTarget> &dropped) {
    using State = PodScrapeStatus::State;
    if (port != 0)
        for (const ScrapeTarget &t : active)
            if (scrapeTargetPort(t) == port)
                return {State::Scraped, t.jobName};
    for (const ScrapeTarget &t : dropped)
        if (t.discoveredLabels.value("__meta_kubernetes_pod_name") == pod.name &&
            t.discoveredLabels.value("__meta_kubernetes_namespace") == pod.namespaceName)
            return {State::Dropped, t.jobName};
    return {};
}

} // namespace ppl
