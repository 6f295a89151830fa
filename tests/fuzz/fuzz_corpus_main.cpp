#include "expositionfuzz.h"
#include "openmetricsfuzz.h"

#include <QDir>
#include <QFile>

#include <cstdio>

namespace {

// Feeds every file of one corpus directory to its check; false when the directory is empty
// or unreadable. A regression aborts inside the check.
bool replay(const QString &subdir, void (*check)(QByteArrayView)) {
    const QDir dir(QDir(qEnvironmentVariable("PPL_SOURCE_DIR")).filePath(subdir));
    const QStringList files = dir.entryList(QDir::Files, QDir::Name);
    if (files.isEmpty()) {
        std::fprintf(stderr, "no corpus files in %s\n", qPrintable(dir.path()));
        return false;
    }
    for (const QString &name : files) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(f.fileName()));
            return false;
        }
        check(f.readAll());
    }
    std::printf("%s: %lld corpus files passed\n", qPrintable(subdir),
                static_cast<long long>(files.size()));
    return true;
}

} // namespace

// Replays the checked-in corpora (seeds and past crashers) of both fuzz targets: the text
// format's (tests/fuzz/corpus) and OpenMetrics' (tests/fuzz/corpus-openmetrics).
int main() {
    const bool ok =
        replay(QStringLiteral("tests/fuzz/corpus"), &ppl::fuzz::checkInput) &&
        replay(QStringLiteral("tests/fuzz/corpus-openmetrics"), &ppl::fuzz::checkOpenMetrics);
    return ok ? 0 : 1;
}
