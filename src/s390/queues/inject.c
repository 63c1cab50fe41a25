/* SPDX-License-Identifier: MIT */
/* Injection: validation, coalescing and busy rules (docs/design.md 4.2),
 * and the wake-up or kick of the vCPU that should take the interrupt. */
#include "s390/core/vm.h"

#include <errno.h>

#include "common/trace.h"
#include <vintc/s390_arch.h>

static bool is_floating(enum s390_irq_type t)
{
    return t == S390_IRQ_SERVICE || t == S390_IRQ_VIRTIO ||
           t == S390_IRQ_PFAULT_DONE || t == S390_IRQ_IO ||
           t == S390_IRQ_MCHK_FLOAT;
}

static bool valid_type(int t)
{
    return t >= 0 && t < VINTC_S390_IRQ_NR_TYPES;
}

static int float_fifo_add(struct s390_vm *vm, struct s390_fifo *q, unsigned bit,
                          const struct s390_fifo_entry *e)
{
    int rc = s390i_fifo_push(q, e);
    if (rc)
        return rc;
    vm->flt.count++;
    s390i_set_bits(&vm->flt.pending, PBM(bit));
    return 0;
}

/* With the lock: add a floating interrupt; *bit receives its priority bit,
 * *visible whether it is selectable now. */
static int float_add(struct s390_vm *vm, const struct s390_irq *irq,
                     unsigned *bit, bool *visible)
{
    struct s390_float *f = &vm->flt;
    struct s390_fifo_entry e = { 0 };
    *visible = true;
    switch (irq->type) {
    case S390_IRQ_SERVICE: {
        uint32_t p = irq->u.ext.param, addr = p & ~7u;
        *bit = PB_SERVICE;
        /* One pending service signal: event bits OR; two different SCCB
         * addresses cannot be presented as one (-EBUSY). */
        if (addr && f->service_pending && (f->service_param & ~7u) &&
            (f->service_param & ~7u) != addr)
            return -EBUSY;
        if (addr && f->service_inflight && (f->service_inflight_param & ~7u) &&
            (f->service_inflight_param & ~7u) != addr)
            return -EBUSY;
        if (f->service_pending) {
            f->service_param |= p;
        } else {
            if (f->count >= vm->max_float)
                return -EBUSY;
            f->count++;
            f->service_pending = true;
            f->service_param = p;
        }
        if (f->service_inflight)
            *visible = false; /* shown when the one in delivery commits */
        else
            s390i_set_bits(&f->pending, PBM(PB_SERVICE));
        return 0;
    }
    case S390_IRQ_MCHK_FLOAT: {
        uint64_t mcic = irq->u.mchk.mcic;
        *bit = PB_MCHK_FLOAT;
        if (s390i_mcic_exigent(mcic) || !s390i_mcic_cr14_bits(mcic))
            return -EINVAL;
        if (!f->mchk.mcic) {
            if (f->count >= vm->max_float)
                return -EBUSY;
            f->count++;
            f->mchk.failing_addr = irq->u.mchk.failing_addr;
        }
        f->mchk.mcic |= mcic;
        f->mchk.ext_damage |= irq->u.mchk.ext_damage;
        f->mchk.cr14_bits = s390i_mcic_cr14_bits(f->mchk.mcic);
        s390i_set_bits(&f->pending, PBM(PB_MCHK_FLOAT));
        return 0;
    }
    case S390_IRQ_IO: {
        unsigned isc = (irq->u.io.word >> 27) & 7u;
        *bit = PB_IO0 + isc;
        if (f->count >= vm->max_float)
            return -EBUSY;
        e.id = irq->u.io.subchannel_id;
        e.nr = irq->u.io.subchannel_nr;
        e.param = irq->u.io.parm;
        e.word = irq->u.io.word;
        return float_fifo_add(vm, &f->io[isc], *bit, &e);
    }
    case S390_IRQ_VIRTIO:
    case S390_IRQ_PFAULT_DONE: {
        bool virtio = irq->type == S390_IRQ_VIRTIO;
        *bit = virtio ? PB_VIRTIO : PB_PFAULT_DONE;
        if (f->count >= vm->max_float)
            return -EBUSY;
        e.param = irq->u.ext.param;
        e.param64 = irq->u.ext.param64;
        return float_fifo_add(vm, virtio ? &f->virtio : &f->pfault_done, *bit,
                              &e);
    }
    default:
        return -EINVAL;
    }
}

