#include "yamlhighlighter.h"

#include <QRegularExpression>

namespace ppl {

YamlHighlighter::YamlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document) {
    m_key.setForeground(QColor(0x1f, 0x4e, 0x99));
    m_key.setFontWeight(QFont::Bold);
    m_dash.setForeground(QColor(0x8a, 0x4b, 0x08));
    m_dash.setFontWeight(QFont::Bold);
    m_string.setForeground(QColor(0x1b, 0x7a, 0x2e));
    m_number.setForeground(QColor(0x8e, 0x24, 0xaa));
    m_comment.setForeground(QColor(0x6a, 0x6a, 0x6a));
    m_comment.setFontItalic(true);
}

void YamlHighlighter::highlightBlock(const QString &text) {
    // The comment starts at a "#" outside quotes that opens the line or follows a space.
    qsizetype commentAt = -1;
    QChar quote;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
        } else if (c == QLatin1Char('#') && (i == 0 || text[i - 1].isSpace())) {
            commentAt = i;
            break;
        }
    }
    const QString code = commentAt >= 0 ? text.left(commentAt) : text;

    static const QRegularExpression dash(QStringLiteral("^\\s*(-)(?=\\s|$)"));
    static const QRegularExpression dashes(QStringLiteral("(?:^|\\s)(-)(?=\\s)"));
    static const QRegularExpression key(
        QStringLiteral("^(\\s*(?:-\\s+)*)([A-Za-z0-9_.\\-/]+|'[^']*'|\"[^\"]*\")\\s*:(?=\\s|$)"));
    static const QRegularExpression quoted(QStringLiteral("'[^']*'|\"(?:[^\"\\\\]|\\\\.)*\""));
    static const QRegularExpression number(
        QStringLiteral("(?<![\\w.:/-])(?:\\d+(?:\\.\\d+)?(?:ms|[smhdwy])?)+(?![\\w.:/-])"));

    for (auto it = number.globalMatch(code); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), m_number);
    }
    for (auto it = quoted.globalMatch(code); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), m_string);
    }
    for (auto it = dashes.globalMatch(code); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart(1)), 1, m_dash);
    }
    if (const auto m = dash.match(code); m.hasMatch())
        setFormat(int(m.capturedStart(1)), 1, m_dash);
    if (const auto m = key.match(code); m.hasMatch())
        setFormat(int(m.capturedStart(2)), int(m.capturedLength(2)), m_key);
    if (commentAt >= 0)
        setFormat(int(commentAt), int(text.size() - commentAt), m_comment);
}

} // namespace ppl
