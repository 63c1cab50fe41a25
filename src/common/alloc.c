/* SPDX-License-Identifier: MIT */
#include "common/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The object sits between at least VINTC_ISOLATION bytes of slack on either
 * side; the pointer calloc returned is kept just below the object, in the
 * slack, and read only when the memory is freed. */
void *vintc_isolated_calloc(size_t size)
{
    const size_t a = VINTC_ISOLATION;
    if (size > SIZE_MAX - 3 * a)
        return NULL;
    unsigned char *raw = calloc(1, size + 3 * a);
    if (!raw)
        return NULL;
    size_t mis = (size_t)((uintptr_t)(raw + a) % a);
    unsigned char *obj = raw + a + (mis ? a - mis : 0);
    memcpy(obj - sizeof raw, &raw, sizeof raw);
    return obj;
}

void vintc_isolated_free(void *p)
{
    if (!p)
        return;
    unsigned char *raw;
    memcpy(&raw, (unsigned char *)p - sizeof raw, sizeof raw);
    free(raw);
}
