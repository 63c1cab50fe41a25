/* SPDX-License-Identifier: MIT */
/* TOD clock, clock comparator and CPU timer conditions. */
#include "s390/core/vm.h"

#include <time.h>

uint64_t s390i_mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * UINT64_C(1000000000) + (uint64_t)ts.tv_nsec;
}

/* TOD bit 51 is one microsecond: 4096 units per us, tod = ns * 512 / 125,
 * computed in two parts so it does not overflow. */
static uint64_t ns_to_tod(uint64_t ns)
{
    return (ns / 125) * 512 + (ns % 125) * 512 / 125;
}

uint64_t s390i_tod_to_ns(uint64_t tod)
{
    return (tod / 512) * 125 + ((tod % 512) * 125 + 511) / 512;
}

uint64_t s390i_host_tod(const struct s390_vm *vm)
{
    if (vm->ops.tod_clock)
        return vm->ops.tod_clock(vm->opaque);
    return ns_to_tod(s390i_mono_ns());
}

bool s390i_ckc_pending(uint64_t guest_tod, uint64_t ckc, uint64_t cr0)
{
    /* Unsigned, no TOD exceeds all ones; signed (CR0 bit 10), all ones is
     * -1 and every non-negative TOD exceeds it. */
    if (cr0 & VINTC_S390_CR0_CKC_SIGNED)
        return (int64_t)guest_tod > (int64_t)ckc;
    return guest_tod > ckc;
}

uint32_t s390i_timer_bits(const struct s390_vm *vm,
                          const struct s390_cpu_state *st)
{
    if (!(st->psw.mask & VINTC_S390_PSW_EXT))
        return 0;
    uint32_t bits = 0;
    uint64_t cr0 = st->cr[0];
    if ((cr0 & VINTC_S390_CR0_CPU_TIMER) && st->cpu_timer < 0)
        bits |= PBM(PB_CPU_TIMER);
    if ((cr0 & VINTC_S390_CR0_CKC) && s390i_ckc_armed(st->ckc, cr0)) {
        uint64_t tod = s390i_host_tod(vm) + (uint64_t)st->epoch;
        if (s390i_ckc_pending(tod, st->ckc, cr0))
            bits |= PBM(PB_CKC);
    }
    return bits;
}
