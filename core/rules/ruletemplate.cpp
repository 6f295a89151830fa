#include "ruletemplate.h"

#include "templateparser.h"
#include "templatevalue.h"
#include "util/promduration.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace ppl::rules {

using namespace tmpl;

namespace {

// net.ParseIP's verdict, near enough: dotted IPv4, or an IPv6 literal (hex digits, colons,
// maybe an embedded IPv4).
bool isIpAddress(const QByteArray &host) {
    if (host.contains(':')) {
        for (const char ch : host)
            if (!(std::isxdigit(uchar(ch)) || ch == ':' || ch == '.'))
                return false;
        return true;
    }
    const QList<QByteArray> parts = host.split('.');
    if (parts.size() != 4)
        return false;
    for (const QByteArray &p : parts) {
        bool ok = false;
        if (p.isEmpty() || p.size() > 3 || p.toUInt(&ok) > 255 || !ok)
            return false;
    }
    return true;
}

class Executor {
public:
    Executor(const QByteArray &text, const QByteArray &name, const RuleTemplate::Data &data,
             const RuleTemplate::QueryFunc &query)
        : m_text(text)
        , m_name(name)
        , m_query(query) {
        m_root.kind = Value::Kind::Root;
        m_data = &data;
        m_vars.push_back({"$", m_root});
    }

    void run(const std::vector<Node> &list) { walk(list, m_root); }
    QByteArray out;

    QString where(int pos) const {
        const QByteArray before = m_text.left(pos);
        const qsizetype nl = before.lastIndexOf('\n');
        const int col = nl < 0 ? pos : int(pos - (nl + 1));
        return QStringLiteral("%1:%2:%3")
            .arg(QString::fromUtf8(m_name))
            .arg(before.count('\n') + 1)
            .arg(col);
    }

private:
    void walk(const std::vector<Node> &list, const Value &dot) {
        for (const Node &n : list) {
            switch (n.kind) {
            case Node::Kind::Text:
                out += n.text;
                break;
            case Node::Kind::Action: {
                const Value v = evalPipe(n.pipe, dot);
                if (n.pipe.decl.empty())
                    out += printValue(v);
                break;
            }
            case Node::Kind::If:
            case Node::Kind::With: {
                const size_t mark = m_vars.size();
                const Value v = evalPipe(n.pipe, dot);
                if (truth(v))
                    walk(n.list, n.kind == Node::Kind::With ? v : dot);
                else
                    walk(n.elseList, dot);
                m_vars.resize(mark);
                break;
            }
            case Node::Kind::Range:
                walkRange(n, dot);
                break;
            }
        }
    }

    void walkRange(const Node &n, const Value &dot) {
        const size_t mark = m_vars.size();
        Pipe pipe = n.pipe;
        const std::vector<QByteArray> decl = pipe.decl;
        pipe.decl.clear();
        const Value v = evalPipe(pipe, dot);
        auto iteration = [&](const Value &key, const Value &elem) {
            if (decl.size() == 1)
                m_vars.push_back({decl[0], elem});
            else if (decl.size() == 2) {
                m_vars.push_back({decl[0], key});
                m_vars.push_back({decl[1], elem});
            }
            walk(n.list, elem);
            m_vars.resize(mark);
        };
        bool any = false;
        if (v.kind == Value::Kind::Vector) {
            for (size_t i = 0; i < v.vector->size(); ++i) {
                any = true;
                iteration(Value::ofInt(qint64(i)), Value::ofSample((*v.vector)[i]));
            }
        } else if (v.kind == Value::Kind::Map) {
            for (const auto &[k, e] : *v.map) {
                any = true;
                iteration(Value::ofString(k), Value::ofString(e));
            }
        } else if (v.kind == Value::Kind::Int) {
            for (qint64 i = 0; i < v.i; ++i) {
                any = true;
                iteration(Value::ofInt(i), Value::ofInt(i));
            }
        } else if (v.kind != Value::Kind::Invalid && v.kind != Value::Kind::Nil) {
            throw ExecFailure{n.pipe.pos, n.pipe.toString(),
                              QStringLiteral("range can't iterate over %1")
                                  .arg(QString::fromUtf8(printValue(v)))};
        }
        if (!any)
            walk(n.elseList, dot);
        m_vars.resize(mark);
    }

