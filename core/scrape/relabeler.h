#pragma once

#include "exposition/metricfamily.h"
#include "scrapeconfig.h"
#include "storage/labels.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QRegularExpressionMatch>
#include <QString>

#include <optional>

namespace ppl {

// Relabelling with the semantics of Prometheus 2.42's model/relabel (relabel.Process):
// rules run in order on the output of the previous one; nullopt means a keep/drop rule
// dropped the label set. Used for relabel_configs (targets) and metric_relabel_configs
// (scraped series). Thread-safe: rules are read-only, compiled regexes are shared.
std::optional<Labels> relabel(const Labels &in, const QList<RelabelRule> &rules);

// Fills rule.compiledRegex from rule.regex, anchored as Prometheus anchors it
// (^(?:regex)$, here \A(?:regex)\z so that "$" does not match before a final newline).
// Returns an error worded like Go's regexp ("error parsing regexp: …"), empty if fine.
QString compileRelabelRule(RelabelRule &rule);

// The checks of Prometheus's relabel.Config.UnmarshalYAML, with its wording; empty if valid.
QString validateRelabelRule(const RelabelRule &rule);

std::optional<RelabelRule::Action> relabelActionFromName(QByteArrayView name); // any case
QByteArray relabelActionName(RelabelRule::Action action);

// isValidLabelName() ([a-zA-Z_][a-zA-Z0-9_]*, as model.LabelName.IsValid) comes from
// exposition/metricfamily.h.
// Every character outside [a-zA-Z0-9_] becomes "_" (Prometheus's strutil.SanitizeLabelName).
QByteArray sanitizeLabelName(QByteArrayView name);

// Go's regexp.Expand: $1, ${1}, $name, ${name}, $$; a name is the longest run of letters,
// digits and "_" (so "$1x" means the group "1x"); unknown or unmatched groups expand to "".
QString expandRegexTemplate(const QString &tmpl, const QRegularExpressionMatch &match);

} // namespace ppl
