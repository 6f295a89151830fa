#include "checkmetrics.h"

#include "textparser.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

namespace ppl {

namespace {
struct CheckMetricsText {
    Q_DECLARE_TR_FUNCTIONS(ppl::CheckMetrics)
};
} // namespace

int checkMetricsCommand(const QString &path, QTextStream &out, QTextStream &err) {
    QFile file;
    bool opened;
    if (path == QLatin1String("-"))
        opened = file.open(stdin, QIODevice::ReadOnly);
    else {
        file.setFileName(path);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened) {
        err << CheckMetricsText::tr("cannot read %1: %2").arg(path, file.errorString()) << Qt::endl;
        return 1;
    }
    const QByteArray input = file.readAll();
    const ParsedExposition parsed = parseText(input);
    if (parsed.error) {
        err << CheckMetricsText::tr("line %1: %2")
                   .arg(parsed.error->line)
                   .arg(parsed.error->message)
            << Qt::endl;
        return 1;
    }
    out << CheckMetricsText::tr("OK: %1 families, %2 samples")
               .arg(parsed.families.size())
               .arg(parsed.sampleCount())
        << Qt::endl;
    return 0;
}

} // namespace ppl
