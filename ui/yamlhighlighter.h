#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace ppl {

// YAML colouring for the Server config editor: keys, list dashes, quoted strings, numbers
// and durations, comments. Line by line, as a prometheus.yml needs no multi-line state.
// Keys are also bold and comments italic, so the colouring is not the only cue.
class YamlHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit YamlHighlighter(QTextDocument *document);

    // The format given to keys (tests look for it).
    QTextCharFormat keyFormat() const { return m_key; }

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_dash;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_comment;
};

} // namespace ppl
