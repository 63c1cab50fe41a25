/* SPDX-License-Identifier: MIT */
/* Which vCPU hears about a new interrupt (docs/design.md 4.2): for floating
 * ones a waiting vCPU enabled for the class first, never a stopped one, else
 * round robin over the running ones. */
#include "s390/core/vm.h"

#include "common/bits.h"

static bool wait_enabled_for(const struct s390_vm *vm,
                             const struct s390_vcpu *v, unsigned bit)
{
    if (!(v->wait_enabled & PBM(bit)))
        return false;
    if (bit == PB_MCHK_FLOAT)
        return (v->wait_cr14 & vm->flt.mchk.cr14_bits) != 0;
    if (bit == PB_MCHK_REP)
        return (v->wait_cr14 & v->local.mchk.cr14_bits) != 0;
    return true;
}

int s390i_float_target(struct s390_vm *vm, unsigned bit, enum s390_notify *how)
{
    *how = NOTIFY_NONE;
    for (unsigned w = 0; w < 4; w++) {
        uint64_t m = vm->waiting_mask[w];
        while (m) {
            unsigned c = w * 64 + vintc_ctz64(m);
            m &= m - 1;
            struct s390_vcpu *v = &vm->cpus[c];
            if (!s390i_stopped(v) && wait_enabled_for(vm, v, bit)) {
                /* Signalled: the next floating interrupt goes to another
                 * waiter, not to this one again before it has run (it
                 * marks itself waiting again if it blocks once more). */
                vm->waiting_mask[w] &= ~(UINT64_C(1) << (c % 64));
                *how = NOTIFY_WAKE;
                return (int)c;
            }
        }
    }
    unsigned n = vm->nr_cpus;
    for (unsigned i = 0; i < n; i++) {
        unsigned c = (vm->rr_next + i) % n;
        struct s390_vcpu *v = &vm->cpus[c];
        /* A waiting vCPU that is disabled for it cannot take it. */
        if (!s390i_stopped(v) && !v->waiting) {
            vm->rr_next = (c + 1) % n;
            *how = NOTIFY_KICK;
            v->stats.kicks++;
            return (int)c;
        }
    }
    return -1;
}

enum s390_notify s390i_local_notify(struct s390_vm *vm, unsigned cpu,
                                    unsigned bit)
{
    struct s390_vcpu *v = &vm->cpus[cpu];
    if (!v->waiting) {
        v->stats.kicks++;
        return NOTIFY_KICK;
    }
    return wait_enabled_for(vm, v, bit) ? NOTIFY_WAKE : NOTIFY_NONE;
}