    Value evalPipe(const Pipe &p, const Value &dot) {
        Value v;
        bool haveFinal = false;
        for (const Command &c : p.cmds) {
            v = evalCommand(c, dot, haveFinal ? &v : nullptr);
            haveFinal = true;
        }
        for (const QByteArray &d : p.decl) {
            if (p.assign) {
                for (auto it = m_vars.rbegin(); it != m_vars.rend(); ++it)
                    if (it->first == d) {
                        it->second = v;
                        break;
                    }
            } else {
                m_vars.push_back({d, v});
            }
        }
        return v;
    }

    Value evalCommand(const Command &c, const Value &dot, const Value *final) {
        const Arg &first = c.args[0];
        if (first.kind == Arg::Kind::Ident) {
            std::vector<Value> args;
            for (size_t i = 1; i < c.args.size(); ++i)
                args.push_back(evalArg(c.args[i], dot));
            if (final)
                args.push_back(*final);
            try {
                return call(first.name, args, c);
            } catch (const CallFailure &f) {
                throw ExecFailure{c.pos, c.toString(),
                                  QStringLiteral("error calling %1: %2")
                                      .arg(QString::fromUtf8(first.name), f.message)};
            }
        }
        if (c.args.size() > 1 || final) {
            if (first.kind == Arg::Kind::Field || first.kind == Arg::Kind::Variable)
                throw ExecFailure{
                    first.pos, first.toString(),
                    QStringLiteral("can't give argument to non-function %1").arg(first.toString())};
            throw ExecFailure{
                first.pos, first.toString(),
                QStringLiteral("can't give argument to non-function %1").arg(first.toString())};
        }
        return evalArg(first, dot);
    }

    Value evalArg(const Arg &a, const Value &dot) {
        Value v;
        switch (a.kind) {
        case Arg::Kind::Dot:
        case Arg::Kind::Field:
            v = dot;
            break;
        case Arg::Kind::Variable:
            for (auto it = m_vars.rbegin(); it != m_vars.rend(); ++it)
                if (it->first == a.name) {
                    v = it->second;
                    break;
                }
            break;
        case Arg::Kind::Ident: {
            try {
                v = call(a.name, {}, Command{a.pos, {a}});
            } catch (const CallFailure &f) {
                throw ExecFailure{a.pos, a.toString(),
                                  QStringLiteral("error calling %1: %2")
                                      .arg(QString::fromUtf8(a.name), f.message)};
            }
            break;
        }
        case Arg::Kind::Pipe:
            v = evalPipe(*a.pipe, dot);
            break;
        default:
            return a.constant;
        }
        for (const QByteArray &f : a.fields)
            v = field(v, f, a);
        return v;
    }

    Value field(const Value &receiver, const QByteArray &name, const Arg &at) {
        switch (receiver.kind) {
        case Value::Kind::Invalid:
            return {};
        case Value::Kind::Root:
            if (name == "Labels")
                return Value::ofMap(m_data->labels);
            if (name == "ExternalLabels")
                return Value::ofMap(m_data->externalLabels);
            if (name == "ExternalURL")
                return Value::ofString(m_data->externalUrl);
            if (name == "Value")
                return Value::ofFloat(m_data->value);
            break;
        case Value::Kind::Map: {
            const auto it = receiver.map->find(name);
            // Prometheus expands alert templates with missingkey=zero: a missing label is "".
            return Value::ofString(it == receiver.map->end() ? QByteArray() : it->second);
        }
        case Value::Kind::Sample:
            if (name == "Labels")
                return Value::ofMap(receiver.sample->labels);
            if (name == "Value")
                return Value::ofFloat(receiver.sample->value);
            break;
        case Value::Kind::Nil:
            throw ExecFailure{at.pos, at.toString(),
                              QStringLiteral("nil pointer evaluating interface {}.%1")
                                  .arg(QString::fromUtf8(name))};
        default:
            break;
        }
        throw ExecFailure{at.pos, at.toString(),
                          QStringLiteral("can't evaluate field %1 in type %2")
                              .arg(QString::fromUtf8(name), QString::fromUtf8(typeName(receiver)))};
    }

