/* SPDX-License-Identifier: MIT */
/* libFuzzer entry point (clang -fsanitize=fuzzer). */
#include "fuzz_target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return vintc_fuzz_one(data, size);
}
