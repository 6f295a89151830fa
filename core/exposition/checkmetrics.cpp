#include "checkmetrics.h"

#include "openmetricsparser.h"
#include "textparser.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

namespace ppl {

namespace {
struct CheckMetricsText {
    Q_DECLARE_TR_FUNCTIONS(ppl::CheckMetrics)
};

bool hasEofLine(const QByteArray &input) {
    return input.startsWith("# EOF") || input.contains("\n# EOF");
}

// The OpenMetrics family a sample belongs to: the current one when its name is the family's
// name or the family's name plus a sample suffix the spec allows.
bool belongsTo(QByteArrayView sample, QByteArrayView family) {
    if (family.isEmpty() || !sample.startsWith(family))
        return false;
    const QByteArrayView suffix = sample.sliced(family.size());
    for (const char *s :
         {"", "_total", "_created", "_bucket", "_count", "_sum", "_gcount", "_gsum", "_info"}) {
        if (suffix == s)
            return true;
    }
    return false;
}

struct Checked {
    qsizetype families = 0;
    qsizetype samples = 0;
};

std::optional<ParseError> checkOpenMetrics(const QByteArray &input, Checked *checked) {
    OpenMetricsParser parser(input);
    QByteArray family;
    for (;;) {
        const OpenMetricsParser::Entry e = parser.next();
        switch (e) {
        case OpenMetricsParser::Entry::End:
            return std::nullopt;
        case OpenMetricsParser::Entry::Error:
            return parser.error();
        case OpenMetricsParser::Entry::Sample:
            ++checked->samples;
            if (!belongsTo(parser.name(), family)) {
                family = parser.name().toByteArray();
                ++checked->families;
            }
            break;
        default: // HELP, TYPE, UNIT name the family that follows
            if (parser.name() != family) {
                family = parser.name().toByteArray();
                ++checked->families;
            }
            break;
        }
    }
}
} // namespace

std::optional<CheckMetricsFormat> checkMetricsFormatFromName(const QString &name) {
    if (name == QLatin1String("auto"))
        return CheckMetricsFormat::Auto;
    if (name == QLatin1String("text"))
        return CheckMetricsFormat::Text;
    if (name == QLatin1String("openmetrics"))
        return CheckMetricsFormat::OpenMetrics;
    return std::nullopt;
}

int checkMetricsCommand(const QString &path, QTextStream &out, QTextStream &err,
                        CheckMetricsFormat format) {
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
    const bool openMetrics = format == CheckMetricsFormat::OpenMetrics ||
                             (format == CheckMetricsFormat::Auto && hasEofLine(input));
    Checked checked;
    std::optional<ParseError> error;
    if (openMetrics) {
        error = checkOpenMetrics(input, &checked);
    } else {
        const ParsedExposition parsed = parseText(input);
        error = parsed.error;
        checked.families = qsizetype(parsed.families.size());
        checked.samples = parsed.sampleCount();
    }
    if (error) {
        err << CheckMetricsText::tr("line %1: %2").arg(error->line).arg(error->message) << Qt::endl;
        return 1;
    }
    out << (openMetrics ? CheckMetricsText::tr("OK: %1 families, %2 samples (OpenMetrics)")
                        : CheckMetricsText::tr("OK: %1 families, %2 samples"))
               .arg(checked.families)
               .arg(checked.samples)
        << Qt::endl;
    return 0;
}

} // namespace ppl
