// One libFuzzer target per check of inputfuzz.h, chosen at build time (PPL_FUZZ_CHECK).
#include "inputfuzz.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ppl::fuzz::PPL_FUZZ_CHECK(
        QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}
