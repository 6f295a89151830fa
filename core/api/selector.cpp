#include "selector.h"

#include <algorithm>
#include <cmath>

namespace ppl::api {

namespace {

bool isNameStart(QChar c, bool metric) {
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || c == QLatin1Char('_') ||
           (metric && c == QLatin1Char(':'));
}
bool isNameChar(QChar c, bool metric) {
    return isNameStart(c, metric) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

// A small recursive-descent reader over the selector text, with Prometheus's error format
// ("line:col: parse error: …", columns 1-based).
class Reader {
public:
    explicit Reader(const QString &text)
        : m_text(text) {}

    std::optional<VectorSelector> parse(std::vector<LabelMatcher> *out, QString *error) {
        m_error = error;
        skipSpace();
        if (atEnd())
            return fail(0, QStringLiteral("no expression found in input"));
        QByteArray metric;
        if (isNameStart(peek(), true)) {
            const qsizetype start = m_pos;
            while (!atEnd() && isNameChar(peek(), true))
                ++m_pos;
            metric = m_text.mid(start, m_pos - start).toUtf8();
            skipSpace();
        }
        if (!atEnd() && peek() == QLatin1Char('{')) {
            ++m_pos;
            if (!readMatchers(out))
                return std::nullopt;
            skipSpace();
        } else if (metric.isEmpty()) {
            return unexpected();
        }
        if (!atEnd())
            return unexpected();
        if (!metric.isEmpty()) {
            for (const LabelMatcher &m : *out) {
                if (m.name() == "__name__")
                    return fail(0,
                                QStringLiteral("metric name must not be set twice: %1 or %2")
                                    .arg(QString::fromUtf8(metric), QString::fromUtf8(m.value())));
            }
            out->insert(out->begin(),
                        *LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", metric));
        }
        // Prometheus refuses selectors that would match every series.
        const bool allEmpty = std::all_of(out->begin(), out->end(),
                                          [](const LabelMatcher &m) { return m.matches(""); });
        if (allEmpty)
            return fail(0, QStringLiteral("vector selector must contain at least one non-empty "
                                          "matcher"));
        return VectorSelector{};
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return m_text.at(m_pos); }
    void skipSpace() {
        while (!atEnd() && peek().isSpace())
            ++m_pos;
    }
    std::nullopt_t fail(qsizetype pos, const QString &message) {
        if (m_error)
            *m_error = QStringLiteral("1:%1: parse error: %2").arg(pos + 1).arg(message);
        return std::nullopt;
    }
    std::nullopt_t unexpected() {
        if (atEnd())
            return fail(m_pos, QStringLiteral("unexpected end of input"));
        return fail(m_pos, QStringLiteral("unexpected character %1: the lab's query API answers "
                                          "only vector selectors such as up{job=\"node\"}")
                               .arg(QLatin1Char('"') + peek() + QLatin1Char('"')));
    }

    bool readMatchers(std::vector<LabelMatcher> *out) {
        while (true) {
            skipSpace();
            if (atEnd()) {
                fail(m_pos, QStringLiteral("unexpected end of input inside braces"));
                return false;
            }
            if (peek() == QLatin1Char('}')) {
                ++m_pos;
                return true;
            }
            if (!isNameStart(peek(), false)) {
                fail(m_pos, QStringLiteral("unexpected character inside braces: %1")
                                .arg(QLatin1Char('"') + peek() + QLatin1Char('"')));
                return false;
            }
            const qsizetype nameStart = m_pos;
            while (!atEnd() && isNameChar(peek(), false))
                ++m_pos;
            const QByteArray name = m_text.mid(nameStart, m_pos - nameStart).toUtf8();
            skipSpace();
            const qsizetype opPos = m_pos;
            LabelMatcher::Op op;
            const QStringView rest = QStringView(m_text).mid(m_pos);
            if (rest.startsWith(QLatin1String("=~"))) {
                op = LabelMatcher::Op::RegexMatch;
                m_pos += 2;
            } else if (rest.startsWith(QLatin1String("!~"))) {
                op = LabelMatcher::Op::RegexNoMatch;
                m_pos += 2;
            } else if (rest.startsWith(QLatin1String("!="))) {
                op = LabelMatcher::Op::NotEqual;
                m_pos += 2;
            } else if (rest.startsWith(QLatin1String("="))) {
                op = LabelMatcher::Op::Equal;
                m_pos += 1;
            } else {
                fail(opPos, atEnd() ? QStringLiteral("unexpected end of input inside braces")
                                    : QStringLiteral("unexpected %1 in label matching, expected "
                                                     "label matching operator")
                                          .arg(QLatin1Char('"') + peek() + QLatin1Char('"')));
                return false;
            }
            skipSpace();
            QString value;
            if (!readString(&value))
                return false;
            QString regexError;
            auto matcher = LabelMatcher::create(op, name, value.toUtf8(), &regexError);
            if (!matcher) {
                fail(opPos, regexError);
                return false;
            }
            out->push_back(std::move(*matcher));
            skipSpace();
            if (!atEnd() && peek() == QLatin1Char(',')) {
                ++m_pos;
                continue;
            }
            if (!atEnd() && peek() == QLatin1Char('}'))
                continue;
            fail(m_pos, atEnd() ? QStringLiteral("unexpected end of input inside braces")
                                : QStringLiteral("unexpected %1 in label matching, expected "
                                                 "\",\" or \"}\"")
                                      .arg(QLatin1Char('"') + peek() + QLatin1Char('"')));
            return false;
        }
    }

    bool readString(QString *out) {
        if (atEnd() || (peek() != QLatin1Char('"') && peek() != QLatin1Char('\'') &&
                        peek() != QLatin1Char('`'))) {
            fail(m_pos, QStringLiteral("unexpected %1 in label matching, expected string")
                            .arg(atEnd() ? QStringLiteral("end of input")
                                         : QLatin1Char('"') + peek() + QLatin1Char('"')));
            return false;
        }
        const QChar quote = peek();
        const qsizetype start = m_pos++;
        while (!atEnd()) {
            const QChar c = peek();
            ++m_pos;
            if (c == quote)
                return true;
            // Bytes that were not UTF-8 arrive as U+FFFD; Prometheus's lexer refuses that
            // rune, written or decoded, pointing at the string's start.
            if (c == QChar::ReplacementCharacter) {
                fail(start, QStringLiteral("invalid UTF-8 rune"));
                return false;
            }
            if (c == QLatin1Char('\\') && quote != QLatin1Char('`')) {
                if (atEnd())
                    break;
                const QChar e = peek();
                ++m_pos;
                switch (e.unicode()) {
                case 'n':
                    out->append(QLatin1Char('\n'));
                    break;
                case 't':
                    out->append(QLatin1Char('\t'));
                    break;
                case 'r':
                    out->append(QLatin1Char('\r'));
                    break;
                case '\\':
                    out->append(QLatin1Char('\\'));
                    break;
                case '"':
                    out->append(QLatin1Char('"'));
                    break;
                case '\'':
                    out->append(QLatin1Char('\''));
                    break;
                default:
                    fail(m_pos - 2, QStringLiteral("unknown escape sequence %1").arg(e));
                    return false;
                }
                continue;
            }
            out->append(c);
        }
        fail(start, QStringLiteral("unterminated quoted string %1").arg(quote));
        return false;
    }

    const QString &m_text;
    qsizetype m_pos = 0;
    QString *m_error = nullptr;
};

std::optional<StoredSample> latestAt(const std::vector<StoredSample> &samples, size_t &cursor,
                                     qint64 atMs, qint64 lookbackMs) {
    // samples are in time order; cursor only moves forward as atMs grows.
    while (cursor < samples.size() && samples[cursor].timestampMs <= atMs)
        ++cursor;
    if (cursor == 0)
        return std::nullopt;
    const StoredSample &s = samples[cursor - 1];
    if (s.timestampMs < atMs - lookbackMs || isStaleMarker(s.value))
        return std::nullopt;
    return s;
}

} // namespace

std::optional<VectorSelector> VectorSelector::parse(const QString &text, QString *error) {
    VectorSelector selector;
    Reader reader(text);
    if (!reader.parse(&selector.m_matchers, error))
        return std::nullopt;
    return selector;
}

std::vector<VectorSelector::Point> VectorSelector::evaluate(const SeriesStore &store, qint64 atMs,
                                                            qint64 lookbackMs) const {
    std::vector<Point> out;
    for (SeriesStore::SeriesId id : store.select(m_matchers)) {
        const auto samples = store.samples(id, atMs - lookbackMs, atMs);
        size_t cursor = 0;
        if (auto s = latestAt(samples, cursor, atMs, lookbackMs))
            out.push_back(Point{id, *s});
    }
    std::sort(out.begin(), out.end(), [&store](const Point &a, const Point &b) {
        return store.labels(a.series) < store.labels(b.series);
    });
    return out;
}

std::vector<VectorSelector::Range> VectorSelector::evaluateRange(const SeriesStore &store,
                                                                 qint64 startMs, qint64 endMs,
                                                                 qint64 stepMs,
                                                                 qint64 lookbackMs) const {
    std::vector<Range> out;
    for (SeriesStore::SeriesId id : store.select(m_matchers)) {
        const auto samples = store.samples(id, startMs - lookbackMs, endMs);
        Range range{id, {}};
        size_t cursor = 0;
        for (qint64 t = startMs; t <= endMs; t += stepMs) {
            if (auto s = latestAt(samples, cursor, t, lookbackMs))
                range.points.push_back(StoredSample{t, s->value});
        }
        if (!range.points.empty())
            out.push_back(std::move(range));
    }
    std::sort(out.begin(), out.end(), [&store](const Range &a, const Range &b) {
        return store.labels(a.series) < store.labels(b.series);
    });
    return out;
}

namespace {

// expr := term (('+'|'-') term)*; term := factor (('*'|'/'|'%') factor)*;
// factor := ('+'|'-') factor | number | '(' expr ')'
// Each '(' and each unary sign is one level of recursion; past MaxScalarNesting the reader
// stops instead of running off the stack (25,000 '(' crashed the lab).
class ScalarReader {
public:
    explicit ScalarReader(const QString &text)
        : m_text(text) {}
    std::optional<double> parse(QString *error) {
        auto v = expr();
        if (m_tooDeepAt >= 0) {
            if (error)
                *error = QStringLiteral("1:%1: parse error: expression nested deeper than %2 "
                                        "levels")
                             .arg(m_tooDeepAt + 1)
                             .arg(MaxScalarNesting);
            return std::nullopt;
        }
        skipSpace();
        if (!v || m_pos != m_text.size())
            return std::nullopt;
        return v;
    }

private:
    void skipSpace() {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
    }
    bool take(QChar c) {
        skipSpace();
        if (m_pos < m_text.size() && m_text.at(m_pos) == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    std::optional<double> expr() {
        auto v = term();
        while (v) {
            if (take(QLatin1Char('+'))) {
                const auto r = term();
                v = r ? std::optional<double>(*v + *r) : std::nullopt;
            } else if (take(QLatin1Char('-'))) {
                const auto r = term();
                v = r ? std::optional<double>(*v - *r) : std::nullopt;
            } else {
                break;
            }
        }
        return v;
    }
    std::optional<double> term() {
        auto v = factor();
        while (v) {
            if (take(QLatin1Char('*'))) {
                const auto r = factor();
                v = r ? std::optional<double>(*v * *r) : std::nullopt;
            } else if (take(QLatin1Char('/'))) {
                const auto r = factor();
                v = r ? std::optional<double>(*v / *r) : std::nullopt;
            } else if (take(QLatin1Char('%'))) {
                const auto r = factor();
                v = r ? std::optional<double>(std::fmod(*v, *r)) : std::nullopt;
            } else {
                break;
            }
        }
        return v;
    }
    std::optional<double> factor() {
        // Leaving through any path gives the level back.
        struct Level {
            int &depth;
            ~Level() { --depth; }
        } level{++m_depth};
        // The outermost factor is level 0; each '(' or sign around it adds one.
        if (m_depth > MaxScalarNesting + 1) {
            if (m_tooDeepAt < 0)
                m_tooDeepAt = m_pos;
            return std::nullopt;
        }
        if (take(QLatin1Char('-'))) {
            const auto v = factor();
            return v ? std::optional<double>(-*v) : std::nullopt;
        }
        if (take(QLatin1Char('+')))
            return factor();
        if (take(QLatin1Char('('))) {
            const auto v = expr();
            if (!v || !take(QLatin1Char(')')))
                return std::nullopt;
            return v;
        }
        skipSpace();
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() &&
               (m_text.at(m_pos).isDigit() || m_text.at(m_pos) == QLatin1Char('.') ||
                m_text.at(m_pos) == QLatin1Char('e') || m_text.at(m_pos) == QLatin1Char('E') ||
                ((m_text.at(m_pos) == QLatin1Char('+') || m_text.at(m_pos) == QLatin1Char('-')) &&
                 m_pos > start &&
                 (m_text.at(m_pos - 1) == QLatin1Char('e') ||
                  m_text.at(m_pos - 1) == QLatin1Char('E')))))
            ++m_pos;
        bool ok = false;
        const double v = m_text.mid(start, m_pos - start).toDouble(&ok);
        if (!ok)
            return std::nullopt;
        return v;
    }

    const QString &m_text;
    qsizetype m_pos = 0;
    int m_depth = 0;
    qsizetype m_tooDeepAt = -1;
};

} // namespace

std::optional<double> evaluateScalarExpression(const QString &text, QString *error) {
    return ScalarReader(text).parse(error);
}

} // namespace ppl::api
