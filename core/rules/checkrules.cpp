#include "checkrules.h"

#include "rulefile.h"

#include <QFileInfo>

namespace ppl::rules {

int checkRulesCommand(const QStringList &paths, QTextStream &out, QTextStream &err) {
    // kingpin's ExistingFiles: every path is checked before any file is read.
    for (const QString &p : paths) {
        if (!QFileInfo::exists(p)) {
            err << QStringLiteral("pullpush-lab: error: path '%1' does not exist").arg(p)
                << Qt::endl;
            return 1;
        }
    }
    bool hardError = false;
    for (const QString &p : paths) {
        out << "Checking " << p << Qt::endl;
        const RuleFile file = RuleFile::parseFile(p);
        const QStringList errors = file.errors + file.lintErrors;
        if (!errors.isEmpty()) {
            out.flush();
            err << "  FAILED:" << Qt::endl;
            for (const QString &e : errors)
                err << e << Qt::endl;
            hardError = hardError || !file.errors.isEmpty();
        } else {
            out << "  SUCCESS: " << file.ruleCount() << " rules found" << Qt::endl;
        }
        out << Qt::endl;
    }
    return hardError ? 1 : 0;
}

} // namespace ppl::rules
