#include "relabeler.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHash>

#include <algorithm>
#include <utility>
#include <vector>

namespace ppl {

namespace {

struct RelabelerText {
    Q_DECLARE_TR_FUNCTIONS(ppl::Relabeler)
};

QRegularExpression anchored(const QString &regex) {
    // Go's \w, \d, \s are ASCII-only, as are PCRE2's by default: no UCP option on purpose.
    return QRegularExpression(QStringLiteral("\\A(?:") + regex + QStringLiteral(")\\z"));
}

// Rules built by hand (tests, the UI's relabel playground) carry only `regex`; compile each
// pattern once per thread instead of once per call.
const QRegularExpression &cachedRegex(const RelabelRule &rule) {
    if (!rule.compiledRegex.pattern().isEmpty())
        return rule.compiledRegex;
    thread_local QHash<QString, QRegularExpression> cache;
    auto it = cache.find(rule.regex);
    if (it == cache.end()) {
        if (cache.size() > 1024)
            cache.clear(); // bounded: patterns typed in a UI should not accumulate forever
        it = cache.insert(rule.regex, anchored(rule.regex));
    }
    return *it;
}

// A label set under construction, kept sorted by name like Prometheus's labels.Builder
// output, so that labelmap visits names in the same order as Prometheus.
class WorkingSet {
public:
    explicit WorkingSet(const Labels &in)
        : m_pairs(in.toPairs()) {}

