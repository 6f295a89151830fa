#include "metricgroups.h"

#include "exposition/textwriter.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace ppl {

namespace {

const QByteArray kPushTime = "push_time_seconds";
const QByteArray kPushFailureTime = "push_failure_time_seconds";
const QByteArray kPushTimeHelp =
    "Last Unix time when changing this group in the Pushgateway succeeded.";
const QByteArray kPushFailureTimeHelp =
    "Last Unix time when changing this group in the Pushgateway failed.";

bool labelNameLess(const LabelPair &a, const LabelPair &b) {
    return a.name < b.name;
}

// The real gateway's sanitizeLabels: grouping labels override same-named body labels, missing
// ones are added, an absent `instance` becomes instance="", and the result is sorted by name.
std::vector<LabelPair> sanitize(const std::vector<LabelPair> &body, const GroupingKey &key,
                                QByteArrayView skip) {
    std::vector<LabelPair> out;
    out.reserve(body.size() + key.labels().size() + 1);
    QSet<QByteArray> overridden;
    bool hasInstance = false;
    for (const auto &pair : body) {
        if (!skip.isEmpty() && pair.name == skip)
            continue;
        LabelPair copy = pair;
        if (!overridden.contains(pair.name) && key.contains(pair.name)) {
            copy.value = key.value(pair.name);
            overridden.insert(pair.name);
        }
        hasInstance = hasInstance || pair.name == "instance";
        out.push_back(std::move(copy));
    }
    for (const auto &pair : key.labels()) {
        if (overridden.contains(pair.name))
            continue;
        bool present = false;
        for (const auto &p : out)
            present = present || p.name == pair.name;
        if (!present) {
            out.push_back(pair);
            hasInstance = hasInstance || pair.name == "instance";
        }
    }
    if (!hasInstance)
        out.push_back({"instance", {}});
    std::stable_sort(out.begin(), out.end(), labelNameLess);
    return out;
}

QByteArray signature(const QByteArray &family, const std::vector<LabelPair> &labels) {
    QByteArray sig = family;
    sig += '\xfe';
    for (const auto &pair : labels) {
        sig += pair.name;
        sig += '\xff';
        sig += pair.value;
        sig += '\xff';
    }
    return sig;
}

template <typename Metrics>
void addSignatures(QSet<QByteArray> &out, const QByteArray &family, const Metrics &metrics) {
    out.reserve(qsizetype(metrics.size()));
    for (const auto &m : metrics)
        out.insert(signature(family, m.labels));
}

// client_golang's metricSorter: fewer labels first, then label values in order.
bool goMetricLess(const std::vector<LabelPair> &a, const std::vector<LabelPair> &b) {
    if (a.size() != b.size())
        return a.size() < b.size();
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].value != b[i].value)
            return a[i].value < b[i].value;
    }
    return false;
}

void appendLine(QByteArray &out, QByteArrayView name, const std::vector<LabelPair> &labels,
                QByteArrayView extraName, QByteArrayView extraValue, double value) {
    out += name;
    out += '{';
    bool first = true;
    for (const auto &pair : labels) {
        if (!first)
            out += ',';
        first = false;
        out += pair.name;
        out += "=\"";
        out += escapeLabelValue(pair.value);
        out += '"';
    }
    if (!extraName.isEmpty()) {
        if (!first)
            out += ',';
        out += extraName;
        out += "=\"";
        out += extraValue;
        out += '"';
    }
    out += "} ";
    out += formatValue(value);
    out += '\n';
}

// Go's text parser keeps histogram/summary counts as uint64.
double asCount(double v) {
    if (!std::isfinite(v) || v < 0)
        return 0;
    return std::floor(v);
}

struct Composite {
    std::vector<LabelPair> labels;
    std::vector<std::pair<double, double>> points; // (le or quantile, value)
    std::optional<double> sum;
    std::optional<double> count;
};

} // namespace

