#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace ppl {

// Decompresses a gzip body (Content-Encoding: gzip): scraped bodies (the scraper sends its own
// Accept-Encoding header, as Prometheus does, so Qt does not decompress for it) and pushed
// ones. On failure returns nullopt and sets *error in Go's wording ("gzip: invalid header").
// With maxOutput >= 0 it stops once the output passes maxOutput and returns the first
// maxOutput + 1 bytes, so a small gzip bomb cannot blow up memory before a size check.
std::optional<QByteArray> gunzip(QByteArrayView compressed, QString *error = nullptr,
                                 qint64 maxOutput = -1);

// The reverse, for test servers and the lab's own /metrics.
QByteArray gzipCompress(QByteArrayView data);

} // namespace ppl