int s390_inject_vm(struct s390_vm *vm, const struct s390_irq *irq)
{
    if (!vm)
        return -EINVAL;
    if (!irq || !valid_type((int)irq->type) || !is_floating(irq->type)) {
        vintc_lock(&vm->lock);
        vm->stats.rejected++;
        vintc_unlock(&vm->lock);
        return -EINVAL;
    }
    unsigned bit = 0;
    bool visible;
    enum s390_notify how = NOTIFY_NONE;
    int target = -1;
    vintc_lock(&vm->lock);
    int rc = float_add(vm, irq, &bit, &visible);
    if (rc == 0) {
        vm->stats.injected[irq->type]++;
        if (visible)
            target = s390i_float_target(vm, bit, &how);
    } else {
        vm->stats.rejected++;
    }
    vintc_unlock(&vm->lock);
    if (target >= 0)
        s390i_notify(vm, (unsigned)target, how);
    if (rc == 0)
        vintc_trace(
            &vm->ops, vm->opaque, VINTC_TRACE_S390_INJECT,
            target < 0 ? ~0u : (unsigned)target, (unsigned)irq->type,
            irq->type == S390_IRQ_IO ? irq->u.io.word : irq->u.ext.param, 0, 0);
    return rc;
}

static bool valid_pgm_ilc(uint8_t ilc)
{
    return ilc == 0 || ilc == 2 || ilc == 4 || ilc == 6;
}

/* Kinds of which one at most is pending (external call, program, SVC):
 * claim the slot and mark it pending, or -EBUSY. With the lock; the caller
 * stores the payload before the lock is dropped. */
static int claim_single(struct s390_local *l, unsigned bit)
{
    if (l->busy & PBM(bit))
        return -EBUSY;
    l->busy |= PBM(bit);
    s390i_set_bits(&l->pending, PBM(bit));
    return 0;
}

/* With the lock: add a local interrupt; *bit receives its priority bit
 * (PB_COUNT for STOP/SET_PREFIX, which are not PSW swaps). */