MetricGroups::MetricGroups(QObject *parent)
    : QObject(parent) {}

MetricGroups::~MetricGroups() = default;

MetricGroups::StoredFamily MetricGroups::buildFamily(const MetricFamily &family,
                                                     const GroupingKey &key, qint64 timestampMs) {
    StoredFamily stored;
    stored.timestampMs = timestampMs;
    stored.family.name = family.name;
    stored.family.type = family.type;
    stored.family.help = family.help;
    stored.family.hasHelp = family.hasHelp;
    const QByteArray &name = family.name;

    if (family.type != MetricType::Histogram && family.type != MetricType::Summary) {
        for (const auto &sample : family.samples) {
            StoredMetric metric;
            metric.labels = sanitize(sample.labels, key, {});
            appendLine(metric.text, name, metric.labels, {}, {}, sample.value);
            stored.family.samples.push_back({name, metric.labels, sample.value, std::nullopt});
            stored.metrics.push_back(std::move(metric));
        }
        addSignatures(stored.signatures, name, stored.metrics);
        return stored;
    }

    // Histograms and summaries: group samples into one metric per label set (without le or
    // quantile), then render them the way Go's text writer does: an +Inf bucket and _sum and
    // _count are always written, 0 when they were not pushed.
    const bool histogram = family.type == MetricType::Histogram;
    const QByteArray pointLabel = histogram ? "le" : "quantile";
    const QByteArray pointName = histogram ? name + "_bucket" : name;
    const QByteArray sumName = name + "_sum";
    const QByteArray countName = name + "_count";
    std::vector<Composite> composites;
    QHash<QByteArray, size_t> bySignature;
    for (const auto &sample : family.samples) {
        const bool isPoint = sample.name == pointName;
        auto labels = sanitize(sample.labels, key, isPoint ? QByteArrayView(pointLabel) : "");
        const QByteArray sig = signature({}, labels);
        auto it = bySignature.find(sig);
        if (it == bySignature.end()) {
            it = bySignature.insert(sig, composites.size());
            composites.push_back({labels, {}, {}, {}});
        }
        Composite &c = composites[*it];
        if (isPoint) {
            double at = 0;
            for (const auto &pair : sample.labels) {
                if (pair.name == pointLabel) {
                    bool ok = false;
                    at = pair.value == "+Inf"   ? INFINITY
                         : pair.value == "-Inf" ? -INFINITY
                                                : pair.value.toDouble(&ok);
                }
            }
            c.points.push_back({at, histogram ? asCount(sample.value) : sample.value});
        } else if (sample.name == sumName) {
            c.sum = sample.value;
        } else if (sample.name == countName) {
            c.count = asCount(sample.value);
        }
    }
    for (auto &c : composites) {
        StoredMetric metric;
        metric.labels = c.labels;
        bool infSeen = false;
        for (const auto &[at, value] : c.points) {
            const QByteArray atText = formatValue(at);
            appendLine(metric.text, pointName, c.labels, pointLabel, atText, value);
            auto labels = c.labels;
            labels.push_back({pointLabel, atText});
            stored.family.samples.push_back({pointName, labels, value, std::nullopt});
            infSeen = infSeen || std::isinf(at);
        }
        if (histogram && !infSeen) {
            appendLine(metric.text, pointName, c.labels, pointLabel, "+Inf", c.count.value_or(0));
            auto labels = c.labels;
            labels.push_back({pointLabel, "+Inf"});
            stored.family.samples.push_back({pointName, labels, c.count.value_or(0), {}});
        }
        appendLine(metric.text, sumName, c.labels, {}, {}, c.sum.value_or(0));
        stored.family.samples.push_back({sumName, c.labels, c.sum.value_or(0), {}});
        appendLine(metric.text, countName, c.labels, {}, {}, c.count.value_or(0));
        stored.family.samples.push_back({countName, c.labels, c.count.value_or(0), {}});
        stored.metrics.push_back(std::move(metric));
    }
    addSignatures(stored.signatures, name, stored.metrics);
    return stored;
}

