#pragma once

#include "templatevalue.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <set>
#include <vector>

// The syntax tree of Go's text/template as the lab's RuleTemplate reads it, and its parser
// (text/template/parse: trim markers, comments, pipelines, variables and their scopes,
// if / else if / else / with / range / end, and its error words).
namespace ppl::rules::tmpl {

// --- errors -------------------------------------------------------------------------------

struct ParseFailure {
    int pos;
    QString message;
};
// Any other execution error, at a node.
struct ExecFailure {
    int pos;
    QString node;
    QString message;
};

// --- syntax tree --------------------------------------------------------------------------

struct Pipe;

struct Arg {
    enum class Kind { Dot, Field, Variable, Ident, String, Number, Bool, Nil, Pipe };
    Kind kind = Kind::Dot;
    int pos = 0;
    QByteArray text;                // as written (for String(): strings, numbers, names)
    QByteArray name;                // variable name ($x), identifier, or decoded string
    std::vector<QByteArray> fields; // field chain after the term
    Value constant;                 // String, Number, Bool
    std::shared_ptr<Pipe> pipe;     // parenthesized pipeline
    QString toString() const;
};

struct Command {
    int pos = 0;
    std::vector<Arg> args;
    QString toString() const {
        QStringList parts;
        for (const Arg &a : args)
            parts << a.toString();
        return parts.join(u' ');
    }
};

struct Pipe {
    int pos = 0;
    std::vector<QByteArray> decl;
    bool assign = false; // `=` rather than `:=`
    std::vector<Command> cmds;
    QString toString() const {
        QString out;
        if (!decl.empty()) {
            QStringList names;
            for (const QByteArray &d : decl)
                names << QString::fromUtf8(d);
            out = names.join(QStringLiteral(", ")) +
                  (assign ? QStringLiteral(" = ") : QStringLiteral(" := "));
        }
        QStringList parts;
        for (const Command &c : cmds)
            parts << c.toString();
        return out + parts.join(QStringLiteral(" | "));
    }
};

inline QString Arg::toString() const {
    QString out;
    switch (kind) {
    case Kind::Dot:
        return QStringLiteral(".");
    case Kind::Field:
        break;
    case Kind::Variable:
    case Kind::Ident:
        out = QString::fromUtf8(name);
        break;
    case Kind::String:
    case Kind::Number:
    case Kind::Bool:
        return QString::fromUtf8(text);
    case Kind::Nil:
        return QStringLiteral("nil");
    case Kind::Pipe:
        out = u'(' + pipe->toString() + u')';
        break;
    }
    for (const QByteArray &f : fields)
        out += u'.' + QString::fromUtf8(f);
    return out;
}

struct Node {
    enum class Kind { Text, Action, If, With, Range };
    Kind kind = Kind::Text;
    QByteArray text;
    Pipe pipe;
    std::vector<Node> list;
    std::vector<Node> elseList;
};

// The functions a template may call: Go's builtins and Prometheus's funcMap.
const std::set<QByteArray> &knownFunctions();
bool isAlnum(char c);
// The tree of text (throws ParseFailure at the byte where parsing failed).
std::vector<Node> parseTemplate(const QByteArray &text);

} // namespace ppl::rules::tmpl
