/* SPDX-License-Identifier: MIT */
/* Small helpers around the Unicorn API shared by the guest hosts. */
#ifndef GUEST_HOST_UC_UTIL_H
#define GUEST_HOST_UC_UTIL_H

#include <stdio.h>
#include <string.h>
#include <unicorn/unicorn.h>

/* 0 for UC_ERR_OK, else print `what` and the error and return -1. */
static inline int uc_check(uc_err err, const char *what)
{
    if (err == UC_ERR_OK)
        return 0;
    fprintf(stderr, "unicorn: %s: %s\n", what, uc_strerror(err));
    return -1;
}

/* uc_hook_add() takes its callback as void *; ISO C has no conversion from
 * a function pointer to an object pointer, POSIX guarantees the
 * representation is the same. */
typedef void (*uc_any_fn)(void);
static inline void *uc_callback(uc_any_fn fn)
{
    void *p;
    memcpy(&p, &fn, sizeof p);
    return p;
}

#endif
