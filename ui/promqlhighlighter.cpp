#include "promqlhighlighter.h"

#include "query/functions.h"
#include "query/lexer.h"

#include <algorithm>

namespace ppl {

PromqlHighlighter::PromqlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document) {
    auto set = [this](Role r, QColor c, bool bold = false, bool italic = false) {
        QTextCharFormat &f = m_formats[int(r)];
        f.setForeground(c);
        if (bold)
            f.setFontWeight(QFont::Bold);
        f.setFontItalic(italic);
    };
    set(Role::Metric, QColor(0x1f, 0x4e, 0x99));
    set(Role::Function, QColor(0x8a, 0x4b, 0x08), true);
    set(Role::Keyword, QColor(0x8e, 0x24, 0xaa), true);
    set(Role::Label, QColor(0x00, 0x6d, 0x77));
    set(Role::String, QColor(0x1b, 0x7a, 0x2e));
    set(Role::Number, QColor(0xb0, 0x3a, 0x2e));
    set(Role::Operator, QColor(0x40, 0x40, 0x40), true);
    set(Role::Comment, QColor(0x6a, 0x6a, 0x6a), false, true);
}

QTextCharFormat PromqlHighlighter::format(Role role) const {
    return m_formats[int(role)];
}

void PromqlHighlighter::highlightBlock(const QString &text) {
    const QByteArray utf8 = text.toUtf8();
    // Byte offsets (the lexer's) to QString positions.
    std::vector<int> charAt(size_t(utf8.size()) + 1, int(text.size()));
    for (int i = 0, b = 0; i < text.size(); ++i) {
        const int len = text.mid(i, text[i].isHighSurrogate() ? 2 : 1).toUtf8().size();
        for (int k = 0; k < len && b + k < utf8.size(); ++k)
            charAt[size_t(b + k)] = i;
        b += len;
        if (text[i].isHighSurrogate())
            ++i;
    }
    auto apply = [&](int fromByte, int toByte, Role role) {
        const int from = charAt[size_t(std::clamp<int>(fromByte, 0, int(utf8.size())))];
        const int to = charAt[size_t(std::clamp<int>(toByte, 0, int(utf8.size())))];
        if (to > from)
            setFormat(from, to - from, m_formats[int(role)]);
    };

    const std::vector<query::Token> tokens = query::lex(utf8);
    int braceDepth = 0;
    bool grouping = false; // inside by (…), without (…), on (…), group_left (…), …
    int covered = 0; // bytes up to here belong to tokens (comments are what the lexer skipped)
    for (size_t i = 0; i < tokens.size(); ++i) {
        const query::Token &t = tokens[i];
        // A '#' between the previous token and this one starts a comment to the line's end.
        const int hash = int(utf8.indexOf('#', covered));
        if (hash >= 0 && hash < t.pos && t.type != query::Tok::Eof) {
            apply(hash, int(utf8.size()), Role::Comment);
            return;
        }
        const int end = t.pos + int(t.val.size());
        using query::Tok;
        switch (t.type) {
        case Tok::Eof:
            if (hash >= 0)
                apply(hash, int(utf8.size()), Role::Comment);
            return;
        case Tok::Error:
            return;
        case Tok::LeftParen:
            if (i > 0) {
                const Tok prev = tokens[i - 1].type;
                grouping = prev == Tok::By || prev == Tok::Without || prev == Tok::On ||
                           prev == Tok::Ignoring || prev == Tok::GroupLeft ||
                           prev == Tok::GroupRight;
            }
            break;
        case Tok::RightParen:
            grouping = false;
            break;
        case Tok::LeftBrace:
            ++braceDepth;
            break;
        case Tok::RightBrace:
            braceDepth = std::max(0, braceDepth - 1);
            break;
        case Tok::Identifier:
        case Tok::MetricIdentifier: {
            const bool call = i + 1 < tokens.size() && tokens[i + 1].type == Tok::LeftParen;
            if (braceDepth > 0 || grouping)
                apply(t.pos, end, Role::Label);
            else if (call && query::findFunction(t.val))
                apply(t.pos, end, Role::Function);
            else
                apply(t.pos, end, Role::Metric);
            break;
        }
        case Tok::String:
            apply(t.pos, end, Role::String);
            break;
        case Tok::Number:
        case Tok::Duration:
            apply(t.pos, end, Role::Number);
            break;
        case Tok::Start:
        case Tok::End:
            apply(t.pos, end, Role::Function);
            break;
        default:
            if (query::isAggregator(t.type) || query::isKeyword(t.type) || t.type == Tok::LAnd ||
                t.type == Tok::LOr || t.type == Tok::LUnless || t.type == Tok::Atan2)
                apply(t.pos, end, Role::Keyword);
            else if (query::isOperator(t.type) || t.type == Tok::At)
                apply(t.pos, end, Role::Operator);
            break;
        }
        covered = std::max(covered, end);
    }
}

} // namespace ppl
