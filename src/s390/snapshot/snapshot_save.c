/* SPDX-License-Identifier: MIT */
/* s390_save: floating queues in their order, every vCPU's local interrupts,
 * stopped state and statistics into a snapshot blob. */
#include <errno.h>

#include "s390/snapshot/snapshot.h"

static void put_ext_fifo(struct snap_writer *w, const struct s390_fifo *q)
{
    snap_put_u32(w, q->count);
    for (uint32_t i = 0; i < q->count; i++) {
        const struct s390_fifo_entry *e = s390i_fifo_at(q, i);
        snap_put_u32(w, e->param);
        snap_put_u64(w, e->param64);
    }
}

static void put_io_fifo(struct snap_writer *w, const struct s390_fifo *q)
{
    snap_put_u32(w, q->count);
    for (uint32_t i = 0; i < q->count; i++) {
        const struct s390_fifo_entry *e = s390i_fifo_at(q, i);
        snap_put_u16(w, e->id);
        snap_put_u16(w, e->nr);
        snap_put_u32(w, e->param);
        snap_put_u32(w, e->word);
    }
}

static void put_mchk(struct snap_writer *w, const struct s390_mchk_slot *m)
{
    snap_put_u64(w, m->mcic);
    snap_put_u32(w, m->ext_damage);
    snap_put_u64(w, m->failing_addr);
}

static void put_float(struct snap_writer *w, const struct s390_vm *vm)
{
    const struct s390_float *f = &vm->flt;
    snap_put_u32(w, vm->rr_next);
    snap_put_u8(w, f->service_pending);
    snap_put_u32(w, f->service_pending ? f->service_param : 0);
    put_mchk(w, &f->mchk);
    put_ext_fifo(w, &f->virtio);
    put_ext_fifo(w, &f->pfault_done);
    for (unsigned isc = 0; isc < 8; isc++)
        put_io_fifo(w, &f->io[isc]);
    s390i_snap_put_stats(w, &vm->stats);
}

static void put_pgm(struct snap_writer *w, const struct s390_irq *irq)
{
    snap_put_u16(w, irq->u.pgm.code);
    snap_put_u8(w, irq->u.pgm.ilc);
    snap_put_u64(w, irq->u.pgm.trans_exc_code);
    snap_put_u8(w, irq->u.pgm.exc_access_id);
    snap_put_u8(w, irq->u.pgm.op_access_id);
    snap_put_u8(w, irq->u.pgm.per_access_id);
    snap_put_u8(w, irq->u.pgm.per_code);
    snap_put_u8(w, irq->u.pgm.per_atmid);
    snap_put_u64(w, irq->u.pgm.per_address);
    snap_put_u32(w, irq->u.pgm.data_exc_code);
    snap_put_u16(w, irq->u.pgm.mon_class_nr);
    snap_put_u64(w, irq->u.pgm.mon_code);
}

static uint32_t vcpu_flags(const struct s390_vcpu *v)
{
    uint32_t p = s390i_load(&v->local.pending), f = 0;
    if (s390i_stopped(v))
        f |= S390_SNAP_STOPPED;
    if (v->stop_pending)
        f |= S390_SNAP_STOP_PENDING;
    if (v->stop_pending && v->stop_store_status)
        f |= S390_SNAP_STOP_STORE_STATUS;
    if (v->store_status_owed)
        f |= S390_SNAP_STORE_STATUS_OWED;
    if (v->prefix_pending)
        f |= S390_SNAP_PREFIX_PENDING;
    if (p & PBM(PB_RESTART))
        f |= S390_SNAP_RESTART;
    if (p & PBM(PB_EXTCALL))
        f |= S390_SNAP_EXTCALL;
    if (p & PBM(PB_SVC))
        f |= S390_SNAP_SVC;
    if (p & PBM(PB_PROGRAM))
        f |= S390_SNAP_PROGRAM;
    if (v->store_status_owed && v->owed_prefix_pending)
        f |= S390_SNAP_OWED_PREFIX;
    return f;
}

static void put_vcpu(struct snap_writer *w, const struct s390_vcpu *v)
{
    const struct s390_local *l = &v->local;
    uint32_t flags = vcpu_flags(v);
    static const struct s390_irq none;
    snap_put_u16(w, (uint16_t)flags);
    snap_put_u32(w, (flags & S390_SNAP_PREFIX_PENDING) ? v->new_prefix : 0);
    snap_put_u32(w, (flags & S390_SNAP_OWED_PREFIX) ? v->owed_prefix : 0);
    for (unsigned i = 0; i < 4; i++)
        snap_put_u64(w, l->emerg[i]);
    for (unsigned i = 0; i < 4; i++)
        snap_put_u64(w, l->malf[i]);
    snap_put_u16(w, (flags & S390_SNAP_EXTCALL) ? l->extcall_src : 0);
    const struct s390_irq *svc = (flags & S390_SNAP_SVC) ? &l->svc : &none;
    snap_put_u16(w, svc->u.svc.code);
    snap_put_u8(w, svc->u.svc.ilc);
    put_pgm(w, (flags & S390_SNAP_PROGRAM) ? &l->pgm : &none);
    put_mchk(w, &l->mchk);
    put_ext_fifo(w, &l->pfault_init);
    s390i_snap_put_stats(w, &v->stats);
}

int s390_save(struct s390_vm *vm, void *buf, size_t len)
{
    if (!vm)
        return -EINVAL;
    vintc_lock(&vm->lock);
    if (s390i_any_delivering(vm)) {
        vintc_unlock(&vm->lock);
        return -EBUSY;
    }
    struct snap_writer w;
    snap_begin(&w, buf, len, VINTC_SNAP_KIND_S390, S390_SNAP_VERSION);
    snap_put_u32(&w, vm->nr_cpus);
    snap_put_u32(&w, vm->max_float);
    snap_begin_payload(&w);
    put_float(&w, vm);
    for (unsigned i = 0; i < vm->nr_cpus; i++)
        put_vcpu(&w, &vm->cpus[i]);
    int rc = snap_finish(&w);
    vintc_unlock(&vm->lock);
    return rc;
}
