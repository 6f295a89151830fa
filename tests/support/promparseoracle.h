#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace ppl::test {

// What the scrape adds around the parser that can turn a well-formed body into an error: the
// target's final labels (job, instance, …; no `__` labels) and honor_labels. They decide how a
// scraped label named like a target label is treated (replaced and renamed `exported_<name>`
// unless honorLabels), and they appear in the `invalid metric name or label names: {…}` error.
struct PromScrapeLabels {
    bool honorLabels = false;
    QList<QPair<QByteArray, QByteArray>> targetLabels; // name, value
};

// The error Prometheus 2.42 records as a target's lastError for a text-format (0.0.4) body,
// or nullopt when it would ingest the body. This reproduces model/textparse/promparse.go (its
// lexer states and `expected …, got "TOKEN"` wording, strconv's float/int errors) plus the one
// the label-set checks the scrape loop and the head make on each new series: a metric name with
// leading blanks (promparse keeps them in __name__) gives `invalid metric name or label names:
// {__name__="  a", instance="…", job="…"}`, a label name twice `label name "b" is not unique:
// invalid sample`. Scrape limits and metric_relabel_configs are not modelled.
//
// A test oracle, not product code: an independent, token-by-token port of promlex.l and
// promparse.go (golex's automaton, PromParser's states) that the scraper's own parser (the
// PromParse dialect of TextParser plus invalidLabelSetError) is compared with, error text
// included. It is deliberately not the Pushgateway's (expfmt) parser in textparser.h either:
// promparse accepts a TYPE after samples, repeated TYPE/HELP, unknown escapes, optional commas,
// duplicate series (later duplicates are dropped, the scrape succeeds) and stops silently at a NUL
// byte at a line start; it rejects negative timestamps and `\r\n` line ends with its own words.
std::optional<QString> promParseOracleError(QByteArrayView body,
                                            const PromScrapeLabels &scrape = PromScrapeLabels());

} // namespace ppl::test