    static void wantArgs(const QByteArray &name, const std::vector<Value> &args, size_t n,
                         const Command &c) {
        if (args.size() != n)
            throw ExecFailure{c.pos, c.toString(),
                              QStringLiteral("wrong number of args for %1: want %2 got %3")
                                  .arg(QString::fromUtf8(name))
                                  .arg(n)
                                  .arg(args.size())};
    }
    static void wantKind(const Value &v, Value::Kind kind, const char *goType, const Command &c) {
        if (v.kind != kind)
            throw ExecFailure{c.pos, c.toString(),
                              QStringLiteral("wrong type for value; expected %1; got %2")
                                  .arg(QLatin1String(goType), QString::fromUtf8(typeName(v)))};
    }

    // Go's eq/lt/…: basic kinds only, int and float do not mix.
    static int compare(const Value &a, const Value &b, bool orderOnly) {
        auto basic = [](const Value &v) {
            return v.kind == Value::Kind::Bool || v.kind == Value::Kind::Int ||
                   v.kind == Value::Kind::Float || v.kind == Value::Kind::String;
        };
        if (!basic(a) || !basic(b))
            throw CallFailure{QStringLiteral("invalid type for comparison")};
        if (a.kind != b.kind)
            throw CallFailure{QStringLiteral("incompatible types for comparison")};
        switch (a.kind) {
        case Value::Kind::Bool:
            if (orderOnly)
                throw CallFailure{QStringLiteral("invalid type for comparison")};
            return a.b == b.b ? 0 : 1;
        case Value::Kind::Int:
            return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
        case Value::Kind::Float:
            return a.f < b.f ? -1 : a.f > b.f ? 1 : a.f == b.f ? 0 : 2;
        default:
            return a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
        }
    }

