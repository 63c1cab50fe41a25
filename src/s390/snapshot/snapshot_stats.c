/* SPDX-License-Identifier: MIT */
/* The statistics part of an s390 snapshot: every counter, one order. */
#include "s390/snapshot/snapshot.h"

/* One counter a line: clang-format 14 has no stable layout for this list. */
/* clang-format off */
#define STATS_FIELDS(X) \
    X(delivered_ckc) \
    X(delivered_cpu_timer) \
    X(rejected) \
    X(delivery_faults) \
    X(store_status) \
    X(kicks) \
    X(wait_exits) \
    X(wait_exits_interrupt) \
    X(wait_exits_timer) \
    X(wait_exits_kick) \
    X(wait_exits_timeout) \
    X(wait_exits_disabled)
/* clang-format on */

void s390i_snap_put_stats(struct snap_writer *w, const struct s390_stats *s)
{
    for (unsigned t = 0; t < VINTC_S390_IRQ_NR_TYPES; t++)
        snap_put_u64(w, s->injected[t]);
    for (unsigned t = 0; t < VINTC_S390_IRQ_NR_TYPES; t++)
        snap_put_u64(w, s->delivered[t]);
#define PUT(f) snap_put_u64(w, s->f);
    STATS_FIELDS(PUT)
#undef PUT
}

void s390i_snap_get_stats(struct snap_reader *r, struct s390_stats *s)
{
    for (unsigned t = 0; t < VINTC_S390_IRQ_NR_TYPES; t++)
        s->injected[t] = snap_get_u64(r);
    for (unsigned t = 0; t < VINTC_S390_IRQ_NR_TYPES; t++)
        s->delivered[t] = snap_get_u64(r);
#define GET(f) s->f = snap_get_u64(r);
    STATS_FIELDS(GET)
#undef GET
}
