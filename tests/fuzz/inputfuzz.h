#pragma once

#include <QByteArrayView>

namespace ppl::fuzz {

// Issue 18 §2: one check per untrusted input of the lab, shared by its libFuzzer target and
// the corpus replay in the ordinary test suite. Each must end (bounded time and memory) with a
// result or a non-empty error, and never crash; each aborts on a violated property.

// A PromQL query: parsed, then evaluated (instant and a short range) over a small fixed store
// with a 200 ms timeout and a 100,000-sample limit.
void checkPromQL(QByteArrayView input);
// A prometheus.yml: loaded as --check-config and the lab load it.
void checkPrometheusConfig(QByteArrayView input);
// A rule file: parsed and validated as promtool check rules does.
void checkRuleFile(QByteArrayView input);
// A scenario file: loaded and checked completely (nothing is started).
void checkScenario(QByteArrayView input);
// A push to the gateway: the first line is the request path (percent-encoded), the rest the
// body; read as text and as protobuf-delimited, applied to a gateway store holding one group,
// whose /metrics must then parse again and still hold that group unless the push replaced it.
void checkGatewayPush(QByteArrayView input);

} // namespace ppl::fuzz
