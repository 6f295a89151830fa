#include "expositionfuzz.h"

#include <QDir>
#include <QFile>

#include <cstdio>

// Feeds every file of tests/fuzz/corpus (seeds and past crashers) to the fuzz check; a
// regression aborts this test.
int main() {
    const QDir dir(QDir(qEnvironmentVariable("PPL_SOURCE_DIR")).filePath("tests/fuzz/corpus"));
    const QStringList files = dir.entryList(QDir::Files, QDir::Name);
    if (files.isEmpty()) {
        std::fprintf(stderr, "no corpus files in %s\n", qPrintable(dir.path()));
        return 1;
    }
    for (const QString &name : files) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(f.fileName()));
            return 1;
        }
        ppl::fuzz::checkInput(f.readAll());
    }
    std::printf("%lld corpus files passed\n", static_cast<long long>(files.size()));
    return 0;
}
