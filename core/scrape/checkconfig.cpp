#include "checkconfig.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QStringList>
#include <QTextStream>

namespace ppl {

namespace {
struct CheckConfigText {
    Q_DECLARE_TR_FUNCTIONS(ppl::CheckConfig)
};
} // namespace

QString prometheusConfigError(const ConfigDiagnostic &d) {
    switch (d.kind) {
    case ConfigDiagnostic::Kind::Decode: {
        // yaml.v2's TypeError: the heading, then every error "  line N: …" on its own line.
        // The loader keeps the first error's line apart and the others as "line N: …" lines.
        QStringList lines = d.message.split(QLatin1Char('\n'));
        lines[0] = QStringLiteral("line %1: %2").arg(d.line).arg(lines[0]);
        QString text = QStringLiteral("yaml: unmarshal errors:");
        for (const QString &l : lines)
            text += QStringLiteral("\n  ") + l;
        return text;
    }
    case ConfigDiagnostic::Kind::Syntax:
        // yaml.v2 prefixes a parse error with "yaml: line N: ".
        return d.line > 0 ? QStringLiteral("yaml: line %1: %2").arg(d.line).arg(d.message)
                          : QStringLiteral("yaml: ") + d.message;
    case ConfigDiagnostic::Kind::Validation:
        break;
    }
    return d.message;
}

int checkConfigCommand(const QString &path, QTextStream &out, QTextStream &err) {
    // promtool's argument is an existing file (kingpin's ExistingFiles).
    if (!QFileInfo(path).isFile()) {
        err << CheckConfigText::tr("pullpush-lab: error: path '%1' does not exist").arg(path)
            << Qt::endl;
        return 1;
    }
    out << "Checking " << path << Qt::endl;
    const ConfigLoadResult loaded = loadPrometheusConfigFile(path);
    if (!loaded.config) {
        const ConfigDiagnostic d =
            loaded.error ? *loaded.error
                         : ConfigDiagnostic{0, CheckConfigText::tr("unknown error"), {}};
        err << "  FAILED: parsing YAML file " << path << ": " << prometheusConfigError(d)
            << Qt::endl;
        if (!d.hint.isEmpty())
            err << d.hint << Qt::endl;
        out << Qt::endl;
        return 1;
    }
    out << " SUCCESS: " << path << " is valid prometheus config file syntax" << Qt::endl;
    for (const ConfigDiagnostic &notice : loaded.warnings)
        err << CheckConfigText::tr("  notice: %1").arg(formatConfigDiagnostic(notice)) << Qt::endl;
    out << Qt::endl;
    return 0;
}

} // namespace ppl
