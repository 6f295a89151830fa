#pragma once

#include <QStringList>
#include <QTextStream>

namespace ppl::rules {

// `pullpush-lab --check-rules FILE…`: promtool check rules' report, on the same streams
// ("Checking FILE" and "  SUCCESS: N rules found" on out, "  FAILED:" and the errors on err,
// an empty line after each file), and its exit code: 1 if a file has errors, 0 otherwise
// (the duplicate-rules lint fails a file but not the exit code, as promtool's default
// --lint=duplicate-rules without --lint-fatal).
int checkRulesCommand(const QStringList &paths, QTextStream &out, QTextStream &err);

} // namespace ppl::rules
