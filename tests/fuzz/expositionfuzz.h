#pragma once

#include <QByteArrayView>

namespace ppl::fuzz {

// One fuzz input: parse it; when it parses, write it and parse that again, which must give
// the same families (and the same text once more). Aborts on any violation, so both
// libFuzzer and the corpus test see it as a crash.
void checkTextExposition(QByteArrayView input);

// The same input as a scraped body: the PromParse-dialect iterator (what the scrape loop
// ingests) must accept exactly the bodies the test oracle (tests/support/promparseoracle.h)
// accepts, with the same error text, for a target without labels, for one whose labels replace
// scraped ones, and with honor_labels. The two are independent implementations of Prometheus
// 2.42's rules; a disagreement means the scraper ingests a body a real Prometheus rejects (or
// the reverse), or words its error differently. Aborts on any violation.
void checkPromParseAgreement(QByteArrayView input);

// Both checks: what the fuzzer and the corpus test run on every input.
inline void checkInput(QByteArrayView input) {
    checkTextExposition(input);
    checkPromParseAgreement(input);
}

} // namespace ppl::fuzz
