/* SPDX-License-Identifier: MIT */
#include "s390/core/vm.h"

#include <errno.h>
#include <string.h>

static void add_stats(struct s390_stats *a, const struct s390_stats *b)
{
    for (unsigned t = 0; t < VINTC_S390_IRQ_NR_TYPES; t++)
        a->delivered[t] += b->delivered[t];
    a->delivered_ckc += b->delivered_ckc;
    a->delivered_cpu_timer += b->delivered_cpu_timer;
    a->rejected += b->rejected;
    a->delivery_faults += b->delivery_faults;
    a->store_status += b->store_status;
    a->kicks += b->kicks;
    a->wait_exits += b->wait_exits;
    a->wait_exits_interrupt += b->wait_exits_interrupt;
    a->wait_exits_timer += b->wait_exits_timer;
    a->wait_exits_kick += b->wait_exits_kick;
    a->wait_exits_timeout += b->wait_exits_timeout;
    a->wait_exits_disabled += b->wait_exits_disabled;
}

int s390_get_stats(struct s390_vm *vm, unsigned cpu, struct s390_stats *out)
{
    if (!vm || !out || (cpu != VINTC_S390_STATS_VM && cpu >= vm->nr_cpus))
        return -EINVAL;
    vintc_lock(&vm->lock);
    if (cpu != VINTC_S390_STATS_VM) {
        *out = vm->cpus[cpu].stats;
    } else {
        *out = vm->stats; /* floating injections, VM-level rejects */
        for (unsigned i = 0; i < vm->nr_cpus; i++)
            add_stats(out, &vm->cpus[i].stats);
    }
    vintc_unlock(&vm->lock);
    return 0;
}