    Value call(const QByteArray &name, const std::vector<Value> &args, const Command &command) {
        // Argument count and type errors are reported at the function's name, as Go's
        // evalFunction does; "error calling" at the whole command (see evalCommand).
        const Command c{command.pos, {command.args.front()}};
        auto str = [&](size_t i) {
            wantKind(args[i], Value::Kind::String, "string", c);
            return args[i].s;
        };
        auto sample = [&](size_t i) {
            if (args[i].kind == Value::Kind::Nil)
                throw ExecFailure{c.pos, c.toString(),
                                  QStringLiteral("invalid memory address or nil pointer "
                                                 "dereference")};
            wantKind(args[i], Value::Kind::Sample, "*template.sample", c);
            return args[i].sample;
        };
        if (name == "humanize" || name == "humanize1024" || name == "humanizeDuration" ||
            name == "humanizePercentage") {
            wantArgs(name, args, 1, c);
            const double v = toFloat(args[0]);
            if (name == "humanize")
                return Value::ofString(humanize(v));
            if (name == "humanize1024")
                return Value::ofString(humanize1024(v));
            if (name == "humanizeDuration")
                return Value::ofString(humanizeDuration(v));
            return Value::ofString(RuleTemplate::formatGoFloat(v * 100, 4) + '%');
        }
        if (name == "humanizeTimestamp") {
            wantArgs(name, args, 1, c);
            const double v = toFloat(args[0]);
            if (std::isnan(v) || std::isinf(v))
                return Value::ofString(RuleTemplate::formatGoFloat(v, 4));
            const QDateTime t = QDateTime::fromMSecsSinceEpoch(qint64(v * 1000), Qt::UTC);
            QByteArray s = t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")).toUtf8();
            while (s.endsWith('0'))
                s.chop(1);
            if (s.endsWith('.'))
                s.chop(1);
            return Value::ofString(s + " +0000 UTC");
        }
        if (name == "printf") {
            if (args.empty())
                throw ExecFailure{c.pos, c.toString(),
                                  QStringLiteral("wrong number of args for printf: want at "
                                                 "least 1 got 0")};
            const QByteArray f = str(0);
            return Value::ofString(goSprintf(f, std::vector<Value>(args.begin() + 1, args.end())));
        }
        if (name == "print" || name == "println")
            return Value::ofString(sprint(args, name == "println"));
        if (name == "query") {
            wantArgs(name, args, 1, c);
            const QByteArray q = str(0);
            if (!m_query)
                throw CallFailure{QStringLiteral("no query function")};
            auto r = m_query(q);
            if (const QString *e = std::get_if<QString>(&r))
                throw CallFailure{*e};
            return Value::ofVector(std::get<std::vector<RuleTemplate::Sample>>(std::move(r)));
        }
        if (name == "first") {
            wantArgs(name, args, 1, c);
            wantKind(args[0], Value::Kind::Vector, "template.queryResult", c);
            if (args[0].vector->empty())
                throw CallFailure{QStringLiteral("first() called on vector with no elements")};
            return Value::ofSample(args[0].vector->front());
        }
        if (name == "value") {
            wantArgs(name, args, 1, c);
            return Value::ofFloat(sample(0)->value);
        }
        if (name == "label") {
            wantArgs(name, args, 2, c);
            const QByteArray l = str(0);
            const auto s = sample(1);
            const auto it = s->labels.find(l);
            return Value::ofString(it == s->labels.end() ? QByteArray() : it->second);
        }
        if (name == "strvalue") {
            wantArgs(name, args, 1, c);
            const auto s = sample(0);
            const auto it = s->labels.find("__value__");
            return Value::ofString(it == s->labels.end() ? QByteArray() : it->second);
        }
        if (name == "sortByLabel") {
            wantArgs(name, args, 2, c);
            const QByteArray l = str(0);
            wantKind(args[1], Value::Kind::Vector, "template.queryResult", c);
            std::vector<RuleTemplate::Sample> v = *args[1].vector;
            std::stable_sort(v.begin(), v.end(), [&](const auto &a, const auto &b) {
                const auto ia = a.labels.find(l), ib = b.labels.find(l);
                return (ia == a.labels.end() ? QByteArray() : ia->second) <
                       (ib == b.labels.end() ? QByteArray() : ib->second);
            });
            return Value::ofVector(std::move(v));
        }
        if (name == "toUpper" || name == "toLower" || name == "title" || name == "safeHtml" ||
            name == "stripPort") {
            wantArgs(name, args, 1, c);
            QByteArray s = str(0);
            if (name == "toUpper")
                return Value::ofString(QString::fromUtf8(s).toUpper().toUtf8());
            if (name == "toLower")
                return Value::ofString(QString::fromUtf8(s).toLower().toUtf8());
            if (name == "title") {
                for (qsizetype i = 0; i < s.size(); ++i)
                    if ((i == 0 || !isAlnum(s[i - 1])) && s[i] >= 'a' && s[i] <= 'z')
                        s[i] = char(s[i] - 'a' + 'A');
                return Value::ofString(s);
            }
            if (name == "stripPort") {
                // net.SplitHostPort, else the input.
                if (s.startsWith('[')) {
                    const qsizetype end = s.indexOf("]:");
                    return Value::ofString(end > 0 ? s.mid(1, end - 1) : s);
                }
                const qsizetype colon = s.lastIndexOf(':');
                if (colon >= 0 && s.indexOf(':') == colon)
                    return Value::ofString(s.left(colon));
                return Value::ofString(s);
            }
            return Value::ofString(s);
        }
        if (name == "match" || name == "reReplaceAll") {
            wantArgs(name, args, name == "match" ? 2 : 3, c);
            const QRegularExpression re(QString::fromUtf8(str(0)));
            if (!re.isValid())
                throw CallFailure{QStringLiteral("error parsing regexp: %1").arg(re.errorString())};
            if (name == "match")
                return Value::ofBool(re.match(QString::fromUtf8(str(1))).hasMatch());
            // Go's ReplaceAllString: $1, ${1} and $name expand to the groups.
            const QString repl = QString::fromUtf8(str(1));
            const QString in = QString::fromUtf8(str(2));
            QString out;
            qsizetype last = 0;
            auto it = re.globalMatch(in);
            while (it.hasNext()) {
                const QRegularExpressionMatch m = it.next();
                out += in.mid(last, m.capturedStart() - last);
                for (qsizetype i = 0; i < repl.size(); ++i) {
                    if (repl[i] != u'$' || i + 1 >= repl.size()) {
                        out += repl[i];
                        continue;
                    }
                    if (repl[i + 1] == u'$') {
                        out += u'$';
                        ++i;
                        continue;
                    }
                    const bool braced = repl[i + 1] == u'{';
                    qsizetype j = i + (braced ? 2 : 1);
                    const qsizetype start = j;
                    while (j < repl.size() && (repl[j].isLetterOrNumber() || repl[j] == u'_'))
                        ++j;
                    const QString name = repl.mid(start, j - start);
                    if (braced && (j >= repl.size() || repl[j] != u'}')) {
                        out += repl[i];
                        continue;
                    }
                    bool isNumber = false;
                    const int n = name.toInt(&isNumber);
                    out += isNumber ? m.captured(n) : m.captured(name);
                    i = braced ? j : j - 1;
                }
                last = m.capturedEnd();
            }
            out += in.mid(last);
            return Value::ofString(out.toUtf8());
        }
        if (name == "externalURL") {
            wantArgs(name, args, 0, c);
            return Value::ofString(m_data->externalUrl);
        }
        if (name == "pathPrefix") {
            wantArgs(name, args, 0, c);
            return Value::ofString(QUrl(QString::fromUtf8(m_data->externalUrl)).path().toUtf8());
        }
        if (name == "not") {
            wantArgs(name, args, 1, c);
            return Value::ofBool(!truth(args[0]));
        }
        if (name == "and" || name == "or") {
            if (args.empty())
                throw ExecFailure{c.pos, c.toString(),
                                  QStringLiteral("wrong number of args for %1: want at least 1 "
                                                 "got 0")
                                      .arg(QString::fromUtf8(name))};
            for (const Value &v : args)
                if (truth(v) == (name == "or"))
                    return v;
            return args.back();
        }
        if (name == "len") {
            wantArgs(name, args, 1, c);
            const Value &v = args[0];
            if (v.kind == Value::Kind::String)
                return Value::ofInt(v.s.size());
            if (v.kind == Value::Kind::Map)
                return Value::ofInt(qint64(v.map->size()));
            if (v.kind == Value::Kind::Vector)
                return Value::ofInt(qint64(v.vector->size()));
            throw CallFailure{QStringLiteral("len of type %1").arg(QString::fromUtf8(typeName(v)))};
        }
        if (name == "index") {
            if (args.empty())
                throw CallFailure{QStringLiteral("index of untyped nil")};
            Value v = args[0];
            for (size_t i = 1; i < args.size(); ++i) {
                if (v.kind == Value::Kind::Map && args[i].kind == Value::Kind::String) {
                    const auto it = v.map->find(args[i].s);
                    v = Value::ofString(it == v.map->end() ? QByteArray() : it->second);
                } else if (v.kind == Value::Kind::Vector && args[i].kind == Value::Kind::Int) {
                    if (args[i].i < 0 || args[i].i >= qint64(v.vector->size()))
                        throw CallFailure{QStringLiteral("error calling index: index out of "
                                                         "range: %1")
                                              .arg(args[i].i)};
                    v = Value::ofSample((*v.vector)[size_t(args[i].i)]);
                } else {
                    throw CallFailure{QStringLiteral("can't index item of type %1")
                                          .arg(QString::fromUtf8(typeName(v)))};
                }
            }
            return v;
        }
        if (name == "eq" || name == "ne") {
            if (args.size() < 2)
                throw CallFailure{QStringLiteral("missing argument for comparison")};
            bool eq = false;
            for (size_t i = 1; i < args.size(); ++i)
                if (compare(args[0], args[i], false) == 0)
                    eq = true;
            if (name == "ne" && args.size() != 2)
                wantArgs(name, args, 2, c);
            return Value::ofBool(name == "eq" ? eq : !eq);
        }
        if (name == "lt" || name == "le" || name == "gt" || name == "ge") {
            wantArgs(name, args, 2, c);
            const int r = compare(args[0], args[1], true);
            if (name == "lt")
                return Value::ofBool(r == -1);
            if (name == "le")
                return Value::ofBool(r == -1 || r == 0);
            if (name == "gt")
                return Value::ofBool(r == 1);
            return Value::ofBool(r == 1 || r == 0);
        }
        if (name == "html" || name == "urlquery" || name == "js") {
            const QByteArray s = sprint(args, false);
            if (name == "urlquery")
                return Value::ofString(QUrl::toPercentEncoding(s).replace("%20", "+"));
            if (name == "html")
                return Value::ofString(
                    QString::fromUtf8(s).toHtmlEscaped().toUtf8().replace("&quot;", "&#34;"));
            QByteArray out;
            for (const char ch : s) {
                if (ch == '\\' || ch == '\'' || ch == '"')
                    out += QByteArray("\\") + ch;
                else if (ch == '<')
                    out += "\\u003C";
                else if (ch == '>')
                    out += "\\u003E";
                else
                    out += ch;
            }
            return Value::ofString(out);
        }
        if (name == "graphLink" || name == "tableLink") {
            // strutil.GraphLinkForExpression / TableLinkForExpression (url.QueryEscape).
            wantArgs(name, args, 1, c);
            return Value::ofString(
                "/graph?g0.expr=" + QUrl::toPercentEncoding(str(0)).replace("%20", "+") +
                (name == "graphLink" ? "&g0.tab=0" : "&g0.tab=1"));
        }
        if (name == "stripDomain") {
            // The host's first label, the port kept; an IP address stays as it is.
            wantArgs(name, args, 1, c);
            const QByteArray hostPort = str(0);
            QByteArray host = hostPort, port;
            if (hostPort.startsWith('[')) {
                const qsizetype end = hostPort.indexOf(']');
                if (end > 0 && hostPort.mid(end + 1).startsWith(':') &&
                    !hostPort.mid(end + 2).contains(':')) {
                    host = hostPort.mid(1, end - 1);
                    port = hostPort.mid(end + 2);
                }
            } else if (hostPort.count(':') == 1) {
                host = hostPort.left(hostPort.indexOf(':'));
                port = hostPort.mid(hostPort.indexOf(':') + 1);
            }
            if (isIpAddress(host)) // net.ParseIP
                return Value::ofString(hostPort);
            host = host.left(host.indexOf('.') < 0 ? host.size() : host.indexOf('.'));
            if (port.isEmpty())
                return Value::ofString(host);
            return Value::ofString((host.contains(':') ? '[' + host + ']' : host) + ':' + port);
        }
        if (name == "parseDuration") {
            wantArgs(name, args, 1, c);
            QString error;
            const std::optional<qint64> ms = parsePrometheusDuration(str(0), &error);
            if (!ms)
                throw CallFailure{error};
            return Value::ofFloat(double(*ms) / 1000);
        }
        if (name == "toTime") {
            // floatToTime: whole milliseconds (model.Time), printed as Go's time.Time.String
            // in UTC. The lab's templates have no time.Time methods (.Format, .Unix).
            wantArgs(name, args, 1, c);
            const double v = toFloat(args[0]);
            if (std::isnan(v) || std::isinf(v))
                throw CallFailure{QStringLiteral("value is NaN or Inf")};
            const double ns = v * 1e9;
            if (ns > 9.2233720368547758e18 || ns < -9.2233720368547758e18)
                throw CallFailure{
                    QStringLiteral("%1 cannot be represented as a nanoseconds timestamp since it "
                                   "overflows int64")
                        .arg(QString::fromUtf8(RuleTemplate::formatGoFloat(v, -1)))};
            const qint64 ms = qint64(ns) / 1000000;
            const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
            QByteArray out = t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")).toUtf8();
            while (out.endsWith('0'))
                out.chop(1);
            if (out.endsWith('.'))
                out.chop(1);
            return Value::ofString(out + " +0000 UTC");
        }
        if (name == "args") {
            // map[string]interface{}{"arg0": …}: the lab's maps hold strings, so each argument
            // is kept as fmt prints it.
            RuleTemplate::StringMap m;
            for (size_t i = 0; i < args.size(); ++i)
                m.emplace("arg" + QByteArray::number(qulonglong(i)), printValue(args[i]));
            return Value::ofMap(std::move(m));
        }
        throw CallFailure{QStringLiteral("%1 is not available in the lab's templates")
                              .arg(QString::fromUtf8(name))};
    }

