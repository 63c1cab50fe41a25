/* SPDX-License-Identifier: MIT */
#ifndef VINTC_S390_BUILD_H
#define VINTC_S390_BUILD_H

#include "s390/delivery/lcstore.h"
#include "s390/queues/pending.h"

struct s390_delivery {
    unsigned old_off, new_off; /* lowcore old / new PSW */
    uint32_t code;             /* interruption code (trace) */
};

/* The lowcore stores of delivering `it` for a vCPU in state `st`, old PSW
 * last; d receives the PSW offsets. */
void s390i_build(struct lc_store *s, const struct s390_item *it,
                 const struct s390_cpu_state *st, uint32_t prefix,
                 struct s390_delivery *d);

#endif
