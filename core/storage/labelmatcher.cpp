#include "labelmatcher.h"

#include <QCoreApplication>

namespace ppl {

std::optional<LabelMatcher> LabelMatcher::create(Op op, QByteArray name, QByteArray value,
                                                 QString *error) {
    LabelMatcher m;
    m.m_op = op;
    m.m_name = std::move(name);
    m.m_value = std::move(value);
    if (op == Op::RegexMatch || op == Op::RegexNoMatch) {
        // Prometheus compiles "^(?:re)$" with Go's RE2, where $ is the end of the text. In
        // PCRE $ also matches before a final newline, so anchor with \A…\z instead.
        m.m_regex.setPattern(QRegularExpression::anchoredPattern(QString::fromUtf8(m.m_value)));
        if (!m.m_regex.isValid()) {
            if (error) {
                *error = QCoreApplication::translate("ppl::LabelMatcher",
                                                     "invalid regular expression \"%1\": %2")
                             .arg(QString::fromUtf8(m.m_value), m.m_regex.errorString());
            }
            return std::nullopt;
        }
        m.m_regex.optimize();
    }
    m.m_matchesEmpty = m.matches(QByteArrayView());
    return m;
}

bool LabelMatcher::matches(QByteArrayView value) const {
    switch (m_op) {
    case Op::Equal:
        return value == m_value;
    case Op::NotEqual:
        return value != m_value;
    case Op::RegexMatch:
        return m_regex.match(QString::fromUtf8(value)).hasMatch();
    case Op::RegexNoMatch:
        return !m_regex.match(QString::fromUtf8(value)).hasMatch();
    }
    return false;
}

QString LabelMatcher::toString(QByteArrayView name, Op op, QByteArrayView value) {
    static const char *const ops[] = {"=", "!=", "=~", "!~"};
    QByteArray out = name.toByteArray();
    out += ops[int(op)];
    out += '"';
    for (char c : value) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    out += '"';
    return QString::fromUtf8(out);
}

} // namespace ppl
