#pragma once

#include "exposition/metricfamily.h"

#include <QString>

#include <vector>

namespace ppl {

struct LabEvent;

// The one translated line the timeline and the event log show for an event, worded from its
// typed payload and subject.
QString labEventMessage(const LabEvent &event);

// "job=batch,instance=a": a grouping key as the lab's messages write it.
QString groupingKeyText(const std::vector<LabelPair> &key);

} // namespace ppl
