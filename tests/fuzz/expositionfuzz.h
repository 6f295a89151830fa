#pragma once

#include <QByteArrayView>

namespace ppl::fuzz {

// One fuzz input: parse it; when it parses, write it and parse that again, which must give
// the same families (and the same text once more). Aborts on any violation, so both
// libFuzzer and the corpus test see it as a crash.
void checkTextExposition(QByteArrayView input);

} // namespace ppl::fuzz
