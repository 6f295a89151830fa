#include "gzip.h"

#include <zlib.h>

namespace ppl {

std::optional<QByteArray> gunzip(QByteArrayView compressed, QString *error, qint64 maxOutput) {
    auto fail = [error](const char *message) -> std::optional<QByteArray> {
        if (error)
            *error = QString::fromLatin1(message);
        return std::nullopt;
    };
    // Go's gzip reader first reads the 10-byte header whole (io.ReadFull: EOF when nothing came,
    // unexpected EOF when part of it), then checks the magic and the deflate method.
    if (compressed.isEmpty())
        return fail("EOF");
    if (compressed.size() < 10)
        return fail("unexpected EOF");
    if (uchar(compressed[0]) != 0x1f || uchar(compressed[1]) != 0x8b || uchar(compressed[2]) != 8)
        return fail("gzip: invalid header");

    z_stream zs{};
    // 16 + MAX_WBITS: expect a gzip wrapper, not a zlib one.
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        return fail("gzip: cannot initialise zlib");
    QByteArray out;
    out.resize(std::max<qsizetype>(4096, compressed.size() * 4));
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    zs.avail_in = uInt(compressed.size());
    int rc = Z_OK;
    while (true) {
        if (qsizetype(zs.total_out) == out.size())
            out.resize(out.size() * 2);
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + zs.total_out);
        zs.avail_out = uInt(out.size() - qsizetype(zs.total_out));
        rc = inflate(&zs, Z_NO_FLUSH);
        if (maxOutput >= 0 && qint64(zs.total_out) > maxOutput) {
            inflateEnd(&zs);
            out.resize(qsizetype(maxOutput) + 1);
            return out;
        }
        if (rc == Z_STREAM_END) {
            // Concatenated gzip members are legal; Go's reader reads them all.
            if (zs.avail_in == 0)
                break;
            const qsizetype produced = qsizetype(zs.total_out);
            inflateReset(&zs);
            zs.total_out = uLong(produced);
            continue;
        }
        if (rc == Z_OK)
            continue;
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
            inflateEnd(&zs);
            return fail("unexpected EOF");
        }
        if (rc != Z_BUF_ERROR) {
            inflateEnd(&zs);
            return fail(rc == Z_DATA_ERROR ? "gzip: invalid checksum" : "gzip: invalid data");
        }
    }
    out.resize(qsizetype(zs.total_out));
    inflateEnd(&zs);
    return out;
}

QByteArray gzipCompress(QByteArrayView data) {
    z_stream zs{};
    deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out;
    out.resize(qsizetype(deflateBound(&zs, uLong(data.size()))) + 32);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return out;
}

} // namespace ppl
