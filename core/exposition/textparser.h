#pragma once

#include "metricfamily.h"
#include "scrapedlabels.h"

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

namespace ppl {

// Parses Prometheus text format 0.0.4 straight from the received bytes.
// parseText() builds MetricFamily values (convenient; the gateway and --check-metrics use it).
// It follows the Go parser the Pushgateway uses (prometheus/common expfmt TextParser): same
// syntax, same error wording and line numbers, plus a duplicate-series check and a
// reserved-label check (which the Pushgateway makes after parsing). One deliberate
// difference: a missing final newline is accepted (Go says "unexpected end of input stream").
ParsedExposition parseText(QByteArrayView input);

// The low-level pull iterator over the same bytes, for the scraper's hot path. Purely
// syntactic (like Prometheus's own textparse): it knows nothing about families, so a second
// TYPE, a TYPE after samples, a duplicate series or a bad `le` are parseText()'s business.
// Views it returns stay valid until the next call to next(); the input must outlive the
// parser. next() never allocates once its label and scratch buffers have grown.
//
// Two dialects of the same format. Expfmt (the default) is Go expfmt's, as above. PromParse is
// what Prometheus 2.42's scraper reads (model/textparse/promlex.l + promparse.go), which the
// scraper uses to ingest exactly what a real Prometheus ingests. It differs in both directions:
//  - accepted there: unknown escapes (`\q` stays as written), a raw newline inside a label
//    value, labels without commas, any escape in HELP, a NUL at a line start (ends the input
//    silently), duplicate label names when one of them is empty (the label is dropped);
//  - rejected there: blanks before a metric name, a negative or `+` timestamp, a TYPE other
//    than exactly counter|gauge|histogram|summary|untyped (`COUNTER`, `counter `, none),
//    `p`/`_` in a value, invalid UTF-8 in HELP, a repeated label name (or `__name__`) with
//    non-empty values unless the target sets it (setReplacedLabelNames), `__name__=""`.
// The last three are the scrape loop's and the head's label-set checks, not promparse's: the
// scraper relies on this parser for them; their errors have kind Consistency (the sample was
// read whole, and Prometheus counts it as scraped before failing). Every error message is
// Prometheus 2.42's own (promparse's `expected …, got "TOKEN"`, strconv's, the head's), except
// that a metric name with leading blanks, or a `__name__` label whose value is no valid metric
// name (`a{__name__="-"} 1`), fails with error().invalidLabelSet, name() (blanks included) and
// the labels (repeats included) still readable: Prometheus words that one with the label set
// after the target's labels are merged in, which is the scraper's business.
class TextParser {
public:
    enum class Entry { Help, Type, Comment, Sample, End, Error };
    enum class Dialect { Expfmt, PromParse };

    explicit TextParser(QByteArrayView input, Dialect dialect = Dialect::Expfmt);

    // PromParse only: the label names the scrape target sets over the scraped ones (its labels
    // when honor_labels is false, none otherwise). A body may repeat such a name: Prometheus
    // replaces it, so it is no error; the sample then carries the first value only.
    void setReplacedLabelNames(std::vector<QByteArray> names) {
        m_replacedLabelNames = std::move(names);
    }

    Entry next();

    // Help/Type: the family name. Sample: the series name. Comment: empty.
    QByteArrayView name() const { return m_name; }
    // Sample only.
    int labelCount() const { return int(m_labels.size()); }
    QByteArrayView labelName(int i) const { return m_labels[size_t(i)].name; }
    QByteArrayView labelValue(int i) const // unescaped (may point into a scratch buffer)
    {
        const Label &l = m_labels[size_t(i)];
        return l.inScratch ? QByteArrayView(m_scratch.constData() + l.valueOffset, l.valueSize)
                           : QByteArrayView(l.valueBegin, l.valueSize);
    }
    double value() const { return m_value; }
    std::optional<qint64> timestampMs() const { return m_timestamp; }
    // Help: unescaped help text. Type: the type.
    QByteArrayView help() const { return m_help; }
    MetricType type() const { return m_type; }
    // Error.
    const ParseError &error() const { return m_error; }
    // 1-based line of the entry just returned (or of the error).
    int lineNumber() const { return m_line; }

private:
    using Label = ScrapedLabel;

    Entry fail(QString message);
    bool failed(QString message);
    Entry nextPromParse();
    Entry parseCommentPromParse(const char *p);
    Entry parseSamplePromParse(const char *lineStart, const char *p);
    bool readLabelsPromParse(const char *p);
    bool resolveDuplicateLabels();
    Entry parseComment();
    Entry parseSample();
    bool readLabels();
    bool readLabelValue(Label &label);
    bool readHelpText();

    QByteArray m_padded; // the input plus a final '\n' when it lacked one
    const char *m_pos = nullptr;
    const char *m_end = nullptr; // one past the last '\n'
    int m_line = 0;
    bool m_failed = false;
    Dialect m_dialect = Dialect::Expfmt;
    std::vector<QByteArray> m_replacedLabelNames;

    QByteArrayView m_name;
    std::vector<Label> m_labels;
    QByteArray m_scratch;
    double m_value = 0;
    std::optional<qint64> m_timestamp;
    QByteArrayView m_help;
    MetricType m_type = MetricType::Untyped;
    ParseError m_error;
};

namespace detail {
// Go's strconv.ParseFloat as the text format uses it (no '_', no hex, overflow is an error).
bool parseGoFloat(QByteArrayView token, double *out);
// Go's strconv.ParseInt(s, 10, 64).
bool parseGoInt64(QByteArrayView token, qint64 *out);
// textparse's parseFloat error for a token parseGoFloat refused (both of 2.42's scrape
// parsers use it for values, OpenMetrics for timestamps too): `unsupported character in float`
// for p, P or _, else strconv.ParseFloat's `parsing "x": invalid syntax` or `value out of range`.
QString promParseFloatError(QByteArrayView token);
// textparse's lvalReplacer, appended to out: \" \\ and \n are replaced, any other escape
// stays as written (2.42 reads OpenMetrics label values and HELP text the same way).
void appendLabelValueUnescaped(QByteArray &out, QByteArrayView raw);
// Go's %q for a string and for a byte, so error messages read like the Pushgateway's.
QString goQuote(QByteArrayView bytes);
QString goQuoteByte(char c);
} // namespace detail

} // namespace ppl
