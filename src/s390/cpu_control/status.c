/* SPDX-License-Identifier: MIT */
/* Register save areas 0x1200..0x13FF: at the prefix area for a machine-check
 * interruption; for store status at the default save area (absolute 0x1200),
 * the prefix area or a given address (PoP chapter 4, "Store Status"). */
#include "s390/cpu_control/status.h"

#include <errno.h>

#include <vintc/s390_arch.h>

int s390i_flush(struct s390_vm *vm, uint64_t base, const struct lc_store *s)
{
    for (unsigned i = 0; i < s->n; i++) {
        unsigned off = s->seg[i].off;
        if (vm->ops.guest_write(vm->opaque, base + off, &s->img[off],
                                s->seg[i].len) != 0)
            return -EFAULT;
    }
    return 0;
}

void s390i_put_save_areas(struct lc_store *s, const struct s390_cpu_state *st,
                          uint32_t prefix, bool with_psw)
{
    for (unsigned i = 0; i < 16; i++)
        lc_put64(s, VINTC_S390_LC_FPRS_SAVE + 8 * i, st->fprs[i]);
    for (unsigned i = 0; i < 16; i++)
        lc_put64(s, VINTC_S390_LC_GPRS_SAVE + 8 * i, st->gprs[i]);
    if (with_psw) {
        lc_put64(s, VINTC_S390_LC_PSW_SAVE, st->psw.mask);
        lc_put64(s, VINTC_S390_LC_PSW_SAVE + 8, st->psw.addr);
    }
    lc_put32(s, VINTC_S390_LC_PREFIX_SAVE, prefix);
    lc_put32(s, VINTC_S390_LC_FPC_SAVE, st->fpc);
    lc_put32(s, VINTC_S390_LC_TODPR_SAVE, st->todpr);
    lc_put64(s, VINTC_S390_LC_CPU_TIMER_SAVE, (uint64_t)st->cpu_timer);
    lc_put64(s, VINTC_S390_LC_CKC_SAVE, st->ckc >> 8);
    for (unsigned i = 0; i < 16; i++)
        lc_put32(s, VINTC_S390_LC_ACRS_SAVE + 4 * i, st->acrs[i]);
    for (unsigned i = 0; i < 16; i++)
        lc_put64(s, VINTC_S390_LC_CRS_SAVE + 8 * i, st->cr[i]);
}

int s390i_store_status(struct s390_vm *vm, uint64_t base, bool mode_id,
                       const struct s390_cpu_state *st, uint32_t prefix)
{
    struct lc_store s;
    s.n = 0;
    if (mode_id)
        lc_put8(&s, VINTC_S390_LC_AR_MODE_ID, 1);
    s390i_put_save_areas(&s, st, prefix, true);
    return s390i_flush(vm, base, &s);
}

/* The prefix register a status store saves. SIGP SET PREFIX completed with
 * condition code 0 when the library accepted it, so its address is the
 * prefix even before s390_deliver_pending() copies it to st->prefix (PoP
 * chapter 4, "Set Prefix"; QEMU sigp_set_prefix sets the register before
 * the order completes). Status owed by a stop (`owed`) saves the prefix of
 * the moment the stop completed instead. */
static uint32_t status_prefix(struct s390_vm *vm, unsigned cpu,
                              const struct s390_cpu_state *st, bool owed)
{
    const struct s390_vcpu *v = &vm->cpus[cpu];
    uint32_t prefix = st->prefix & VINTC_S390_PREFIX_MASK;
    vintc_lock(&vm->lock);
    if (owed && v->store_status_owed) {
        if (v->owed_prefix_pending)
            prefix = v->owed_prefix;
    } else if (v->prefix_pending) {
        prefix = v->new_prefix;
    }
    vintc_unlock(&vm->lock);
    return prefix;
}

/* Count a status store (or its failure) for vCPU `cpu`; `owed` clears the
 * debt of a stop with store status. */
static int account_store(struct s390_vm *vm, unsigned cpu, int rc, bool owed)
{
    struct s390_vcpu *v = &vm->cpus[cpu];
    vintc_lock(&vm->lock);
    if (!rc) {
        if (owed)
            v->store_status_owed = false;
        v->stats.store_status++;
    } else {
        v->stats.delivery_faults++;
    }
    vintc_unlock(&vm->lock);
    return rc;
}

int s390i_store_owed_status(struct s390_vm *vm, unsigned cpu,
                            const struct s390_cpu_state *st)
{
    /* SIGP STOP AND STORE STATUS: absolute 0x1200.. and absolute 163,
     * whatever the prefix (PoP chapter 4, "Store Status"). */
    uint32_t prefix = status_prefix(vm, cpu, st, true);
    return account_store(vm, cpu, s390i_store_status(vm, 0, true, st, prefix),
                         true);
}

int s390_cpu_store_status_at(struct s390_vm *vm, unsigned cpu,
                             const struct s390_cpu_state *st,
                             enum s390_status_dest dest, uint64_t addr)
{
    if (!vm || !st || cpu >= vm->nr_cpus)
        return -EINVAL;
    switch (dest) {
    case S390_STATUS_ABSOLUTE:
        return addr ? -EINVAL : s390i_store_owed_status(vm, cpu, st);
    case S390_STATUS_PREFIX: {
        if (addr)
            return -EINVAL;
        uint32_t prefix = status_prefix(vm, cpu, st, false);
        return account_store(
            vm, cpu, s390i_store_status(vm, prefix, true, st, prefix), false);
    }
    case S390_STATUS_ADDRESS: {
        /* The order is accepted only by a stopped CPU ("incorrect state"
         * otherwise); the area is 512-byte aligned below 2 GiB, and the
         * mode id is not stored. The base is the area minus 0x1200, modulo
         * 2^64, so that base + 0x1200 is the area. */
        if (!s390_cpu_is_stopped(vm, cpu))
            return -EBUSY;
        uint64_t area = addr & VINTC_S390_SIGP_STATUS_ADDR_MASK;
        uint32_t prefix = status_prefix(vm, cpu, st, false);
        return account_store(vm, cpu,
                             s390i_store_status(vm,
                                                area - VINTC_S390_LC_FPRS_SAVE,
                                                false, st, prefix),
                             false);
    }
    default:
        return -EINVAL;
    }
}

int s390_cpu_store_status(struct s390_vm *vm, unsigned cpu,
                          const struct s390_cpu_state *st)
{
    return s390_cpu_store_status_at(vm, cpu, st, S390_STATUS_PREFIX, 0);
}
