#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <utility>
#include <vector>

namespace ppl {

// A Content-Type as Go's mime.ParseMediaType reads it: the lower-cased type/subtype and the
// parameters (keys lower-cased, quoted values unquoted).
struct MediaType {
    QByteArray type;
    std::vector<std::pair<QByteArray, QByteArray>> parameters;

    QByteArray parameter(QByteArrayView key) const; // empty when absent
};

// nullopt where Go's mime.ParseMediaType returns an error (Prometheus 2.42's textparse.New
// then falls back to the classic text parser): a type that is not token[/token], a
// malformed or repeated parameter.
std::optional<MediaType> parseMediaType(QByteArrayView contentType);

} // namespace ppl