void MetricGroups::renderTimeMetric(StoredMetric &metric, const QByteArray &name,
                                    const GroupingKey &key, qint64 us) {
    metric.labels = sanitize({}, key, {});
    metric.text.clear();
    appendLine(metric.text, name, metric.labels, {}, {}, us == 0 ? 0.0 : double(us) / 1e6);
}

// The checks that need nothing but the family itself, in the order check() makes them per
// metric: label names (duplicate, invalid, reserved), UTF-8 values, a summary's own quantile
// label, and the same metric twice in the push.
void MetricGroups::checkLocally(StoredFamily &f) {
    const QByteArray &name = f.family.name;
    const MetricType type = f.family.type;
    auto describe = [&](const std::vector<LabelPair> &labels) {
        QByteArray text = name + " {";
        for (size_t i = 0; i < labels.size(); ++i) {
            text += (i ? "," : "") + labels[i].name + "=\"" + labels[i].value + '"';
        }
        return QString::fromUtf8(text + '}');
    };
    QSet<QByteArray> seen;
    seen.reserve(qsizetype(f.metrics.size()));
    for (size_t k = 0; k < f.metrics.size(); ++k) {
        const StoredMetric &m = f.metrics[k];
        QString problem;
        for (size_t i = 0; i < m.labels.size() && problem.isEmpty(); ++i) {
            const auto &pair = m.labels[i];
            if (i > 0 && m.labels[i - 1].name == pair.name) {
                problem = tr("collected metric %1 has two or more labels with the same name: %2")
                              .arg(describe(m.labels), QString::fromUtf8(pair.name));
            } else if (!isValidLabelName(pair.name) || isReservedLabelName(pair.name)) {
                problem = tr("collected metric %1 has a label with an invalid name: %2")
                              .arg(describe(m.labels), QString::fromUtf8(pair.name));
            } else if (!QUtf8StringView(pair.value).isValidUtf8()) {
                problem = tr("collected metric %1 has a label named %2 whose value is not utf8")
                              .arg(describe(m.labels), QString::fromUtf8(pair.name));
            }
        }
        // client_golang's checkMetricConsistency: a summary's quantile label is its own.
        // (1.5.1 has no such check for a histogram's le: its exposition then repeats le,
        // and so does the lab's.)
        if (problem.isEmpty() && type == MetricType::Summary) {
            for (const auto &pair : m.labels) {
                if (pair.name == "quantile") {
                    problem = tr("collected metric %1 must not have an explicit \"quantile\" "
                                 "label")
                                  .arg(describe(m.labels));
                    break;
                }
            }
        }
        if (problem.isEmpty()) {
            const QByteArray sig = signature(name, m.labels);
            if (seen.contains(sig)) {
                problem = tr("collected metric %1 was collected before with the same name and "
                             "label values")
                              .arg(describe(m.labels));
            }
            seen.insert(sig);
        }
        if (!problem.isEmpty()) {
            f.firstLocalProblem = qsizetype(k);
            f.localProblem = problem;
            return;
        }
    }
}

