#include "eventcodec.h"

#include <QCoreApplication>

namespace ppl::record {

namespace {

// Enums go as one byte; reading checks the range, so a corrupt byte is an error, not a value
// outside the enum.
template <class E> void putEnum(QDataStream &out, E value) {
    out << quint8(value);
}

template <class E> bool getEnum(QDataStream &in, E &value, int count) {
    quint8 b = 0;
    in >> b;
    if (in.status() != QDataStream::Ok || b >= count)
        return false;
    value = E(b);
    return true;
}

void putKey(QDataStream &out, const std::vector<LabelPair> &key) {
    out << quint32(key.size());
    for (const LabelPair &l : key)
        out << l.name << l.value;
}

bool getKey(QDataStream &in, std::vector<LabelPair> &key) {
    quint32 n = 0;
    in >> n;
    if (n > 4096)
        return false;
    key.resize(n);
    for (LabelPair &l : key)
        in >> l.name >> l.value;
    return in.status() == QDataStream::Ok;
}

struct Writer {
    QDataStream &out;
    void operator()(const ScrapeEvent &e) const {
        out << e.job << e.instance << e.url << e.startMs << e.durationMs;
        putEnum(out, e.health);
        out << qint32(e.httpStatus) << e.samples << e.bytes << e.error;
        putEnum(out, e.format);
    }
    void operator()(const PushEvent &e) const {
        putEnum(out, e.from);
        const PushResult &r = e.result;
        putEnum(out, r.method);
        out << r.url;
        putKey(out, r.groupingKey);
        out << r.ok << qint32(r.status) << r.reason << r.atMs << r.durationMs << r.bytes;
    }
    void operator()(const GatewayEvent &e) const {
        out << e.method << e.group << qint32(e.status) << e.ok << e.reason << e.userAgent
            << e.external;
    }
    void operator()(const GatewayAdminEvent &e) const {
        putEnum(out, e.change);
        putKey(out, e.groupingKey);
        out << e.persistence << e.persistenceFile;
    }
    void operator()(const TargetEvent &e) const {
        putEnum(out, e.change);
        out << e.running << e.listening;
        putEnum(out, e.fault);
        out << e.faultParamMs << e.port;
    }
    void operator()(const JobEvent &e) const {
        out << e.run;
        putEnum(out, e.state);
        out << qint32(e.exitCode) << e.durationMs << e.records;
    }
    void operator()(const PodEvent &e) const {
        putEnum(out, e.change);
        out << e.namespaceName << e.port << e.key << e.value;
    }
    void operator()(const ConfigEvent &e) const { out << e.ok << e.error << e.withoutTarget; }
    void operator()(const AlertEvent &e) const {
        out << e.alert << e.group << e.file;
        out << quint32(e.labels.size());
        for (int i = 0; i < e.labels.size(); ++i)
            out << e.labels.name(i) << e.labels.value(i);
        putEnum(out, e.from);
        putEnum(out, e.to);
        out << e.value << e.evaluatedAtMs;
    }
    void operator()(const LabStateEvent &e) const {
        putEnum(out, e.change);
        out << e.scenario << e.action << e.command << e.error;
    }
};

bool readPayload(QDataStream &in, quint8 index, LabEventPayload &payload) {
    switch (index) {
    case 0: {
        LabStateEvent e;
        if (!getEnum(in, e.change, 7))
            return false;
        in >> e.scenario >> e.action >> e.command >> e.error;
        payload = e;
        break;
    }
    case 1: {
        ScrapeEvent e;
        in >> e.job >> e.instance >> e.url >> e.startMs >> e.durationMs;
        if (!getEnum(in, e.health, 3))
            return false;
        qint32 status = 0;
        in >> status >> e.samples >> e.bytes >> e.error;
        e.httpStatus = status;
        if (!getEnum(in, e.format, 5))
            return false;
        payload = e;
        break;
    }
    case 2: {
        PushEvent e;
        if (!getEnum(in, e.from, 2) || !getEnum(in, e.result.method, 3))
            return false;
        PushResult &r = e.result;
        in >> r.url;
        if (!getKey(in, r.groupingKey))
            return false;
        qint32 status = 0;
        in >> r.ok >> status >> r.reason >> r.atMs >> r.durationMs >> r.bytes;
        r.status = status;
        payload = e;
        break;
    }
    case 3: {
        GatewayEvent e;
        qint32 status = 0;
        in >> e.method >> e.group >> status >> e.ok >> e.reason >> e.userAgent >> e.external;
        e.status = status;
        payload = e;
        break;
    }
    case 4: {
        GatewayAdminEvent e;
        if (!getEnum(in, e.change, 3) || !getKey(in, e.groupingKey))
            return false;
        in >> e.persistence >> e.persistenceFile;
        payload = e;
        break;
    }
    case 5: {
        TargetEvent e;
        if (!getEnum(in, e.change, 7))
            return false;
        in >> e.running >> e.listening;
        if (!getEnum(in, e.fault, 6))
            return false;
        in >> e.faultParamMs >> e.port;
        payload = e;
        break;
    }
    case 6: {
        JobEvent e;
        in >> e.run;
        if (!getEnum(in, e.state, 4))
            return false;
        qint32 exitCode = 0;
        in >> exitCode >> e.durationMs >> e.records;
        e.exitCode = exitCode;
        payload = e;
        break;
    }
    case 7: {
        PodEvent e;
        if (!getEnum(in, e.change, 3))
            return false;
        in >> e.namespaceName >> e.port >> e.key >> e.value;
        payload = e;
        break;
    }
    case 8: {
        ConfigEvent e;
        in >> e.ok >> e.error >> e.withoutTarget;
        payload = e;
        break;
    }
    case 9: {
        AlertEvent e;
        in >> e.alert >> e.group >> e.file;
        quint32 n = 0;
        in >> n;
        if (n > 4096)
            return false;
        std::vector<std::pair<QByteArray, QByteArray>> pairs(n);
        for (auto &[name, value] : pairs)
            in >> name >> value;
        e.labels = Labels::fromPairs(std::move(pairs));
        if (!getEnum(in, e.from, 3) || !getEnum(in, e.to, 3))
            return false;
        in >> e.value >> e.evaluatedAtMs;
        payload = e;
        break;
    }
    default:
        return false;
    }
    return in.status() == QDataStream::Ok;
}

} // namespace

void writeEvent(QDataStream &out, const LabEvent &event) {
    static_assert(std::variant_size_v<LabEventPayload> == 10,
                  "a new payload needs its reader and writer here");
    out << event.atMs << event.subject << quint8(event.payload.index());
    std::visit(Writer{out}, event.payload);
}

std::optional<LabEvent> readEvent(QDataStream &in, QString *error) {
    qint64 atMs = 0;
    QByteArray subject;
    quint8 index = 0;
    in >> atMs >> subject >> index;
    LabEventPayload payload;
    if (in.status() != QDataStream::Ok || !readPayload(in, index, payload)) {
        if (error)
            *error = QCoreApplication::translate("ppl::Recording", "an event of kind %1 is damaged")
                         .arg(index);
        return std::nullopt;
    }
    return LabEvent::make(atMs, subject, std::move(payload));
}

} // namespace ppl::record
