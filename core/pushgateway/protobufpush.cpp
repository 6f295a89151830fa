#include "protobufpush.h"

#include "exposition/mediatype.h"
#include "exposition/textwriter.h"
#include "metrics.pb.h"

#include <QCoreApplication>
#include <QHash>

#include <cmath>

namespace ppl {

namespace pb = io::prometheus::client;

namespace {

struct ProtobufPushText {
    Q_DECLARE_TR_FUNCTIONS(ppl::ProtobufPush)
};

std::vector<LabelPair> labelsOf(const pb::Metric &m) {
    std::vector<LabelPair> out;
    for (const auto &lp : m.label())
        out.push_back(
            {QByteArray::fromStdString(lp.name()), QByteArray::fromStdString(lp.value())});
    return out;
}

} // namespace

bool isProtobufDelimited(const QByteArray &contentType) {
    // The gateway's mime.ParseMediaType; a header it cannot parse means the text format.
    const std::optional<MediaType> media = parseMediaType(contentType);
    return media && media->type == "application/vnd.google.protobuf" &&
           media->parameter("proto") == "io.prometheus.client.MetricFamily" &&
           media->parameter("encoding") == "delimited";
}

ProtobufPush parseProtobufDelimited(const QByteArray &body) {
    ProtobufPush result;
    QHash<QByteArray, size_t> position;
    const auto *data = reinterpret_cast<const unsigned char *>(body.constData());
    const qsizetype size = body.size();
    qsizetype pos = 0;
    while (pos < size) {
        quint64 length = 0;
        int shift = 0;
        bool done = false;
        while (pos < size && shift < 64) {
            const unsigned char byte = data[pos++];
            length |= quint64(byte & 0x7f) << shift;
            shift += 7;
            if (!(byte & 0x80)) {
                done = true;
                break;
            }
        }
        if (!done || length > quint64(size - pos)) {
            result.parseError = ProtobufPushText::tr("unexpected EOF");
            return result;
        }
        pb::MetricFamily mf;
        if (!mf.ParseFromArray(data + pos, int(length))) {
            result.parseError =
                ProtobufPushText::tr("proto: cannot parse invalid wire-format data");
            return result;
        }
        pos += qsizetype(length);

        MetricFamily family;
        family.name = QByteArray::fromStdString(mf.name());
        family.help = QByteArray::fromStdString(mf.help());
        family.hasHelp = mf.has_help();
        const QByteArray &name = family.name;
        switch (mf.type()) {
        case pb::COUNTER:
            family.type = MetricType::Counter;
            break;
        case pb::GAUGE:
            family.type = MetricType::Gauge;
            break;
        case pb::SUMMARY:
            family.type = MetricType::Summary;
            break;
        case pb::HISTOGRAM:
            family.type = MetricType::Histogram;
            break;
        case pb::UNTYPED:
            family.type = MetricType::Untyped;
            break;
        default:
            result.consistencyError =
                ProtobufPushText::tr("metric family %1 has an unsupported type")
                    .arg(QString::fromStdString(mf.name()));
            break;
        }
        if (!isValidMetricName(name) && result.consistencyError.isEmpty()) {
            result.consistencyError = ProtobufPushText::tr("invalid metric name %1")
                                          .arg(QString::fromStdString(mf.name()));
        }
        for (const pb::Metric &m : mf.metric()) {
            const auto labels = labelsOf(m);
            std::optional<qint64> ts;
            if (m.has_timestamp_ms())
                ts = m.timestamp_ms();
            auto add = [&](const QByteArray &sampleName, std::vector<LabelPair> l, double v) {
                family.samples.push_back({sampleName, std::move(l), v, ts});
            };
            bool matches = true;
            switch (family.type) {
            case MetricType::Counter:
                matches = m.has_counter();
                add(name, labels, m.counter().value());
                break;
            case MetricType::Gauge:
                matches = m.has_gauge();
                add(name, labels, m.gauge().value());
                break;
            case MetricType::Untyped:
                matches = m.has_untyped();
                add(name, labels, m.untyped().value());
                break;
            case MetricType::Summary: {
                matches = m.has_summary();
                for (const auto &q : m.summary().quantile()) {
                    auto l = labels;
                    l.push_back({"quantile", formatValue(q.quantile())});
                    add(name, std::move(l), q.value());
                }
                add(name + "_sum", labels, m.summary().sample_sum());
                add(name + "_count", labels, double(m.summary().sample_count()));
                break;
            }
            case MetricType::Histogram: {
                matches = m.has_histogram();
                const auto &h = m.histogram();
                for (const auto &b : h.bucket()) {
                    auto l = labels;
                    l.push_back({"le", formatValue(b.upper_bound())});
                    add(name + "_bucket", std::move(l),
                        b.has_cumulative_count_float() ? b.cumulative_count_float()
                                                       : double(b.cumulative_count()));
                }
                add(name + "_sum", labels, h.sample_sum());
                add(name + "_count", labels,
                    h.has_sample_count_float() ? h.sample_count_float() : double(h.sample_count()));
                break;
            }
            }
            if (!matches && result.consistencyError.isEmpty()) {
                result.consistencyError =
                    ProtobufPushText::tr("collected metric %1 is not a %2")
                        .arg(QString::fromUtf8(name),
                             QString::fromLatin1(metricTypeName(family.type).toUpper()));
            }
        }
        auto it = position.find(family.name);
        if (it != position.end()) {
            result.families[*it] = std::move(family);
        } else {
            position.insert(family.name, result.families.size());
            result.families.push_back(std::move(family));
        }
    }
    return result;
}

QByteArray writeProtobufDelimited(const std::vector<MetricFamily> &families) {
    QByteArray out;
    for (const auto &family : families) {
        pb::MetricFamily mf;
        mf.set_name(family.name.toStdString());
        if (family.hasHelp)
            mf.set_help(family.help.toStdString());
        switch (family.type) {
        case MetricType::Counter:
            mf.set_type(pb::COUNTER);
            break;
        case MetricType::Gauge:
            mf.set_type(pb::GAUGE);
            break;
        case MetricType::Summary:
            mf.set_type(pb::SUMMARY);
            break;
        case MetricType::Histogram:
            mf.set_type(pb::HISTOGRAM);
            break;
        case MetricType::Untyped:
            mf.set_type(pb::UNTYPED);
            break;
        }
        // Simple families only (one sample per metric); enough for tests and lab jobs.
        for (const auto &sample : family.samples) {
            pb::Metric *m = mf.add_metric();
            for (const auto &pair : sample.labels) {
                auto *lp = m->add_label();
                lp->set_name(pair.name.toStdString());
                lp->set_value(pair.value.toStdString());
            }
            if (sample.timestampMs)
                m->set_timestamp_ms(*sample.timestampMs);
            switch (family.type) {
            case MetricType::Counter:
                m->mutable_counter()->set_value(sample.value);
                break;
            case MetricType::Gauge:
                m->mutable_gauge()->set_value(sample.value);
                break;
            default:
                m->mutable_untyped()->set_value(sample.value);
                break;
            }
        }
        const std::string bytes = mf.SerializeAsString();
        quint64 n = bytes.size();
        while (n >= 0x80) {
            out += char((n & 0x7f) | 0x80);
            n >>= 7;
        }
        out += char(n);
        out += QByteArray::fromStdString(bytes);
    }
    return out;
}

} // namespace ppl
