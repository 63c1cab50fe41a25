/* SPDX-License-Identifier: MIT */
/* Check helpers shared by the snapshot suites: a blob saved into a buffer
 * of its own, byte comparison, and a controller's dump as a string. */
#ifndef VINTC_SNAP_SUITE_UTIL_H
#define VINTC_SNAP_SUITE_UTIL_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <vintc/vintc.h>

#include "snap_test_util.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

struct blob {
    uint8_t *p;
    size_t n;
};

static inline bool blob_eq(struct blob a, struct blob b)
{
    return a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

/* Size query, then a save into a buffer of exactly that size. */
#define SNAP_SAVE_INTO(save_fn, obj)                                           \
    do {                                                                       \
        int n_ = save_fn((obj), NULL, 0);                                      \
        ck_assert_int_gt(n_, 0);                                               \
        b.p = malloc((size_t)n_);                                              \
        b.n = (size_t)n_;                                                      \
        ck_assert_ptr_nonnull(b.p);                                            \
        ck_assert_int_eq(save_fn((obj), b.p, b.n), n_);                        \
    } while (0)

static inline struct blob snap_save_gic(struct gic *g)
{
    struct blob b;
    SNAP_SAVE_INTO(gic_save, g);
    return b;
}

static inline struct blob snap_save_s390(struct s390_vm *vm)
{
    struct blob b;
    SNAP_SAVE_INTO(s390_save, vm);
    return b;
}

/* The dump as a string the caller frees. */
#define SNAP_DUMP_INTO(dump_fn, obj)                                           \
    do {                                                                       \
        size_t n_ = 0;                                                         \
        FILE *f_ = open_memstream(&s, &n_);                                    \
        ck_assert_ptr_nonnull(f_);                                             \
        ck_assert_int_ge(dump_fn((obj), f_), 0);                               \
        fclose(f_);                                                            \
    } while (0)

static inline char *snap_dump_gic(struct gic *g)
{
    char *s = NULL;
    SNAP_DUMP_INTO(gic_dump, g);
    return s;
}

static inline char *snap_dump_s390(struct s390_vm *vm)
{
    char *s = NULL;
    SNAP_DUMP_INTO(s390_dump, vm);
    return s;
}

/* A restore of `blob` is refused with -EINVAL and leaves the controller as
 * it was: its own snapshot before and after is byte-identical. */
#define SNAP_EXPECT_REJECTED(kind, obj, blob, n, what)                         \
    do {                                                                       \
        struct blob before_ = snap_save_##kind(obj);                           \
        int rc_ = kind##_restore((obj), (blob), (n));                          \
        if (rc_ != -EINVAL)                                                    \
            ck_abort_msg("%s: restore returned %d", (what), rc_);              \
        struct blob after_ = snap_save_##kind(obj);                            \
        if (!blob_eq(before_, after_))                                         \
            ck_abort_msg("%s: changed by a rejected restore", (what));         \
        free(before_.p);                                                       \
        free(after_.p);                                                        \
    } while (0)

static inline void snap_expect_rejected_gic(struct gic *g, const uint8_t *blob,
                                            size_t n, const char *what)
{
    SNAP_EXPECT_REJECTED(gic, g, blob, n, what);
}

static inline void snap_expect_rejected_s390(struct s390_vm *vm,
                                             const uint8_t *blob, size_t n,
                                             const char *what)
{
    SNAP_EXPECT_REJECTED(s390, vm, blob, n, what);
}

#endif