QString MetricGroups::check(const Prepared &request) const {
    const QByteArray groupId = request.m_key.id();
    auto git = m_groups.find(groupId);
    const Group *group = git == m_groups.end() ? nullptr : git->second.get();
    QHash<QByteArray, const StoredFamily *> incomingByName;
    for (const auto &f : request.m_incoming)
        incomingByName.insert(f.family.name, &f);
    auto groupHas = [&](const QByteArray &name) {
        return group && group->families.count(name) > 0;
    };
    // The type a family name will have after this write, if it exists then.
    auto typeAfter = [&](const QByteArray &name) -> std::optional<MetricType> {
        if (auto f = incomingByName.value(name))
            return f->metrics.empty() ? std::nullopt : std::optional(f->family.type);
        auto it = m_index.constFind(name);
        if (it == m_index.constEnd())
            return std::nullopt;
        const bool removed = groupHas(name) && request.m_mode == WriteMode::Replace;
        if (qsizetype(it->members.size()) - (removed ? 1 : 0) > 0)
            return it->type;
        return std::nullopt;
    };
    auto describe = [](const QByteArray &name, const std::vector<LabelPair> &labels) {
        QByteArray text = name + " {";
        for (size_t i = 0; i < labels.size(); ++i) {
            text += (i ? "," : "") + labels[i].name + "=\"" + labels[i].value + '"';
        }
        return QString::fromUtf8(text + '}');
    };

    for (const auto &f : request.m_incoming) {
        const QByteArray &name = f.family.name;
        const MetricType type = f.family.type;
        // Type clash with the same-named family of another group (untyped vs gauge counts).
        auto idx = m_index.constFind(name);
        if (idx != m_index.constEnd() && !f.metrics.empty()) {
            const qsizetype others = qsizetype(idx->members.size()) - (groupHas(name) ? 1 : 0);
            if (others > 0 && idx->type != type) {
                return tr("collected metric %1 is not a %2: another group has it as %3")
                    .arg(describe(name, f.metrics.front().labels),
                         QString::fromLatin1(metricTypeName(type).toUpper()),
                         QString::fromLatin1(metricTypeName(idx->type).toUpper()));
            }
        }
        // Suffix collisions, as client_golang's gatherer checks them.
        auto collides = [&](const QByteArray &other, std::initializer_list<MetricType> types) {
            auto t = typeAfter(other);
            if (!t)
                return false;
            for (MetricType candidate : types) {
                if (*t == candidate)
                    return true;
            }
            return false;
        };
        if (!f.metrics.empty()) {
            const auto any = {MetricType::Untyped, MetricType::Counter, MetricType::Gauge,
                              MetricType::Histogram, MetricType::Summary};
            bool clash = false;
            if (type == MetricType::Summary || type == MetricType::Histogram) {
                clash = collides(name + "_count", any) || collides(name + "_sum", any) ||
                        (type == MetricType::Histogram && collides(name + "_bucket", any));
            }
            for (const char *suffix : {"_count", "_sum", "_bucket"}) {
                if (clash || !name.endsWith(suffix))
                    continue;
                const QByteArray base = name.chopped(qsizetype(strlen(suffix)));
                clash = QByteArrayView(suffix) == "_bucket"
                            ? collides(base, {MetricType::Histogram})
                            : collides(base, {MetricType::Histogram, MetricType::Summary});
            }
            if (clash) {
                return tr("collected metric family %1 collides with a histogram or summary of "
                          "a similar name")
                    .arg(QString::fromUtf8(name));
            }
        }
        // Per metric, in order: its own problems (checkLocally), else the same metric in
        // another group. Only groups holding a family of this name can hold the metric.
        std::vector<const StoredFamily *> others;
        if (idx != m_index.constEnd()) {
            for (const auto &[id, family] : idx->members) {
                if (id != groupId)
                    others.push_back(family);
            }
        }
        const qsizetype checked =
            f.firstLocalProblem >= 0 ? f.firstLocalProblem : qsizetype(f.metrics.size());
        if (!others.empty()) {
            for (qsizetype k = 0; k < checked; ++k) {
                const StoredMetric &m = f.metrics[size_t(k)];
                const QByteArray sig = signature(name, m.labels);
                for (const StoredFamily *other : others) {
                    if (other->signatures.contains(sig)) {
                        return tr("collected metric %1 was collected before with the same name "
                                  "and label values")
                            .arg(describe(name, m.labels));
                    }
                }
            }
        }
        if (f.firstLocalProblem >= 0)
            return f.localProblem;
    }
    return {};
}

void MetricGroups::indexAdd(const QByteArray &groupId, const StoredFamily &family) {
    if (family.metrics.empty())
        return;
    FamilyIndex &idx = m_index[family.family.name];
    if (idx.members.empty())
        idx.type = family.family.type;
    idx.members[groupId] = &family;
}

