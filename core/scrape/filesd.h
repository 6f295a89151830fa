#pragma once

#include "storage/labels.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace ppl {

// One file_sd_configs file (Prometheus's discovery/file): a YAML or JSON list of
// {targets: [...], labels: {...}}. Each target becomes a label set with __address__, the
// group's labels (a target's own labels win) and __meta_filepath.
struct FileSdReadResult {
    bool ok = false;
    QList<Labels> targets;
    QString error; // "<path>: <what is wrong>" when !ok
};
FileSdReadResult readFileSdFile(const QString &path);

// The files a list of patterns names now: a "*" is allowed in the last path element, as in
// Prometheus; a plain path that does not exist names nothing.
QStringList expandFileSdPatterns(const QStringList &patterns);

} // namespace ppl
