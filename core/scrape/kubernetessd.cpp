#include "kubernetessd.h"

#include "relabeler.h"

#include <utility>
#include <vector>

namespace ppl {

namespace {

using Pairs = std::vector<std::pair<QByteArray, QByteArray>>;

Pairs podLabels(const Pod &pod) {
    Pairs out;
    out.emplace_back("__meta_kubernetes_namespace", pod.namespaceName);
    out.emplace_back("__meta_kubernetes_pod_name", pod.name);
    out.emplace_back("__meta_kubernetes_pod_ip", pod.ip);
    out.emplace_back("__meta_kubernetes_pod_ready", pod.phase == "Running" ? "true" : "false");
    out.emplace_back("__meta_kubernetes_pod_phase", pod.phase);
    out.emplace_back("__meta_kubernetes_pod_node_name", pod.nodeName);
    for (auto it = pod.labels.cbegin(); it != pod.labels.cend(); ++it) {
        const QByteArray name = sanitizeLabelName(it.key());
        out.emplace_back("__meta_kubernetes_pod_label_" + name, it.value());
        out.emplace_back("__meta_kubernetes_pod_labelpresent_" + name, "true");
    }
    for (auto it = pod.annotations.cbegin(); it != pod.annotations.cend(); ++it) {
        const QByteArray name = sanitizeLabelName(it.key());
        out.emplace_back("__meta_kubernetes_pod_annotation_" + name, it.value());
        out.emplace_back("__meta_kubernetes_pod_annotationpresent_" + name, "true");
    }
    return out;
}

} // namespace

QList<Labels> discoverPodTargets(const QList<Pod> &pods, const KubernetesSdConfig &config) {
    QList<Labels> out;
    if (config.role != "pod")
        return out;
    for (const Pod &pod : pods) {
        if (!config.namespaces.isEmpty() && !config.namespaces.contains(pod.namespaceName))
            continue;
        if (pod.ip.isEmpty())
            continue; // not scheduled yet: Prometheus emits no target either
        const Pairs base = podLabels(pod);
        if (pod.ports.isEmpty()) {
            Pairs p = base;
            p.emplace_back("__address__", pod.ip);
            out.append(Labels::fromPairs(std::move(p)));
            continue;
        }
        for (const Pod::ContainerPort &port : pod.ports) {
            Pairs p = base;
            p.emplace_back("__meta_kubernetes_pod_container_name", port.containerName);
            p.emplace_back("__meta_kubernetes_pod_container_init", "false");
            if (port.port == 0) {
                p.emplace_back("__address__", pod.ip);
            } else {
                p.emplace_back("__meta_kubernetes_pod_container_port_name", port.portName);
                p.emplace_back("__meta_kubernetes_pod_container_port_number",
                               QByteArray::number(port.port));
                p.emplace_back("__meta_kubernetes_pod_container_port_protocol", port.protocol);
                // net.JoinHostPort: an IPv6 address is bracketed.
                const QByteArray host = pod.ip.contains(':') ? '[' + pod.ip + ']' : pod.ip;
                p.emplace_back("__address__", host + ':' + QByteArray::number(port.port));
            }
            out.append(Labels::fromPairs(std::move(p)));
        }
    }
    return out;
}

} // namespace ppl
