#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace ppl {

// PromQL colouring for the Query dock's editor, from the lab's own lexer (core/query), so the
// colours follow the language exactly: metric names, functions (an identifier before "("),
// aggregations and keywords (bold), label names inside braces, strings, numbers and
// durations, operators and comments (italic). Line by line; text after a lexing error stays
// plain (the parse error below the editor says what is wrong).
class PromqlHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    enum class Role { Metric, Function, Keyword, Label, String, Number, Operator, Comment };

    explicit PromqlHighlighter(QTextDocument *document);

    QTextCharFormat format(Role role) const; // tests compare against it

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_formats[8];
};

} // namespace ppl
