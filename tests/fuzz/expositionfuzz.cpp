#include "expositionfuzz.h"

#include "exposition/textparser.h"
#include "exposition/textwriter.h"
#include "promparseoracle.h"

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace ppl::fuzz {

using test::PromScrapeLabels;

namespace {
[[noreturn]] void violation(const char *what, const QByteArray &detail) {
    std::fprintf(stderr, "fuzz check failed: %s\n%s\n", what, detail.constData());
    std::abort();
}

// A summary or histogram `x` next to a family `x_count`/`x_sum` (`x_bucket` for a histogram)
// with samples. Go expfmt reads such text order-dependently (a TYPE for `x_count` after the
// summary `x` is taken as `x`'s second TYPE), so the sorted text cannot round-trip; the
// Pushgateway never writes it because it rejects the push (client_golang's suffix-collision
// check, core/pushgateway/metricgroups.cpp), so the round trip does not apply.
bool hasSuffixCollision(const std::vector<MetricFamily> &families) {
    for (const MetricFamily &base : families) {
        if (base.type != MetricType::Summary && base.type != MetricType::Histogram)
            continue;
        for (const MetricFamily &other : families) {
            for (const char *suffix : {"_count", "_sum", "_bucket"}) {
                if (QByteArrayView(suffix) == "_bucket" && base.type != MetricType::Histogram)
                    continue;
                if (other.name == base.name + suffix &&
                    !(base.samples.empty() && other.samples.empty()))
                    return true;
            }
        }
    }
    return false;
}

// Runs the PromParse iterator to its end as the scrape loop does, touching every view it
// hands out (so ASan sees a dangling one); returns its error message, or nullopt at End.
std::optional<ParseError> promParseIteratorError(QByteArrayView input,
                                                 const std::vector<QByteArray> &replaced) {
    TextParser it(input, TextParser::Dialect::PromParse);
    if (!replaced.empty())
        it.setReplacedLabelNames(replaced);
    qsizetype touched = 0;
    for (int guard = 0;; ++guard) {
        const TextParser::Entry e = it.next();
        if (e == TextParser::Entry::End) {
            if (it.next() != TextParser::Entry::End)
                violation("PromParse: End is not final", input.toByteArray());
            return std::nullopt;
        }
        if (e == TextParser::Entry::Error) {
            const ParseError error = it.error();
            if (error.line < 1 || error.message.isEmpty())
                violation("PromParse: error without a line or message", error.toString().toUtf8());
            if (it.next() != TextParser::Entry::Error)
                violation("PromParse: Error is not final", input.toByteArray());
            return error;
        }
        // A raw newline in a label value spans lines, but each entry still consumes one.
        if (guard > input.size() + 1)
            violation("PromParse: iterator does not advance", input.toByteArray());
        if (it.lineNumber() < 1)
            violation("PromParse: entry without a line", input.toByteArray());
        touched += it.name().size();
        if (e == TextParser::Entry::Help)
            touched += it.help().size();
        if (e == TextParser::Entry::Sample) {
            for (int i = 0; i < it.labelCount(); ++i) {
                const QByteArrayView name = it.labelName(i);
                if (name.isEmpty())
                    violation("PromParse: empty label name", input.toByteArray());
                touched += name.size() + it.labelValue(i).size();
                // Read the bytes, not just the sizes, so ASan checks the views.
                for (char c : it.labelValue(i))
                    touched += c == '\n';
            }
        }
    }
    (void)touched;
}

void agree(QByteArrayView input, const PromScrapeLabels &scrape, const char *what) {
    std::vector<QByteArray> replaced;
    if (!scrape.honorLabels)
        for (const auto &label : scrape.targetLabels)
            replaced.push_back(label.first);
    const std::optional<ParseError> iterator = promParseIteratorError(input, replaced);
    const std::optional<QString> reference = test::promParseOracleError(input, scrape);
    // The words must agree too, but for the one message the scraper completes with the
    // target's labels (invalidLabelSetError, outside this library).
    const bool sameWords =
        !iterator || !reference || iterator->invalidLabelSet || iterator->message == *reference;
    if (iterator.has_value() != reference.has_value() || !sameWords) {
        const QString detail = QStringLiteral("%1\niterator: %2\noracle: %3\nbody (%4 bytes): %5")
                                   .arg(QString::fromLatin1(what),
                                        iterator ? iterator->message : QStringLiteral("accepted"),
                                        reference.value_or(QStringLiteral("accepted")))
                                   .arg(input.size())
                                   .arg(detail::goQuote(input));
        violation("PromParse iterator and the oracle disagree", detail.toUtf8());
    }
    if (reference && reference->isEmpty())
        violation("the oracle gave an empty message", input.toByteArray());
}
} // namespace

void checkTextExposition(QByteArrayView input) {
    // The iterator on its own must run to End or Error without tripping over anything.
    TextParser it(input);
    for (int guard = 0;; ++guard) {
        const TextParser::Entry e = it.next();
        if (e == TextParser::Entry::End || e == TextParser::Entry::Error)
            break;
        if (guard > input.size() + 1)
            violation("iterator does not advance", {});
        for (int i = 0; i < it.labelCount() && e == TextParser::Entry::Sample; ++i)
            (void)it.labelValue(i).size();
    }

    const ParsedExposition first = parseText(input);
    if (first.error) {
        if (first.error->line < 1)
            violation("error without a line", first.error->toString().toUtf8());
        return;
    }
    if (hasSuffixCollision(first.families))
        return;
    const QByteArray text = writeText(first.families);
    const ParsedExposition second = parseText(text);
    if (second.error)
        violation("writer output does not parse", second.error->toString().toUtf8() + "\n" + text);
    if (second.families != first.families)
        violation("round trip changed the families", text);
    if (writeText(second.families) != text)
        violation("writer output is not stable", text);
}

void checkPromParseAgreement(QByteArrayView input) {
    agree(input, PromScrapeLabels(), "target without labels");
    // `b` is the label name most seeds use, so repeated-label cases meet a replaced name.
    PromScrapeLabels scrape;
    scrape.targetLabels = {{"instance", "127.0.0.1:9100"}, {"job", "node"}, {"b", "t"}};
    agree(input, scrape, "target labels replace scraped ones");
    scrape.honorLabels = true;
    agree(input, scrape, "honor_labels");
}

} // namespace ppl::fuzz
