#pragma once

#include "exposition/metricfamily.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace ppl {

// A push body in the protobuf-delimited format (what Go clients send), read into the same
// MetricFamily values the text parser produces.
struct ProtobufPush {
    std::vector<MetricFamily> families; // a later family of the same name replaces an earlier
    QString parseError;       // non-empty: malformed body → 400, the group is not touched
    QString consistencyError; // non-empty: e.g. a metric not matching its family's type → 400
                              // recorded as a failed push, as the real gateway's gatherer does
};

bool isProtobufDelimited(const QByteArray &contentType);
ProtobufPush parseProtobufDelimited(const QByteArray &body);
// The inverse, for tests and clients of the lab: families as length-delimited messages.
QByteArray writeProtobufDelimited(const std::vector<MetricFamily> &families);

} // namespace ppl