static int local_add(struct s390_vm *vm, struct s390_vcpu *v,
                     const struct s390_irq *irq, unsigned *bit)
{
    struct s390_local *l = &v->local;
    *bit = PB_COUNT;
    switch (irq->type) {
    case S390_IRQ_EMERGENCY:
    case S390_IRQ_MALFUNCTION_ALERT: {
        unsigned src = irq->u.ext.src_cpu;
        if (src >= vm->nr_cpus)
            return -EINVAL;
        bool emerg = irq->type == S390_IRQ_EMERGENCY;
        uint64_t *set = emerg ? l->emerg : l->malf;
        *bit = emerg ? PB_EMERGENCY : PB_MALFUNC;
        set[src / 64] |= UINT64_C(1) << (src % 64);
        s390i_set_bits(&l->pending, PBM(*bit));
        return 0;
    }
    case S390_IRQ_EXTERNAL_CALL:
        if (irq->u.ext.src_cpu >= vm->nr_cpus)
            return -EINVAL;
        *bit = PB_EXTCALL;
        if (claim_single(l, *bit))
            return -EBUSY;
        l->extcall_src = irq->u.ext.src_cpu;
        return 0;
    case S390_IRQ_PFAULT_INIT: {
        struct s390_fifo_entry e = { .param = irq->u.ext.param,
                                     .param64 = irq->u.ext.param64 };
        *bit = PB_PFAULT_INIT;
        if (l->pfault_init.count + l->pfault_init.reserved >= vm->max_float)
            return -EBUSY;
        int rc = s390i_fifo_push(&l->pfault_init, &e);
        if (rc)
            return rc;
        s390i_set_bits(&l->pending, PBM(PB_PFAULT_INIT));
        return 0;
    }
    case S390_IRQ_PROGRAM:
        if (irq->u.pgm.code == 0 || !valid_pgm_ilc(irq->u.pgm.ilc))
            return -EINVAL;
        *bit = PB_PROGRAM;
        if (claim_single(l, *bit))
            return -EBUSY;
        l->pgm = *irq;
        return 0;
    case S390_IRQ_SVC:
        if (irq->u.svc.ilc == 0 || !valid_pgm_ilc(irq->u.svc.ilc))
            return -EINVAL;
        *bit = PB_SVC;
        if (claim_single(l, *bit))
            return -EBUSY;
        l->svc = *irq;
        return 0;
    case S390_IRQ_MCHK: {
        uint64_t mcic = irq->u.mchk.mcic;
        if (!s390i_mcic_exigent(mcic) && !s390i_mcic_cr14_bits(mcic))
            return -EINVAL;
        if (!l->mchk.mcic)
            l->mchk.failing_addr = irq->u.mchk.failing_addr;
        l->mchk.mcic |= mcic;
        l->mchk.ext_damage |= irq->u.mchk.ext_damage;
        l->mchk.cr14_bits = s390i_mcic_cr14_bits(l->mchk.mcic);
        bool exigent = s390i_mcic_exigent(l->mchk.mcic);
        *bit = exigent ? PB_MCHK_EXIGENT : PB_MCHK_REP;
        s390i_clear_bits(&l->pending, PBM(PB_MCHK_EXIGENT) | PBM(PB_MCHK_REP));
        s390i_set_bits(&l->pending, PBM(*bit));
        return 0;
    }
    case S390_IRQ_RESTART:
        *bit = PB_RESTART;
        s390i_set_bits(&l->pending, PBM(PB_RESTART));
        return 0;
    case S390_IRQ_STOP:
        if (v->stop_pending)
            return -EBUSY;
        if (s390i_stopped(v)) {
            /* Already stopped: the stop completes at once. */
            if (irq->u.stop.store_status)
                s390i_owe_status(v);
            v->stats.delivered[S390_IRQ_STOP]++;
            return 0;
        }
        v->stop_pending = true;
        v->stop_store_status = irq->u.stop.store_status;
        return 0;
    case S390_IRQ_SET_PREFIX:
        if (irq->u.prefix.address & ~VINTC_S390_PREFIX_MASK)
            return -EINVAL;
        if (!s390i_stopped(v))
            return -EBUSY;
        v->prefix_pending = true;
        v->new_prefix = irq->u.prefix.address;
        return 0;
    default:
        return -EINVAL;
    }
}

int s390_inject_vcpu(struct s390_vm *vm, unsigned cpu,
                     const struct s390_irq *irq)
{
    if (!vm)
        return -EINVAL;
    if (cpu >= vm->nr_cpus || !irq || !valid_type((int)irq->type) ||
        is_floating(irq->type)) {
        vintc_lock(&vm->lock);
        if (cpu < vm->nr_cpus)
            vm->cpus[cpu].stats.rejected++;
        else
            vm->stats.rejected++;
        vintc_unlock(&vm->lock);
        return -EINVAL;
    }
    struct s390_vcpu *v = &vm->cpus[cpu];
    unsigned bit;
    enum s390_notify how = NOTIFY_NONE;
    vintc_lock(&vm->lock);
    int rc = local_add(vm, v, irq, &bit);
    if (rc == 0) {
        v->stats.injected[irq->type]++;
        if (irq->type == S390_IRQ_STOP) {
            if (v->waiting)
                how = NOTIFY_WAKE; /* a stop ends the wait */
            else if (v->stop_pending) {
                how = NOTIFY_KICK;
                v->stats.kicks++;
            }
        } else if (bit != PB_COUNT) {
            how = s390i_local_notify(vm, cpu, bit);
        }
    } else {
        v->stats.rejected++;
    }
    vintc_unlock(&vm->lock);
    s390i_notify(vm, cpu, how);
    if (rc == 0)
        vintc_trace(&vm->ops, vm->opaque, VINTC_TRACE_S390_INJECT, cpu,
                    (unsigned)irq->type,
                    bit >= PB_MALFUNC && bit <= PB_EXTCALL ? irq->u.ext.src_cpu
                                                           : 0,
                    0, 0);
    return rc;
}
