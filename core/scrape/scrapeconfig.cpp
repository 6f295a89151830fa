#include "scrapeconfig.h"

#include "configloader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <limits>

namespace ppl {

QString formatConfigDiagnostic(const ConfigDiagnostic &d) {
    QString text = d.line <= 0 ? d.message
                               : QCoreApplication::translate("ppl::ConfigLoader", "line %1: %2")
                                     .arg(d.line)
                                     .arg(d.message);
    if (!d.hint.isEmpty())
        text += QLatin1Char('\n') + d.hint;
    return text;
}

ConfigLoadResult loadPrometheusConfig(const QByteArray &yaml, const QString &baseDir) {
    return ConfigLoader(baseDir).load(yaml);
}

QList<QByteArray> jobNames(const PrometheusConfig &config) {
    QList<QByteArray> names;
    for (const ScrapeJobConfig &job : config.scrapeConfigs)
        names.append(job.jobName);
    return names;
}

ConfigLoadResult loadPrometheusConfigFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ConfigLoadResult result;
        result.error =
            ConfigDiagnostic{0,
                             QCoreApplication::translate("ppl::ConfigLoader", "cannot read %1: %2")
                                 .arg(path, file.errorString()),
                             {}};
        return result;
    }
    return loadPrometheusConfig(file.readAll(), QFileInfo(path).absolutePath());
}

} // namespace ppl
