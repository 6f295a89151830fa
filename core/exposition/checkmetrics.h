#pragma once

#include <QString>

#include <optional>

class QTextStream;

namespace ppl {

// Which format --check-metrics reads. Auto: OpenMetrics when the input has a `# EOF` line
// (which the text format would take as a comment), else the text format 0.0.4.
enum class CheckMetricsFormat { Auto, Text, OpenMetrics };
// "auto", "text", "openmetrics" (as `--format` takes them); nullopt for anything else.
std::optional<CheckMetricsFormat> checkMetricsFormatFromName(const QString &name);

// `pullpush-lab --check-metrics FILE|- [--format F]`: parses an exposition and prints
// "OK: N families, M samples" to out (returns 0) or "line N: <what is wrong>" to err
// (returns 1). The text format is read as the Pushgateway reads it, OpenMetrics as
// Prometheus 2.42's scraper does (its error words). A file that cannot be read also returns 1
// with a message on err.
int checkMetricsCommand(const QString &path, QTextStream &out, QTextStream &err,
                        CheckMetricsFormat format = CheckMetricsFormat::Auto);

} // namespace ppl