void MetricGroups::indexRemove(const QByteArray &groupId, const StoredFamily &family) {
    if (family.metrics.empty())
        return;
    auto it = m_index.find(family.family.name);
    if (it == m_index.end())
        return;
    it->members.erase(groupId);
    if (it->members.empty())
        m_index.erase(it);
}

MetricGroups::Group &MetricGroups::groupFor(const GroupingKey &key, qint64 ms, bool *created) {
    auto &slot = m_groups[key.id()];
    *created = !slot;
    if (!slot) {
        slot = std::make_unique<Group>();
        slot->key = key;
        slot->createdMs = ms;
        renderTimeMetric(slot->pushTime, kPushTime, key, 0);
        renderTimeMetric(slot->pushFailureTime, kPushFailureTime, key, 0);
    }
    return *slot;
}

void MetricGroups::recordFailure(const GroupingKey &key, qint64 ms, qint64 us) {
    bool created = false;
    Group &group = groupFor(key, ms, &created);
    group.pushFailureTimeMs = ms;
    group.pushFailureTimeUs = us ? us : ms * 1000;
    renderTimeMetric(group.pushFailureTime, kPushFailureTime, key, group.pushFailureTimeUs);
    ++m_generation;
    m_cacheValid = false;
    if (created)
        Q_EMIT groupAdded(key);
    else
        Q_EMIT groupChanged(key);
}

qsizetype MetricGroups::Prepared::metricCount() const {
    qsizetype n = 0;
    for (const auto &f : m_incoming)
        n += qsizetype(f.metrics.size());
    return n;
}

MetricGroups::Prepared MetricGroups::prepare(const WriteRequest &request) {
    Prepared prepared;
    prepared.m_key = request.key;
    prepared.m_mode = request.mode;
    if (request.mode == WriteMode::Delete)
        return prepared;
    for (const auto &pair : request.key.labels())
        prepared.m_keyNotUtf8 |= !QUtf8StringView(pair.value).isValidUtf8();
    for (const auto &family : request.families) {
        for (const auto &sample : family.samples) {
            if (sample.timestampMs) {
                prepared.m_problem = tr("pushed metrics must not have timestamps");
                return prepared;
            }
        }
    }
    // The gateway owns its push-time families; pushed ones of those names are dropped.
    QHash<QByteArray, size_t> position;
    for (const auto &family : request.families) {
        if (family.name == kPushTime || family.name == kPushFailureTime)
            continue;
        StoredFamily built = buildFamily(family, request.key, 0);
        auto it = position.find(family.name);
        if (it != position.end()) {
            prepared.m_incoming[*it] = std::move(built); // a later family of the same name wins
        } else {
            position.insert(family.name, prepared.m_incoming.size());
            prepared.m_incoming.push_back(std::move(built));
        }
    }
    for (auto &family : prepared.m_incoming)
        checkLocally(family);
    // 1.5.1 refuses a grouping-key value that is not UTF-8 only through its gather check,
    // which then names the group's own push_time_seconds when the push carries no metric.
    for (const auto &pair : request.key.labels()) {
        if (QUtf8StringView(pair.value).isValidUtf8())
            continue;
        if (prepared.m_incoming.empty()) {
            std::vector<LabelPair> labels = request.key.labels();
            if (!request.key.contains("instance"))
                labels.push_back({"instance", ""});
            std::sort(labels.begin(), labels.end(),
                      [](const LabelPair &a, const LabelPair &b) { return a.name < b.name; });
            QByteArray text = kPushTime + " {";
            for (size_t i = 0; i < labels.size(); ++i)
                text += (i ? "," : "") + labels[i].name + "=\"" + labels[i].value + '"';
            prepared.m_problem =
                tr("collected metric %1 has a label named %2 whose value is not utf8")
                    .arg(QString::fromUtf8(text + '}'), QString::fromUtf8(pair.name));
        }
        break;
    }
    return prepared;
}

