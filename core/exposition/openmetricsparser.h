#pragma once

#include "metricfamily.h"
#include "scrapedlabels.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <vector>

namespace ppl {

// The metric types of OpenMetrics 1.0 (`# TYPE` values, exactly these words).
enum class OpenMetricsType {
    Counter,
    Gauge,
    Histogram,
    GaugeHistogram,
    Summary,
    Info,
    Stateset,
    Unknown
};
QByteArray openMetricsTypeName(OpenMetricsType type);

// True when a scrape response with this Content-Type is read as OpenMetrics, as Prometheus
// 2.42's textparse.New decides: Go's mime.ParseMediaType must accept the header and give
// application/openmetrics-text (any case, any parameters). Everything else, a missing or
// malformed header included, is read as the classic text format. *version gets the `version`
// parameter (unquoted), when there is one.
bool isOpenMetricsContentType(QByteArrayView contentType, QByteArray *version = nullptr);

// Parses OpenMetrics text 1.0.0 (and 0.0.1) the way Prometheus 2.42 does
// (model/textparse/openmetricslex.l + openmetricsparse.go): a pull iterator over the raw
// bytes, returning views into them, with 2.42's exact error words. Like 2.42 it is a lexer
// with explicit states and no backtracking, and it shares its quirks: no blanks but single
// spaces between tokens, no trailing comma, a mandatory `# EOF` with nothing after it, any
// other comment is an error, NULs skipped inside label values and HELP text, timestamps in
// seconds (fractions allowed, truncated to milliseconds), exemplars only after `_total` and
// `_bucket` names (parsed, validated and dropped by the scraper, as 2.42 stores none). Like
// 2.42 it does not check suffixes against the declared type or families against each other.
//
// After a sample it makes the scraper's label-set checks (a repeated label name, see
// resolveDuplicateLabels); those errors have kind Consistency (the sample was read whole).
// Error lines are 1-based lines of the token the parser stopped at.
class OpenMetricsParser {
public:
    enum class Entry { Help, Type, Unit, Sample, End, Error };

    // The input is copied only when it is not followed by a '\0' (a raw view); the parser
    // relies on that terminator as a sentinel.
    explicit OpenMetricsParser(const QByteArray &input); // must outlive the parser
    explicit OpenMetricsParser(QByteArray &&input);      // kept by the parser
    explicit OpenMetricsParser(QByteArrayView input);    // copied

    // As TextParser::setReplacedLabelNames: the names the target sets over the scraped ones.
    void setReplacedLabelNames(std::vector<QByteArray> names) {
        m_replacedLabelNames = std::move(names);
    }

    Entry next();

    // Off: every line goes token by token. The one-pass reading of common sample lines must
    // give the same entries and errors; the fuzz target compares the two.
    void setFastPath(bool on) { m_fastPath = on; }

    // Help/Type/Unit: the metric family name. Sample: the series name.
    QByteArrayView name() const { return m_name; }
    int labelCount() const { return int(m_labels.size()); }
    QByteArrayView labelName(int i) const { return m_labels[size_t(i)].name; }
    QByteArrayView labelValue(int i) const { return valueOf(m_labels[size_t(i)]); }
    double value() const { return m_value; }
    std::optional<qint64> timestampMs() const {
        return m_hasTimestamp ? std::optional<qint64>(m_timestampMs) : std::nullopt;
    }
    // Sample: its exemplar, if it had one. Label values as written (2.42 does not unescape them).
    bool hasExemplar() const { return m_hasExemplar; }
    int exemplarLabelCount() const { return int(m_exemplarLabels.size()); }
    QByteArrayView exemplarLabelName(int i) const { return m_exemplarLabels[size_t(i)].name; }
    QByteArrayView exemplarLabelValue(int i) const { return valueOf(m_exemplarLabels[size_t(i)]); }
    double exemplarValue() const { return m_exemplarValue; }
    std::optional<qint64> exemplarTimestampMs() const { return m_exemplarTimestampMs; }
    // Help: the unescaped text. Unit: the unit. Type: the type.
    QByteArrayView help() const { return m_text; }
    QByteArrayView unit() const { return m_text; }
    OpenMetricsType type() const { return m_type; }

    const ParseError &error() const { return m_error; }
    // 1-based line of the entry just returned (or of the error).
    int lineNumber();

private:
    enum class State {
        Init,
        Comment,
        Meta1,
        Meta2,
        Labels,
        LValue,
        Value,
        Timestamp,
        Exemplar,
        EValue,
        ETimestamp
    };
    enum class Token {
        Invalid,
        Eof,
        Linebreak,
        Help,
        Type,
        Unit,
        EofWord,
        Text,
        Comment,
        MName,
        BraceOpen,
        BraceClose,
        LName,
        LValue,
        Comma,
        Equal,
        Timestamp,
        Value
    };
    static const char *tokenName(Token t);

    void init(const char *data, qsizetype size);
    QByteArrayView valueOf(const ScrapedLabel &l) const {
        return l.inScratch ? QByteArrayView(m_scratch.constData() + l.valueOffset, l.valueSize)
                           : QByteArrayView(l.valueBegin, l.valueSize);
    }
    // The lexer (openmetricslex.l): one token from m_i; m_start is where it began.
    Token lex();
    unsigned char advance();
    Token lexQuoted(State after, bool skipNuls);
    QByteArrayView tokenText() const { return QByteArrayView(m_b + m_start, m_i - m_start); }

    Entry fail(QString message);
    Entry failToken(const QString &expected, Token got);
    int lineAt(qsizetype pos);
    Entry parseMeta(Token keyword);
    Entry parseSample();
    bool fastSample();
    bool isPlainLabelSet() const;
    // parseLVals: false after fail().
    bool parseLabels(std::vector<ScrapedLabel> &labels, bool unescape);
    bool parseFloatToken(Token t, bool exemplar, double *out);
    bool parseTimestamp(bool exemplar, qint64 *out);
    bool parseExemplar();
    QByteArrayView unescaped(QByteArrayView raw, ScrapedLabel *label);

    QByteArray m_copy; // the input plus a '\0', when it came without one
    const char *m_b = nullptr;
    qsizetype m_n = 0;
    qsizetype m_i = 0;
    qsizetype m_start = 0;
    State m_state = State::Init;
    bool m_sawBackslash = false;    // in the last quoted token
    unsigned char m_quotedHigh = 0; // the OR of its bytes: non-ASCII needs a UTF-8 check
    qsizetype m_errorPos = -1;      // where an error is, when not at m_start
    bool m_failed = false;
    bool m_done = false;
    bool m_fastPath = true;
    std::vector<QByteArray> m_replacedLabelNames;

    qsizetype m_entryStart = 0;
    qsizetype m_linesCountedTo = 0; // lineNumber() counts '\n' incrementally
    int m_linesBefore = 0;

    QByteArrayView m_name;
    std::vector<ScrapedLabel> m_labels;
    std::vector<ScrapedLabel> m_exemplarLabels;
    QByteArray m_scratch;
    QByteArrayView m_text;
    OpenMetricsType m_type = OpenMetricsType::Unknown;
    double m_value = 0;
    qint64 m_timestampMs = 0;
    bool m_hasTimestamp = false;
    bool m_hasExemplar = false;
    double m_exemplarValue = 0;
    std::optional<qint64> m_exemplarTimestampMs;
    ParseError m_error;
};

} // namespace ppl
