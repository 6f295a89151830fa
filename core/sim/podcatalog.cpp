#include "podcatalog.h"

namespace ppl {

void PodCatalog::upsert(const Pod &pod) {
    Pod &slot = m_pods[key(pod.namespaceName, pod.name)];
    if (slot == pod)
        return;
    slot = pod;
    Q_EMIT changed();
}

bool PodCatalog::remove(const QByteArray &namespaceName, const QByteArray &name) {
    if (m_pods.remove(key(namespaceName, name)) == 0)
        return false;
    Q_EMIT changed();
    return true;
}

bool PodCatalog::annotate(const QByteArray &namespaceName, const QByteArray &name,
                          const QByteArray &annotation, const QByteArray &value) {
    auto it = m_pods.find(key(namespaceName, name));
    if (it == m_pods.end())
        return false;
    if (value.isEmpty())
        it->annotations.remove(annotation);
    else
        it->annotations.insert(annotation, value);
    Q_EMIT changed();
    return true;
}

void PodCatalog::clear() {
    if (m_pods.isEmpty())
        return;
    m_pods.clear();
    Q_EMIT changed();
}

const Pod *PodCatalog::find(const QByteArray &namespaceName, const QByteArray &name) const {
    auto it = m_pods.constFind(key(namespaceName, name));
    return it == m_pods.cend() ? nullptr : &*it;
}

} // namespace ppl
