#include "expositionfuzz.h"
#include "inputfuzz.h"
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

// Replays the checked-in corpora (seeds and past crashers) of every fuzz target: the text
// format's (tests/fuzz/corpus), OpenMetrics' (corpus-openmetrics), PromQL's, prometheus.yml's,
// rule files', scenario files' and gateway pushes' (corpus-promql, -config, -rules, -scenario,
// -gateway).
int main() {
    const bool ok =
        replay(QStringLiteral("tests/fuzz/corpus"), &ppl::fuzz::checkInput) &&
        replay(QStringLiteral("tests/fuzz/corpus-openmetrics"), &ppl::fuzz::checkOpenMetrics) &&
        replay(QStringLiteral("tests/fuzz/corpus-promql"), &ppl::fuzz::checkPromQL) &&
        replay(QStringLiteral("tests/fuzz/corpus-config"), &ppl::fuzz::checkPrometheusConfig) &&
        replay(QStringLiteral("tests/fuzz/corpus-rules"), &ppl::fuzz::checkRuleFile) &&
        replay(QStringLiteral("tests/fuzz/corpus-scenario"), &ppl::fuzz::checkScenario) &&
        replay(QStringLiteral("tests/fuzz/corpus-gateway"), &ppl::fuzz::checkGatewayPush);
    return ok ? 0 : 1;
}