    QByteArray get(const QByteArray &name) const {
        auto it = find(name);
        return it != m_pairs.end() && it->first == name ? it->second : QByteArray();
    }
    void set(const QByteArray &name, const QByteArray &value) {
        if (value.isEmpty()) {
            del(name); // an empty value means "no label", as in labels.Builder.Set
            return;
        }
        if (name.isEmpty())
            return;
        auto it = find(name);
        if (it != m_pairs.end() && it->first == name)
            it->second = value;
        else
            m_pairs.insert(it, {name, value});
    }
    void del(const QByteArray &name) {
        auto it = find(name);
        if (it != m_pairs.end() && it->first == name)
            m_pairs.erase(it);
    }
    const std::vector<std::pair<QByteArray, QByteArray>> &pairs() const { return m_pairs; }
    Labels build() { return Labels::fromPairs(std::move(m_pairs)); }

private:
    std::vector<std::pair<QByteArray, QByteArray>>::iterator find(const QByteArray &name) {
        return std::lower_bound(m_pairs.begin(), m_pairs.end(), name,
                                [](const auto &p, const QByteArray &n) { return p.first < n; });
    }
    std::vector<std::pair<QByteArray, QByteArray>>::const_iterator
    find(const QByteArray &name) const {
        return std::lower_bound(m_pairs.begin(), m_pairs.end(), name,
                                [](const auto &p, const QByteArray &n) { return p.first < n; });
    }
    std::vector<std::pair<QByteArray, QByteArray>> m_pairs;
};

bool fullMatch(const QRegularExpression &re, const QByteArray &text) {
    return re.match(QString::fromUtf8(text)).hasMatch();
}

// Prometheus's sum64 over an md5 sum: bytes 8..15 as a big-endian integer (the shifts of
// bytes 0..7 overflow 64 bits and vanish in Go).
quint64 md5Sum64(const QByteArray &value) {
    const QByteArray sum = QCryptographicHash::hash(value, QCryptographicHash::Md5);
    quint64 s = 0;
    for (int i = 8; i < 16; ++i)
        s = (s << 8) | quint8(sum[i]);
    return s;
}

// One rule; false when the label set is dropped.
bool apply(WorkingSet &ls, const RelabelRule &rule) {
    QByteArray value;
    for (qsizetype i = 0; i < rule.sourceLabels.size(); ++i) {
        if (i > 0)
            value += rule.separator;
        value += ls.get(rule.sourceLabels[i]);
    }
    using A = RelabelRule::Action;
    switch (rule.action) {
    case A::Drop:
        return !fullMatch(cachedRegex(rule), value);
    case A::Keep:
        return fullMatch(cachedRegex(rule), value);
    case A::Replace: {
        const QRegularExpressionMatch m = cachedRegex(rule).match(QString::fromUtf8(value));
        if (!m.hasMatch())
            return true; // no match, no replacement
        const QByteArray target =
            rule.targetLabel.contains('$')
                ? expandRegexTemplate(QString::fromUtf8(rule.targetLabel), m).toUtf8()
                : rule.targetLabel;
        // Prometheus deletes the label named by the *unexpanded* target_label in both cases.
        if (!isValidLabelName(target)) {
            ls.del(rule.targetLabel);
            return true;
        }
        const QByteArray result =
            expandRegexTemplate(QString::fromUtf8(rule.replacement), m).toUtf8();
        if (result.isEmpty()) {
            ls.del(rule.targetLabel);
            return true;
        }
        ls.set(target, result);
        return true;
    }
    case A::HashMod:
        if (rule.modulus > 0)
            ls.set(rule.targetLabel, QByteArray::number(md5Sum64(value) % rule.modulus));
        return true;
    case A::LabelMap: {
        const QRegularExpression &re = cachedRegex(rule);
        const QString replacement = QString::fromUtf8(rule.replacement);
        // Iterate a snapshot: Prometheus reads the rule's input set while writing the builder.
        const auto snapshot = ls.pairs();
        for (const auto &[name, v] : snapshot) {
            const QRegularExpressionMatch m = re.match(QString::fromUtf8(name));
            if (m.hasMatch())
                ls.set(expandRegexTemplate(replacement, m).toUtf8(), v);
        }
        return true;
    }
    case A::Lowercase:
        ls.set(rule.targetLabel, value.toLower()); // Go's strings.ToLower on the joined value
        return true;
    case A::Uppercase:
        ls.set(rule.targetLabel, value.toUpper());
        return true;
    case A::KeepEqual:
        return ls.get(rule.targetLabel) == value;
    case A::DropEqual:
        return ls.get(rule.targetLabel) != value;
    case A::LabelDrop:
    case A::LabelKeep: {
        const QRegularExpression &re = cachedRegex(rule);
        const bool dropMatching = rule.action == A::LabelDrop;
        const auto snapshot = ls.pairs();
        for (const auto &p : snapshot) {
            if (fullMatch(re, p.first) == dropMatching)
                ls.del(p.first);
        }
        return true;
    }
    }
    return true;
}

bool isWordChar(QChar c) {
    return c.isLetter() || c.isDigit() || c == u'_';
}

// Go's relabelTarget: ^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$ — a label name in which
// $-references may appear.
bool isValidRelabelTarget(const QByteArray &s) {
    static const QRegularExpression re(
        QStringLiteral("\\A(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+\\z"));
    return re.match(QString::fromUtf8(s)).hasMatch();
}

} // namespace

std::optional<Labels> relabel(const Labels &in, const QList<RelabelRule> &rules) {
    if (rules.isEmpty())
        return in;
    WorkingSet ls(in);
    for (const RelabelRule &rule : rules) {
        if (!apply(ls, rule))
            return std::nullopt;
    }
    return ls.build();
}

QString compileRelabelRule(RelabelRule &rule) {
    QRegularExpression re = anchored(rule.regex);
    if (!re.isValid()) {
        QString why = re.errorString();
        if (why.contains(QLatin1String("missing closing parenthesis")))
            why = QStringLiteral("missing closing )"); // Go's regexp/syntax wording
        else if (why.contains(QLatin1String("unmatched closing parenthesis")))
            why = QStringLiteral("unexpected )");
        return RelabelerText::tr("error parsing regexp: %1: `^(?:%2)$`").arg(why, rule.regex);
    }
    re.optimize(); // compile now, once, rather than on the first scrape
    rule.compiledRegex = re;
    return {};
}

QString validateRelabelRule(const RelabelRule &rule) {
    using A = RelabelRule::Action;
    const QString action = QString::fromLatin1(relabelActionName(rule.action));
    const QString target = QString::fromUtf8(rule.targetLabel);
    const RelabelRule defaults;
    const bool caseOrEqual = rule.action == A::Lowercase || rule.action == A::Uppercase ||
                             rule.action == A::KeepEqual || rule.action == A::DropEqual;
    if (rule.action == A::HashMod && rule.modulus == 0)
        return RelabelerText::tr("relabel configuration for hashmod requires non-zero modulus");
    if ((rule.action == A::Replace || rule.action == A::HashMod || caseOrEqual) &&
        rule.targetLabel.isEmpty())
        return RelabelerText::tr(
                   "relabel configuration for %1 action requires 'target_label' value")
            .arg(action);
    if ((rule.action == A::Replace || caseOrEqual) && !isValidRelabelTarget(rule.targetLabel))
        return RelabelerText::tr("\"%1\" is invalid 'target_label' for %2 action")
            .arg(target, action);
    if (caseOrEqual && rule.replacement != defaults.replacement)
        return RelabelerText::tr("'replacement' can not be set for %1 action").arg(action);
    if (rule.action == A::LabelMap && !isValidRelabelTarget(rule.replacement))
        return RelabelerText::tr("\"%1\" is invalid 'replacement' for %2 action")
            .arg(QString::fromUtf8(rule.replacement), action);
    if (rule.action == A::HashMod && !isValidLabelName(rule.targetLabel))
        return RelabelerText::tr("\"%1\" is invalid 'target_label' for %2 action")
            .arg(target, action);
    if ((rule.action == A::KeepEqual || rule.action == A::DropEqual) &&
        (rule.regex != defaults.regex || rule.modulus != 0 ||
         rule.separator != defaults.separator || rule.replacement != defaults.replacement))
        return RelabelerText::tr(
                   "%1 action requires only 'source_labels' and `target_label`, and no other "
                   "fields")
            .arg(action);
    if (rule.action == A::LabelDrop || rule.action == A::LabelKeep) {
        if (!rule.sourceLabels.isEmpty() || !rule.targetLabel.isEmpty() || rule.modulus != 0 ||
            rule.separator != defaults.separator || rule.replacement != defaults.replacement)
            return RelabelerText::tr("%1 action requires only 'regex', and no other fields")
                .arg(action);
    }
    for (const QByteArray &name : rule.sourceLabels) {
        if (!isValidLabelName(name))
            return RelabelerText::tr("\"%1\" is not a valid label name")
                .arg(QString::fromUtf8(name));
    }
    return {};
}

std::optional<RelabelRule::Action> relabelActionFromName(QByteArrayView name) {
    using A = RelabelRule::Action;
    const QByteArray lower = name.toByteArray().toLower();
    static const std::pair<const char *, A> names[] = {
        {"replace", A::Replace},     {"keep", A::Keep},           {"drop", A::Drop},
        {"hashmod", A::HashMod},     {"labelmap", A::LabelMap},   {"labeldrop", A::LabelDrop},
        {"labelkeep", A::LabelKeep}, {"lowercase", A::Lowercase}, {"uppercase", A::Uppercase},
        {"keepequal", A::KeepEqual}, {"dropequal", A::DropEqual},
    };
    for (const auto &[n, a] : names) {
        if (lower == n)
            return a;
    }
    return std::nullopt;
}

QByteArray relabelActionName(RelabelRule::Action action) {
    using A = RelabelRule::Action;
    switch (action) {
    case A::Replace:
        return "replace";
    case A::Keep:
        return "keep";
    case A::Drop:
        return "drop";
    case A::HashMod:
        return "hashmod";
    case A::LabelMap:
        return "labelmap";
    case A::LabelDrop:
        return "labeldrop";
    case A::LabelKeep:
        return "labelkeep";
    case A::Lowercase:
        return "lowercase";
    case A::Uppercase:
        return "uppercase";
    case A::KeepEqual:
        return "keepequal";
    case A::DropEqual:
        return "dropequal";
    }
    return "replace";
}

QByteArray sanitizeLabelName(QByteArrayView name) {
    // Per code point, so "é" becomes one "_" as with Go's regexp over UTF-8 runes.
    const QString s = QString::fromUtf8(name);
    QByteArray out;
    out.reserve(name.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        const char16_t u = c.unicode();
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
            u == '_') {
            out += char(u);
        } else {
            out += '_';
            if (c.isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate())
                ++i;
        }
    }
    return out;
}

