#pragma once

#include "exposition/metricfamily.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace ppl {

// The labels that identify one metric group in the Pushgateway: `job` plus any label pairs
// from the push URL (`/metrics/job/<job>{/<label>/<value>}`). Labels are kept sorted by name,
// so two keys with the same pairs compare equal whatever order the URL gave them in.
class GroupingKey {
public:
    GroupingKey() = default;
    // Pairs in any order; a repeated name keeps the last value (as the real gateway does).
    explicit GroupingKey(const std::vector<LabelPair> &labels);

    const std::vector<LabelPair> &labels() const { return m_labels; }
    QByteArray job() const { return value("job"); }
    QByteArray value(QByteArrayView name) const;
    bool contains(QByteArrayView name) const;
    // A stable identity for maps and persistence: name\xffvalue\xff… in label order.
    const QByteArray &id() const { return m_id; }
    // `{job="x",instance="y"}` with job first, for logs and the UI.
    QString toString() const;

    friend bool operator==(const GroupingKey &a, const GroupingKey &b) { return a.m_id == b.m_id; }

private:
    std::vector<LabelPair> m_labels;
    QByteArray m_id;
};

// What the push URL said: a key, or the HTTP answer the real gateway gives instead.
struct GroupingKeyParse {
    std::optional<GroupingKey> key;
    int status = 200;    // 400 invalid, 404 no such route, 301/307 redirect
    QString error;       // body text for 400
    QByteArray location; // for redirects
};

// Parses the percent-decoded request path of a push (`/metrics/job/…` or
// `/metrics/job@base64/…`). Returns nullopt key with a status when the real gateway would
// answer with something other than a push (redirect, 404, 400).
GroupingKeyParse parseGroupingKeyPath(QByteArrayView decodedPath);

// Go's base64.RawURLEncoding after trimming trailing '=': the decoding the real gateway uses
// for `@base64` values. nullopt on invalid input.
std::optional<QByteArray> decodeUrlSafeBase64(QByteArrayView text);

// Percent-decoding as Go's url.PathUnescape does it; nullopt on a malformed escape.
std::optional<QByteArray> percentDecodePath(QByteArrayView encoded);

} // namespace ppl
