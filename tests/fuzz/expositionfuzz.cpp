#include "expositionfuzz.h"

#include "exposition/textparser.h"
#include "exposition/textwriter.h"

#include <cstdio>
#include <cstdlib>

namespace ppl::fuzz {

namespace {
[[noreturn]] void violation(const char *what, const QByteArray &detail) {
    std::fprintf(stderr, "fuzz check failed: %s\n%s\n", what, detail.constData());
    std::abort();
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
    const QByteArray text = writeText(first.families);
    const ParsedExposition second = parseText(text);
    if (second.error)
        violation("writer output does not parse", second.error->toString().toUtf8() + "\n" + text);
    if (second.families != first.families)
        violation("round trip changed the families", text);
    if (writeText(second.families) != text)
        violation("writer output is not stable", text);
}

} // namespace ppl::fuzz
