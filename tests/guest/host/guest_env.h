/* SPDX-License-Identifier: MIT */
/* Knobs the guest tests read from the environment. */
#ifndef GUEST_HOST_GUEST_ENV_H
#define GUEST_HOST_GUEST_ENV_H

#include <stdlib.h>

/* VINTC_GUEST_ITERATIONS scales the looping scenarios down (Valgrind) or up;
 * `dflt` when unset or not a positive number. */
static inline unsigned guest_iterations(unsigned dflt)
{
    const char *s = getenv("VINTC_GUEST_ITERATIONS");
    if (!s)
        return dflt;
    long n = strtol(s, NULL, 10);
    return n > 0 && n < 1000000 ? (unsigned)n : dflt;
}

#endif
