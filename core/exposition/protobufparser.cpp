#include "protobufparser.h"

#include "mediatype.h"
#include "metrics.pb.h"
#include "textparser.h"
#include "textwriter.h"

#include <QCoreApplication>
#include <QStringDecoder>

#include <cmath>

namespace ppl {

namespace pb = io::prometheus::client;

namespace {

struct ProtobufParserText {
    Q_DECLARE_TR_FUNCTIONS(ppl::ProtobufParser)
};

bool isValidMetricName(const std::string &n) {
    if (n.empty())
        return false;
    for (size_t i = 0; i < n.size(); ++i) {
        const char c = n[i];
        const bool letter =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
        if (!letter && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

bool isValidLabelName(const std::string &n) {
    if (n.empty())
        return false;
    for (size_t i = 0; i < n.size(); ++i) {
        const char c = n[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!letter && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

bool isValidUtf8(const std::string &s) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)QString(decoder(QByteArrayView(s.data(), qsizetype(s.size()))));
    return !decoder.hasError();
}

// formatOpenMetricsFloat of protobufparse.go: Go's %v, with ".0" where it shows no point.
QByteArray openMetricsFloat(double f) {
    if (std::isnan(f))
        return QByteArrayLiteral("NaN");
    if (std::isinf(f))
        return f > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    QByteArray s = formatValue(f);
    if (!s.contains('e') && !s.contains('.'))
        s.append(".0");
    return s;
}

// isNativeHistogram of protobufparse.go.
bool isNativeHistogram(const pb::Histogram &h) {
    return h.negative_delta_size() > 0 || h.positive_delta_size() > 0 || h.zero_count() > 0 ||
           h.zero_threshold() > 0;
}

// The type field as Go reads it: a value the enum does not know is kept (and refused), where
// C++'s proto2 decoder files it among the unknown fields and reads COUNTER.
std::optional<quint64> unknownTypeValue(const pb::MetricFamily &mf) {
    const google::protobuf::UnknownFieldSet &unknown = mf.GetReflection()->GetUnknownFields(mf);
    std::optional<quint64> value;
    for (int i = 0; i < unknown.field_count(); ++i) {
        const google::protobuf::UnknownField &f = unknown.field(i);
        if (f.number() == 3 && f.type() == google::protobuf::UnknownField::TYPE_VARINT)
            value = f.varint();
    }
    return value;
}

QString typeText(quint64 value) {
    // Go's %s of the enum: its name, or the number it does not know (as int32).
    return QString::number(qint32(quint32(value)));
}

} // namespace

bool isProtobufContentType(QByteArrayView contentType) {
    const std::optional<MediaType> media = parseMediaType(contentType);
    return media && media->type == "application/vnd.google.protobuf";
}

ProtobufParser::ProtobufParser(QByteArrayView input)
    : m_in(input) {}

ProtobufParser::Entry ProtobufParser::fail(QString message, ParseError::Kind kind) {
    m_state = State::Done;
    m_error.message = std::move(message);
    m_error.kind = kind;
    m_error.line = m_family;
    return Entry::Error;
}

ProtobufParser::Entry ProtobufParser::next() {
    switch (m_state) {
    case State::Family:
        return readFamily();
    case State::Help:
        m_state = State::Type;
        m_name = m_familyName;
        return Entry::Type;
    case State::Type:
    case State::Series:
        m_state = State::Series;
        return nextSeries();
    case State::Done:
        break;
    }
    return m_error.message.isEmpty() ? Entry::End : Entry::Error;
}

ProtobufParser::Entry ProtobufParser::readFamily() {
    for (;;) {
        const qsizetype left = m_in.size() - m_pos;
        if (left == 0) {
            m_state = State::Done;
            return Entry::End;
        }
        ++m_family;
        // readDelimited: a varint of at most binary.MaxVarintLen32 bytes, then the message.
        const auto *p = reinterpret_cast<const unsigned char *>(m_in.data() + m_pos);
        quint64 length = 0;
        int varintLength = 0; // proto.DecodeVarint: 0 when cut or longer than 10 bytes
        for (int n = 0; n < left && n < 10; ++n) {
            length |= quint64(p[n] & 0x7f) << (7 * n);
            if (!(p[n] & 0x80)) {
                varintLength = n + 1;
                break;
            }
        }
        if (varintLength == 0 || varintLength > 5)
            return fail(QStringLiteral("protobufparse: invalid varint encountered"));
        const quint64 total = quint64(varintLength) + length;
        if (total > quint64(left))
            return fail(QStringLiteral("protobufparse: insufficient length of buffer, expected "
                                       "at least %1 bytes, got %2 bytes")
                            .arg(total)
                            .arg(left));
        pb::MetricFamily mf;
        if (!mf.ParseFromArray(p + varintLength, int(length)))
            return fail(QStringLiteral("unexpected EOF"));
        m_pos += qsizetype(total);
        if (mf.metric_size() == 0)
            continue;

        const QString name = QString::fromStdString(mf.name());
        if (!isValidMetricName(mf.name()))
            return fail(QStringLiteral("invalid metric name: %1").arg(name));
        if (!isValidUtf8(mf.help()))
            return fail(QStringLiteral("invalid help for metric %1: %2")
                            .arg(detail::goQuote(QByteArray::fromStdString(mf.name())),
                                 QString::fromUtf8(mf.help())));
        if (const std::optional<quint64> t = unknownTypeValue(mf))
            return fail(
                QStringLiteral("unknown metric type for metric %1: %2")
                    .arg(detail::goQuote(QByteArray::fromStdString(mf.name())), typeText(*t)));
        m_familyName = QByteArray::fromStdString(mf.name());
        m_help = QByteArray::fromStdString(mf.help());
        switch (mf.type()) {
        case pb::COUNTER:
            m_typeName = QByteArrayLiteral("counter");
            break;
        case pb::GAUGE:
            m_typeName = QByteArrayLiteral("gauge");
            break;
        case pb::SUMMARY:
            m_typeName = QByteArrayLiteral("summary");
            break;
        case pb::HISTOGRAM:
            m_typeName = QByteArrayLiteral("histogram");
            break;
        case pb::GAUGE_HISTOGRAM:
            m_typeName = QByteArrayLiteral("gaugehistogram");
            break;
        case pb::UNTYPED:
            m_typeName = QByteArrayLiteral("unknown");
            break;
        }

        // The series of the family, in the order protobufparse.go's Next gives them; an
        // invalid label ends the list where 2.42 would stop.
        m_series.clear();
        m_next = 0;
        const bool histogram = mf.type() == pb::HISTOGRAM || mf.type() == pb::GAUGE_HISTOGRAM;
        const bool native = histogram && isNativeHistogram(mf.metric(0).histogram());
        for (int mi = 0; mi < mf.metric_size(); ++mi) {
            const pb::Metric &m = mf.metric(mi);
            std::vector<std::pair<QByteArray, QByteArray>> labels;
            QString labelError;
            for (const pb::LabelPair &lp : m.label()) {
                if (!isValidLabelName(lp.name())) {
                    labelError = QStringLiteral("invalid label name: %1")
                                     .arg(QString::fromStdString(lp.name()));
                    break;
                }
                if (!isValidUtf8(lp.value())) {
                    labelError = QStringLiteral("invalid label value: %1")
                                     .arg(QString::fromUtf8(lp.value()));
                    break;
                }
                labels.emplace_back(QByteArray::fromStdString(lp.name()),
                                    QByteArray::fromStdString(lp.value()));
            }
            if (!labelError.isEmpty()) {
                Series s;
                s.error = labelError;
                m_series.push_back(std::move(s));
                break;
            }
            if (native) {
                // Read whole (after the first metric's labels were checked), then refused
                // by the head appender.
                Series s;
                s.error = QStringLiteral("native histograms are disabled");
                s.errorKind = ParseError::Kind::Consistency;
                m_series.push_back(std::move(s));
                break;
            }
            const std::optional<qint64> ts =
                m.timestamp_ms() != 0 ? std::optional<qint64>(m.timestamp_ms()) : std::nullopt;
            auto add = [&](QByteArray seriesName, double value, QByteArray magicName = {},
                           QByteArray magicValue = {}) {
                Series s;
                s.name = std::move(seriesName);
                s.labels = labels;
                if (!magicName.isEmpty())
                    s.labels.emplace_back(std::move(magicName), std::move(magicValue));
                s.value = value;
                s.timestampMs = ts;
                m_series.push_back(std::move(s));
            };
            // getMagicName: only HISTOGRAM and SUMMARY get suffixes (2.42 leaves a gauge
            // histogram's series all under the bare name).
            const bool suffixed = mf.type() == pb::HISTOGRAM || mf.type() == pb::SUMMARY;
            const QByteArray count = suffixed ? m_familyName + "_count" : m_familyName;
            const QByteArray sum = suffixed ? m_familyName + "_sum" : m_familyName;
            switch (mf.type()) {
            case pb::COUNTER:
                add(m_familyName, m.counter().value());
                break;
            case pb::GAUGE:
                add(m_familyName, m.gauge().value());
                break;
            case pb::UNTYPED:
                add(m_familyName, m.untyped().value());
                break;
            case pb::SUMMARY: {
                const pb::Summary &s = m.summary();
                add(count, double(s.sample_count()));
                add(sum, s.sample_sum());
                for (const pb::Quantile &q : s.quantile())
                    add(m_familyName, q.value(), "quantile", openMetricsFloat(q.quantile()));
                break;
            }
            case pb::HISTOGRAM:
            case pb::GAUGE_HISTOGRAM: {
                const pb::Histogram &h = m.histogram();
                const QByteArray bucket = suffixed ? m_familyName + "_bucket" : m_familyName;
                add(count, double(h.sample_count()));
                add(sum, h.sample_sum());
                bool sawInf = false;
                for (const pb::Bucket &b : h.bucket()) {
                    add(bucket, double(b.cumulative_count()), "le",
                        openMetricsFloat(b.upper_bound()));
                    if (std::isinf(b.upper_bound()) && b.upper_bound() > 0) {
                        sawInf = true;
                        break; // fieldsDone
                    }
                }
                if (!sawInf)
                    add(bucket, double(h.sample_count()), "le", "+Inf");
                break;
            }
            }
        }
        m_name = m_familyName;
        m_state = State::Help;
        return Entry::Help;
    }
}

ProtobufParser::Entry ProtobufParser::nextSeries() {
    while (m_next < m_series.size()) {
        Series &s = m_series[m_next++];
        if (!s.error.isEmpty())
            return fail(s.error, s.errorKind);
        m_name = s.name;
        m_value = s.value;
        m_timestampMs = s.timestampMs;
        m_labels.clear();
        for (const auto &[name, value] : s.labels) {
            ScrapedLabel l;
            l.name = name;
            l.valueBegin = value.constData();
            l.valueSize = value.size();
            m_labels.push_back(l);
        }
        QString error;
        if (!resolveDuplicateLabels(m_labels, m_replacedLabelNames, &error))
            return fail(error, ParseError::Kind::Consistency);
        return Entry::Sample;
    }
    return readFamily();
}

} // namespace ppl
