#include "filesd.h"

#include "relabeler.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <yaml-cpp/yaml.h>

namespace ppl {

namespace {

struct FileSdText {
    Q_DECLARE_TR_FUNCTIONS(ppl::FileSd)
};

struct Invalid {
    QString message;
};

QByteArray scalarOf(const YAML::Node &n, const char *what) {
    if (!n.IsScalar())
        throw Invalid{FileSdText::tr("expected a string for %1").arg(QLatin1String(what))};
    const std::string &s = n.Scalar();
    return QByteArray(s.data(), qsizetype(s.size()));
}

} // namespace

FileSdReadResult readFileSdFile(const QString &path) {
    FileSdReadResult result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return result;
    }
    const QByteArray content = file.readAll();
    try {
        // JSON is YAML, so one parser reads both extensions.
        const YAML::Node root = YAML::Load(content.toStdString());
        if (!root.IsDefined() || root.IsNull()) {
            result.ok = true; // an empty file is an empty list of groups
            return result;
        }
        if (!root.IsSequence())
            throw Invalid{FileSdText::tr(
                "expected a list of target groups ([{targets: [...], labels: {...}}])")};
        for (const auto &group : root) {
            if (!group.IsMap())
                throw Invalid{FileSdText::tr("nil target group item found")};
            std::vector<std::pair<QByteArray, QByteArray>> groupLabels;
            if (const YAML::Node labels = group["labels"]; labels.IsDefined() && !labels.IsNull()) {
                if (!labels.IsMap())
                    throw Invalid{FileSdText::tr("labels must be a mapping")};
                for (const auto &kv : labels) {
                    const QByteArray name = scalarOf(kv.first, "a label name");
                    if (!isValidLabelName(name))
                        throw Invalid{FileSdText::tr("\"%1\" is not a valid label name")
                                          .arg(QString::fromUtf8(name))};
                    groupLabels.emplace_back(name, scalarOf(kv.second, "a label value"));
                }
            }
            groupLabels.emplace_back("__meta_filepath", path.toUtf8());
            const YAML::Node targets = group["targets"];
            if (!targets.IsDefined() || targets.IsNull())
                continue;
            if (!targets.IsSequence())
                throw Invalid{FileSdText::tr("targets must be a list")};
            for (const auto &t : targets) {
                // Group labels first, the target's address last: later pairs win in fromPairs.
                auto pairs = groupLabels;
                pairs.emplace_back("__address__", scalarOf(t, "a target"));
                result.targets.append(Labels::fromPairs(std::move(pairs)));
            }
        }
        result.ok = true;
    } catch (const Invalid &e) {
        result.targets.clear();
        result.error = QStringLiteral("%1: %2").arg(path, e.message);
    } catch (const YAML::Exception &e) {
        result.targets.clear();
        result.error = FileSdText::tr("%1: line %2: %3")
                           .arg(path)
                           .arg(e.mark.line + 1)
                           .arg(QString::fromStdString(e.msg));
    }
    return result;
}

QStringList expandFileSdPatterns(const QStringList &patterns) {
    QStringList files;
    for (const QString &pattern : patterns) {
        const QFileInfo info(pattern);
        if (!info.fileName().contains(u'*')) {
            if (info.exists())
                files.append(pattern);
            continue;
        }
        const QDir dir = info.dir();
        const QStringList names =
            dir.entryList({info.fileName()}, QDir::Files | QDir::Readable, QDir::Name);
        for (const QString &name : names)
            files.append(dir.filePath(name));
    }
    files.removeDuplicates();
    return files;
}

} // namespace ppl