QString expandRegexTemplate(const QString &tmpl, const QRegularExpressionMatch &match) {
    QString out;
    out.reserve(tmpl.size());
    qsizetype i = 0;
    const qsizetype n = tmpl.size();
    while (i < n) {
        const qsizetype dollar = tmpl.indexOf(u'$', i);
        if (dollar < 0) {
            out += QStringView(tmpl).mid(i);
            break;
        }
        out += QStringView(tmpl).mid(i, dollar - i);
        i = dollar + 1;
        if (i < n && tmpl[i] == u'$') { // $$ is a literal $
            out += u'$';
            ++i;
            continue;
        }
        const bool brace = i < n && tmpl[i] == u'{';
        qsizetype j = brace ? i + 1 : i;
        const qsizetype nameStart = j;
        while (j < n && isWordChar(tmpl[j]))
            ++j;
        const QStringView name = QStringView(tmpl).mid(nameStart, j - nameStart);
        if (name.isEmpty() || (brace && (j >= n || tmpl[j] != u'}'))) {
            out += u'$'; // malformed: the $ is literal text, as in Go
            continue;
        }
        i = brace ? j + 1 : j;
        // A number without leading zeros (and below 1e8) is a group index; else a group name.
        int num = 0;
        bool numeric = !(name.size() > 1 && name[0] == u'0');
        for (QChar c : name) {
            if (c < u'0' || c > u'9' || num >= 100000000) {
                numeric = false;
                break;
            }
            num = num * 10 + (c.unicode() - u'0');
        }
        if (numeric) {
            if (num <= match.lastCapturedIndex())
                out += match.capturedView(num);
        } else {
            out += match.capturedView(name);
        }
    }
    return out;
}

} // namespace ppl
