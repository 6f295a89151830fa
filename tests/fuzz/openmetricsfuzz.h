#pragma once

#include <QByteArrayView>

namespace ppl::fuzz {

// One fuzz input as an OpenMetrics body: OpenMetricsParser must end (End or Error, and stay
// there), return views inside the input, report an error line inside it, and read the same
// entries from a view (copied) as from a QByteArray (in place), and with its one-pass fast path
// as token by token. When the body parses, its
// samples written back as OpenMetrics must parse to the same samples (timestamps within the
// millisecond that seconds-as-float allow). Aborts on any violation.
void checkOpenMetrics(QByteArrayView input);

} // namespace ppl::fuzz