WriteResult MetricGroups::apply(const WriteRequest &request) {
    return commit(prepare(request), request.timestampMs, request.timestampUs);
}

WriteResult MetricGroups::commit(Prepared request, qint64 ms, qint64 us) {
    WriteResult result;
    const qint64 stampUs = us ? us : ms * 1000;
    const QByteArray groupId = request.m_key.id();
    if (request.m_mode == WriteMode::Delete) {
        auto it = m_groups.find(groupId);
        if (it != m_groups.end()) {
            for (const auto &[name, family] : it->second->families)
                indexRemove(groupId, family);
            const GroupingKey key = it->second->key;
            m_groups.erase(it);
            ++m_generation;
            m_cacheValid = false;
            Q_EMIT groupRemoved(key);
        }
        result.accepted = true;
        return result;
    }

    const QString prefix = tr("pushed metrics are invalid or inconsistent with existing metrics: ");
    const QString problem = request.m_problem.isEmpty() ? check(request) : request.m_problem;
    if (!problem.isEmpty()) {
        result.error = prefix + problem;
        // Deliberately unlike 1.5.1, which stores the failure under the broken key and from
        // then on answers its own /metrics with 500 for everyone: nothing is stored.
        if (!request.m_keyNotUtf8)
            recordFailure(request.m_key, ms, stampUs);
        return result;
    }

    bool created = false;
    Group &group = groupFor(request.m_key, ms, &created);
    if (request.m_mode == WriteMode::Replace) {
        for (const auto &[name, family] : group.families)
            indexRemove(groupId, family);
        group.families.clear();
    }
    for (auto &family : request.m_incoming) {
        auto it = group.families.find(family.family.name);
        if (it != group.families.end()) {
            indexRemove(groupId, it->second);
            group.families.erase(it);
        }
        if (family.metrics.empty())
            continue; // an empty family only clears its name (protobuf pushes can do that)
        family.timestampMs = ms;
        const QByteArray name = family.family.name;
        auto stored = group.families.emplace(name, std::move(family)).first;
        indexAdd(groupId, stored->second);
    }
    group.pushTimeMs = ms;
    group.pushTimeUs = stampUs;
    renderTimeMetric(group.pushTime, kPushTime, group.key, group.pushTimeUs);
    ++m_generation;
    m_cacheValid = false;
    result.accepted = true;
    if (created)
        Q_EMIT groupAdded(request.m_key);
    else
        Q_EMIT groupChanged(request.m_key);
    return result;
}

void MetricGroups::clear() {
    std::vector<GroupingKey> keys;
    for (const auto &[id, group] : m_groups)
        keys.push_back(group->key);
    m_groups.clear();
    m_index.clear();
    ++m_generation;
    m_cacheValid = false;
    for (const auto &key : keys)
        Q_EMIT groupRemoved(key);
}

void MetricGroups::restore(const std::vector<GroupSnapshot> &groups) {
    clear();
    for (const auto &snap : groups) {
        bool created = false;
        Group &group = groupFor(snap.key, snap.createdMs, &created);
        for (size_t i = 0; i < snap.families.size(); ++i) {
            const qint64 ts = i < snap.familyTimestampsMs.size() ? snap.familyTimestampsMs[i] : 0;
            StoredFamily family = buildFamily(snap.families[i], snap.key, ts);
            if (family.metrics.empty())
                continue;
            const QByteArray name = family.family.name;
            if (auto old = group.families.find(name); old != group.families.end()) {
                indexRemove(snap.key.id(), old->second);
                group.families.erase(old);
            }
            auto stored = group.families.emplace(name, std::move(family)).first;
            indexAdd(snap.key.id(), stored->second);
        }
        group.pushTimeMs = snap.pushTimeMs;
        group.pushFailureTimeMs = snap.pushFailureTimeMs;
        group.pushTimeUs = snap.pushTimeUs ? snap.pushTimeUs : snap.pushTimeMs * 1000;
        group.pushFailureTimeUs =
            snap.pushFailureTimeUs ? snap.pushFailureTimeUs : snap.pushFailureTimeMs * 1000;
        renderTimeMetric(group.pushTime, kPushTime, snap.key, group.pushTimeUs);
        renderTimeMetric(group.pushFailureTime, kPushFailureTime, snap.key,
                         group.pushFailureTimeUs);
        if (created)
            Q_EMIT groupAdded(snap.key);
    }
    ++m_generation;
    m_cacheValid = false;
}

