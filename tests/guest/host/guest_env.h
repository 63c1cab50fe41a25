/* SPDX-License-Identifier: MIT */
/* Knobs the guest tests read from the environment. */
#ifndef GUEST_HOST_GUEST_ENV_H
#define GUEST_HOST_GUEST_ENV_H

#include <stdlib.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define GUEST_ON_VALGRIND() (RUNNING_ON_VALGRIND != 0)
#endif
#endif
#ifndef GUEST_ON_VALGRIND
#define GUEST_ON_VALGRIND() 0
#endif

/* Iterations of a looping scenario: VINTC_GUEST_ITERATIONS when it is set
 * to a positive number, else `dflt`, or `on_valgrind` under Valgrind
 * (where the guest runs some 100 times slower). */
static inline unsigned guest_iterations(unsigned dflt, unsigned on_valgrind)
{
    const char *s = getenv("VINTC_GUEST_ITERATIONS");
    if (s) {
        long n = strtol(s, NULL, 10);
        if (n > 0 && n < 1000000)
            return (unsigned)n;
    }
    return GUEST_ON_VALGRIND() ? on_valgrind : dflt;
}

#endif
