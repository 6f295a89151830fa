#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace ppl {

// Decompresses a gzip body (Content-Encoding: gzip). The scraper sends its own
// Accept-Encoding header, as Prometheus does, so Qt does not decompress for it.
// On failure returns nullopt and sets *error in Go's wording ("gzip: invalid header").
std::optional<QByteArray> gunzip(QByteArrayView compressed, QString *error = nullptr);

// The reverse, for test servers and the lab's own /metrics.
QByteArray gzipCompress(QByteArrayView data);

} // namespace ppl
