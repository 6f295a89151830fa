#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>

namespace ppl {

// One Kubernetes pod, as kubernetes_sd_configs (role: pod) sees it through the API.
struct Pod {
    QByteArray name;
    QByteArray namespaceName = "default";
    QMap<QByteArray, QByteArray> labels;
    QMap<QByteArray, QByteArray> annotations; // e.g. prometheus.io/scrape: "true"
    QByteArray phase = "Running";             // Pending, Running, Succeeded, Failed, Unknown
    QByteArray ip = "127.0.0.1";              // every simulated pod lives on loopback
    QByteArray nodeName = "lab-node";
    // Declared container ports; each becomes one discovered target, as in Prometheus.
    struct ContainerPort {
        QByteArray containerName = "app";
        QByteArray portName;
        quint16 port = 0;
        QByteArray protocol = "TCP";
        friend bool operator==(const ContainerPort &, const ContainerPort &) = default;
    };
    QList<ContainerPort> ports;

    friend bool operator==(const Pod &, const Pod &) = default;
};

// What pod discovery reads: the pods there are now, and a signal when that changes. As
// Prometheus's discovery depends on the Kubernetes API and not on the cluster, the scraper
// depends on this and not on the lab's simulated cluster (PodCatalog implements it).
class PodSource : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QList<Pod> pods() const = 0;

Q_SIGNALS:
    void changed(); // any add, remove or edit
};

} // namespace ppl