    const QByteArray &m_text;
    const QByteArray &m_name;
    const RuleTemplate::QueryFunc &m_query;
    const RuleTemplate::Data *m_data = nullptr;
    Value m_root;
    std::vector<std::pair<QByteArray, Value>> m_vars;
};

// rules/alerting.go's convenience variables, in front of every label and annotation.
const QByteArray alertDefs = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}"
                             "{{$externalURL := .ExternalURL}}{{$value := .Value}}";

QString parseMessage(const QByteArray &text, const QByteArray &name, const ParseFailure &f) {
    const int line = int(text.left(f.pos).count('\n')) + 1;
    return QStringLiteral("template: %1:%2: %3")
        .arg(QString::fromUtf8(name))
        .arg(line)
        .arg(f.message);
}

} // namespace

std::optional<QByteArray> RuleTemplate::expand(const QByteArray &text, const QByteArray &name,
                                               const Data &data, const QueryFunc &query,
                                               QString *error) {
    const QByteArray full = alertDefs + text;
    std::vector<Node> tree;
    try {
        tree = parseTemplate(full);
    } catch (const ParseFailure &f) {
        if (error)
            *error = QStringLiteral("error parsing template %1: %2")
                         .arg(QString::fromUtf8(name), parseMessage(full, name, f));
        return std::nullopt;
    }
    Executor exec(full, name, data, query);
    try {
        exec.run(tree);
    } catch (const ExecFailure &f) {
        if (error)
            *error = QStringLiteral("error executing template %1: template: %2: executing \"%1\" "
                                    "at <%3>: %4")
                         .arg(QString::fromUtf8(name), exec.where(f.pos), f.node, f.message);
        return std::nullopt;
    }
    return exec.out;
}

QByteArray RuleTemplate::expandForAlert(const QByteArray &text, const QByteArray &name,
                                        const Data &data, const QueryFunc &query) {
    QString error;
    if (std::optional<QByteArray> r = expand(text, name, data, query, &error))
        return *r;
    return "<error expanding template: " + error.toUtf8() + '>';
}

std::optional<QString> RuleTemplate::parseError(const QByteArray &text, const QByteArray &name) {
    const QByteArray full = alertDefs + text;
    try {
        parseTemplate(full);
    } catch (const ParseFailure &f) {
        return parseMessage(full, name, f);
    }
    return std::nullopt;
}

QByteArray RuleTemplate::formatGoFloat(double v, int prec) {
    return tmpl::formatGoFloat(v, prec);
}

} // namespace ppl::rules
