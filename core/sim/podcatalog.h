#pragma once

#include "scrape/podsource.h"

namespace ppl {

// The lab's pod "API server": the source of truth for service discovery. Keyed by
// namespace/name. Every change is signalled so discovery can update live.
class PodCatalog : public PodSource {
    Q_OBJECT
public:
    explicit PodCatalog(QObject *parent = nullptr)
        : PodSource(parent) {}

    // Adds or replaces the pod with the same namespace/name.
    void upsert(const Pod &pod);
    bool remove(const QByteArray &namespaceName, const QByteArray &name);
    bool annotate(const QByteArray &namespaceName, const QByteArray &name, const QByteArray &key,
                  const QByteArray &value); // empty value removes the annotation
    void clear();

    QList<Pod> pods() const override { return m_pods.values(); }
    const Pod *find(const QByteArray &namespaceName, const QByteArray &name) const;

private:
    static QByteArray key(const QByteArray &ns, const QByteArray &name) { return ns + '/' + name; }
    QMap<QByteArray, Pod> m_pods;
};

} // namespace ppl
