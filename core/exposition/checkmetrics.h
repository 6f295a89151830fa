#pragma once

#include <QString>

class QTextStream;

namespace ppl {

// `pullpush-lab --check-metrics FILE|-`: parses an exposition and prints
// "OK: N families, M samples" to out (returns 0) or "line N: <what is wrong>" to err
// (returns 1). A file that cannot be read also returns 1 with a message on err.
int checkMetricsCommand(const QString &path, QTextStream &out, QTextStream &err);

} // namespace ppl
