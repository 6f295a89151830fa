#pragma once

#include "scrapeconfig.h"

#include <QString>

class QTextStream;

namespace ppl {

// Why Prometheus 2.42 refuses a configuration, in its own words: what follows "parsing YAML
// file FILE: " in promtool's and the server's messages. Decoding errors are listed as yaml.v2
// lists them ("yaml: unmarshal errors:" then "  line N: …" each); checks made after decoding
// carry no line, as in Prometheus.
QString prometheusConfigError(const ConfigDiagnostic &d);

// `pullpush-lab --check-config FILE`: the verdict and wording of `promtool check config
// --syntax-only FILE`. out gets "Checking FILE" and " SUCCESS: FILE is valid prometheus config
// file syntax" (returns 0); a refused file gets "  FAILED: parsing YAML file FILE: …" on err
// (returns 1), then the lab's hint, if it has one. Blocks the lab validates but does not act
// on are listed on err as notices; a missing file is an error as promtool's (returns 1).
int checkConfigCommand(const QString &path, QTextStream &out, QTextStream &err);

} // namespace ppl
