#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>

namespace ppl {

// One simulated Kubernetes pod, as the scraper's kubernetes_sd_configs (role: pod) sees it.
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

// The lab's pod "API server": the source of truth for service discovery. Keyed by
// namespace/name. Every change is signalled so discovery can update live.
class PodCatalog : public QObject {
    Q_OBJECT
public:
    explicit PodCatalog(QObject *parent = nullptr)
        : QObject(parent) {}

    // Adds or replaces the pod with the same namespace/name.
    void upsert(const Pod &pod);
    bool remove(const QByteArray &namespaceName, const QByteArray &name);
    bool annotate(const QByteArray &namespaceName, const QByteArray &name, const QByteArray &key,
                  const QByteArray &value); // empty value removes the annotation
    void clear();

    QList<Pod> pods() const { return m_pods.values(); }
    const Pod *find(const QByteArray &namespaceName, const QByteArray &name) const;

Q_SIGNALS:
    void changed(); // any add, remove or edit

private:
    static QByteArray key(const QByteArray &ns, const QByteArray &name) { return ns + '/' + name; }
    QMap<QByteArray, Pod> m_pods;
};

} // namespace ppl
