/* SPDX-License-Identifier: MIT */
#ifndef VINTC_FUZZ_TARGET_H
#define VINTC_FUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>

/* One fuzz input; aborts when an invariant breaks. */
int vintc_fuzz_one(const uint8_t *data, size_t size);

#endif