GroupSnapshot MetricGroups::snapshot(const Group &group) const {
    GroupSnapshot snap;
    snap.key = group.key;
    snap.pushTimeMs = group.pushTimeMs;
    snap.pushFailureTimeMs = group.pushFailureTimeMs;
    snap.pushTimeUs = group.pushTimeUs;
    snap.pushFailureTimeUs = group.pushFailureTimeUs;
    snap.createdMs = group.createdMs;
    for (const auto &[name, family] : group.families) {
        snap.families.push_back(family.family);
        snap.familyTimestampsMs.push_back(family.timestampMs);
    }
    return snap;
}

std::vector<GroupSnapshot> MetricGroups::groups() const {
    std::vector<GroupSnapshot> out;
    out.reserve(m_groups.size());
    for (const auto &[id, group] : m_groups)
        out.push_back(snapshot(*group));
    return out;
}

std::optional<GroupSnapshot> MetricGroups::group(const GroupingKey &key) const {
    auto it = m_groups.find(key.id());
    if (it == m_groups.end())
        return std::nullopt;
    return snapshot(*it->second);
}

const QByteArray &MetricGroups::exposition() const {
    if (m_cacheValid)
        return m_cache;
    struct Entry {
        MetricType type;
        const QByteArray *help = nullptr;
        std::vector<const StoredMetric *> metrics;
    };
    std::map<QByteArray, Entry> families;
    Entry &pushTimes = families[kPushTime];
    pushTimes.type = MetricType::Gauge;
    pushTimes.help = &kPushTimeHelp;
    Entry &failureTimes = families[kPushFailureTime];
    failureTimes.type = MetricType::Gauge;
    failureTimes.help = &kPushFailureTimeHelp;
    qsizetype bytes = 0;
    for (const auto &[id, group] : m_groups) {
        pushTimes.metrics.push_back(&group->pushTime);
        failureTimes.metrics.push_back(&group->pushFailureTime);
        bytes += group->pushTime.text.size() + group->pushFailureTime.text.size();
        for (const auto &[name, family] : group->families) {
            auto [it, inserted] = families.try_emplace(name);
            if (inserted) {
                // The first group's HELP is shown (the real one takes whichever comes first).
                it->second.type = family.family.type;
                it->second.help = family.family.hasHelp ? &family.family.help : nullptr;
            }
            for (const auto &m : family.metrics) {
                it->second.metrics.push_back(&m);
                bytes += m.text.size();
            }
        }
    }
    m_cache.clear();
    m_cache.reserve(bytes + qsizetype(families.size()) * 128);
    for (auto &[name, entry] : families) {
        if (entry.metrics.empty())
            continue;
        std::sort(entry.metrics.begin(), entry.metrics.end(),
                  [](const StoredMetric *a, const StoredMetric *b) {
                      return goMetricLess(a->labels, b->labels);
                  });
        if (entry.help) {
            m_cache += "# HELP " + name + ' ' + escapeHelp(*entry.help) + '\n';
        }
        m_cache += "# TYPE " + name + ' ' + metricTypeName(entry.type) + '\n';
        for (const StoredMetric *m : entry.metrics)
            m_cache += m->text;
    }
    m_cacheValid = true;
    return m_cache;
}

} // namespace ppl
