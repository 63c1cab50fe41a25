/* SPDX-License-Identifier: MIT */
#ifndef VINTC_FUZZ_TARGET_H
#define VINTC_FUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* One fuzz input; aborts when an invariant breaks. */
int vintc_fuzz_one(const uint8_t *data, size_t size);

/* Reads big-endian numbers off the input; past its end everything is 0. */
struct fuzz_cursor {
    const uint8_t *p;
    size_t n;
};

static inline uint64_t fuzz_take(struct fuzz_cursor *c, unsigned bytes)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < bytes; i++) {
        v = v << 8 | (c->n ? *c->p : 0);
        if (c->n) {
            c->p++;
            c->n--;
        }
    }
    return v;
}

/* An invariant: abort (the fuzzer's crash signal) when it does not hold. */
static inline void fuzz_check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz invariant broken: %s\n", what);
        abort();
    }
}

#endif
