/* SPDX-License-Identifier: MIT */
/* Memory for a controller object, kept off its neighbours' cache lines. */
#ifndef VINTC_COMMON_ALLOC_H
#define VINTC_COMMON_ALLOC_H

#include <stddef.h>

/* Zeroed memory that starts on a VINTC_ISOLATION-byte boundary and shares
 * neither the VINTC_ISOLATION bytes before it nor those after it with any
 * other allocation. Two controllers used by different threads, or a
 * controller and the host's own hot data, then never share a cache line,
 * nor a pair of lines that an adjacent-line prefetcher moves together (the
 * lock is the first member, and every access writes it). NULL when out of
 * memory. */
#define VINTC_ISOLATION 128u
void *vintc_isolated_calloc(size_t size);

/* Free memory of vintc_isolated_calloc(); NULL is ignored. */
void vintc_isolated_free(void *p);

#endif
