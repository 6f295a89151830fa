#pragma once

#include "ruletemplate.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <vector>

// The values of the lab's Go-template interpreter (RuleTemplate) and Go's formatting of them:
// fmt.Sprint / Sprintf, strconv's float forms, and Prometheus's humanize functions.
namespace ppl::rules::tmpl {

// --- values -------------------------------------------------------------------------------

// A Go value as the templates see it: the alert data struct, map[string]string, *sample,
// queryResult, and the basic kinds. Invalid is reflect's zero Value ("<no value>").
struct Value {
    enum class Kind { Invalid, Nil, Bool, Int, Float, String, Map, Sample, Vector, Root };
    Kind kind = Kind::Invalid;
    bool b = false;
    qint64 i = 0;
    double f = 0;
    QByteArray s;
    std::shared_ptr<const RuleTemplate::StringMap> map;
    std::shared_ptr<const RuleTemplate::Sample> sample;
    std::shared_ptr<const std::vector<RuleTemplate::Sample>> vector;

    static Value ofBool(bool v) {
        Value x;
        x.kind = Kind::Bool;
        x.b = v;
        return x;
    }
    static Value ofInt(qint64 v) {
        Value x;
        x.kind = Kind::Int;
        x.i = v;
        return x;
    }
    static Value ofFloat(double v) {
        Value x;
        x.kind = Kind::Float;
        x.f = v;
        return x;
    }
    static Value ofString(QByteArray v) {
        Value x;
        x.kind = Kind::String;
        x.s = std::move(v);
        return x;
    }
    static Value ofMap(RuleTemplate::StringMap m) {
        Value x;
        x.kind = Kind::Map;
        x.map = std::make_shared<const RuleTemplate::StringMap>(std::move(m));
        return x;
    }
    static Value ofSample(RuleTemplate::Sample s) {
        Value x;
        x.kind = Kind::Sample;
        x.sample = std::make_shared<const RuleTemplate::Sample>(std::move(s));
        return x;
    }
    static Value ofVector(std::vector<RuleTemplate::Sample> v) {
        Value x;
        x.kind = Kind::Vector;
        x.vector = std::make_shared<const std::vector<RuleTemplate::Sample>>(std::move(v));
        return x;
    }
    static Value nil() {
        Value x;
        x.kind = Kind::Nil;
        return x;
    }
};

// An error inside a template function: Go reports it as "error calling NAME: message".
struct CallFailure {
    QString message;
};

QByteArray typeName(const Value &v);           // Go's %T
bool truth(const Value &v);                    // text/template's truth (if, with, and, or, not)
QByteArray printValue(const Value &v);         // fmt.Sprint of one value
QByteArray goQuoteString(const QByteArray &s); // %q
QByteArray goSprintf(const QByteArray &format, const std::vector<Value> &args);
QByteArray sprint(const std::vector<Value> &args, bool ln); // fmt.Sprint / Sprintln
QByteArray formatGoFloat(double v, int prec = -1);          // strconv.FormatFloat(v, 'g', prec, 64)
// template.go's convertToFloat (throws CallFailure).
double toFloat(const Value &v);
QByteArray humanize(double v);
QByteArray humanize1024(double v);
QByteArray humanizeDuration(double v);

} // namespace ppl::rules::tmpl
