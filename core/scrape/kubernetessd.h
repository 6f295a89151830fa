#pragma once

#include "podsource.h"
#include "scrapeconfig.h"
#include "storage/labels.h"

#include <QList>

namespace ppl {

// kubernetes_sd_configs with role: pod, answered from a PodSource with the labels of
// Prometheus 2.42's discovery/kubernetes/pod.go: one target per declared container port
// (address ip:port), or per port-less container (address = ip, a ContainerPort with port 0),
// carrying __meta_kubernetes_namespace, __meta_kubernetes_pod_{name,ip,ready,phase,node_name},
// __meta_kubernetes_pod_label_<name>/labelpresent_<name>,
// __meta_kubernetes_pod_annotation_<name>/annotationpresent_<name> (names sanitised),
// __meta_kubernetes_pod_container_{name,init,port_name,port_number,port_protocol}.
// Lab simplifications: a pod with no ports at all gives one target at its IP without
// container labels; ready is "true" exactly when the phase is Running; pods without an IP
// give no target (as in Prometheus). Roles other than pod discover nothing.
QList<Labels> discoverPodTargets(const QList<Pod> &pods, const KubernetesSdConfig &config);

} // namespace ppl
