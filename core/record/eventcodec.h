#pragma once

#include "lab/labevent.h"

#include <QDataStream>

#include <optional>

namespace ppl::record {

// LabEvents in a recording, typed and exact: every field of every payload, so a replayed event
// is the event the lab logged (its JSON, its timeline drawing). The JSON form
// (LabEvent::toJson) is not used here because it is made for readers, not for reading back:
// it drops fields a payload's kind does not show (a target's change, a push's URL for a
// target) and words times as seconds. The message is not stored: it is worded again when
// read, in the replaying user's language.
void writeEvent(QDataStream &out, const LabEvent &event);
// nullopt when the bytes do not hold an event (an unknown payload or enum value, a short
// read); *error says which.
std::optional<LabEvent> readEvent(QDataStream &in, QString *error);

} // namespace ppl::record
