/* SPDX-License-Identifier: MIT */
/* s390_restore: decode a snapshot into a staging image (queues allocated
 * there), check that it describes a state the VM could be in, then swap it
 * in under the lock. Nothing of the live VM changes before every check
 * passed and every allocation succeeded. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "s390/snapshot/snapshot.h"

struct vcpu_image {
    uint32_t flags;
    uint32_t new_prefix;
    uint32_t owed_prefix;
    struct s390_local local;
    struct s390_stats stats;
};

struct vm_image {
    uint32_t rr_next;
    struct s390_float flt;
    struct s390_stats stats;
    unsigned nr_cpus;
    struct vcpu_image *cpus;
};

static void image_free(struct vm_image *im)
{
    for (unsigned i = 0; i < 8; i++)
        s390i_fifo_free(&im->flt.io[i]);
    s390i_fifo_free(&im->flt.virtio);
    s390i_fifo_free(&im->flt.pfault_done);
    if (im->cpus)
        for (unsigned i = 0; i < im->nr_cpus; i++)
            s390i_fifo_free(&im->cpus[i].local.pfault_init);
    free(im->cpus);
}

/* A queue length: at most the cap, and the entries must be in the blob
 * before anything is allocated for them. */
static int get_count(struct snap_reader *r, uint32_t cap, size_t entry,
                     uint32_t *count)
{
    uint32_t n = snap_get_u32(r);
    if (r->bad || n > cap || n > snap_left(r) / entry)
        return -EINVAL;
    *count = n;
    return 0;
}

static int get_ext_fifo(struct snap_reader *r, uint32_t cap,
                        struct s390_fifo *q)
{
    uint32_t n = 0;
    int rc = get_count(r, cap, S390_SNAP_EXT_ENTRY, &n);
    for (uint32_t i = 0; i < n && !rc; i++) {
        struct s390_fifo_entry e = { 0 };
        e.param = snap_get_u32(r);
        e.param64 = snap_get_u64(r);
        rc = s390i_fifo_push(q, &e);
    }
    return rc;
}

static int get_io_fifo(struct snap_reader *r, uint32_t cap, unsigned isc,
                       struct s390_fifo *q)
{
    uint32_t n = 0;
    int rc = get_count(r, cap, S390_SNAP_IO_ENTRY, &n);
    for (uint32_t i = 0; i < n && !rc; i++) {
        struct s390_fifo_entry e = { 0 };
        e.id = snap_get_u16(r);
        e.nr = snap_get_u16(r);
        e.param = snap_get_u32(r);
        e.word = snap_get_u32(r);
        /* Queued by the ISC in its interruption word. */
        if (((e.word >> 27) & 7u) != isc)
            return -EINVAL;
        rc = s390i_fifo_push(q, &e);
    }
    return rc;
}

/* A machine-check slot is empty (all zero) or holds a condition injection
 * accepts: floating ones repressible with a CR14 subclass, local ones
 * exigent or with a subclass. */
static bool get_mchk(struct snap_reader *r, struct s390_mchk_slot *m,
                     bool floating)
{
    m->mcic = snap_get_u64(r);
    m->ext_damage = snap_get_u32(r);
    m->failing_addr = snap_get_u64(r);
    m->cr14_bits = s390i_mcic_cr14_bits(m->mcic);
    if (!m->mcic)
        return !m->ext_damage && !m->failing_addr;
    if (floating)
        return !s390i_mcic_exigent(m->mcic) && m->cr14_bits;
    return s390i_mcic_exigent(m->mcic) || m->cr14_bits;
}

static int get_float(struct snap_reader *r, const struct s390_vm *vm,
                     struct vm_image *im)
{
    struct s390_float *f = &im->flt;
    uint32_t cap = vm->max_float;
    im->rr_next = snap_get_u32(r);
    uint8_t service = snap_get_u8(r);
    f->service_param = snap_get_u32(r);
    f->service_pending = service == 1;
    if (im->rr_next >= vm->nr_cpus || service > 1 ||
        (!service && f->service_param))
        return -EINVAL;
    if (!get_mchk(r, &f->mchk, true))
        return -EINVAL;
    int rc = get_ext_fifo(r, cap, &f->virtio);
    if (!rc)
        rc = get_ext_fifo(r, cap, &f->pfault_done);
    for (unsigned isc = 0; isc < 8 && !rc; isc++)
        rc = get_io_fifo(r, cap, isc, &f->io[isc]);
    if (rc)
        return rc;
    uint64_t count = (uint64_t)f->service_pending + (f->mchk.mcic != 0) +
                     f->virtio.count + f->pfault_done.count;
    uint32_t pend = 0;
    for (unsigned isc = 0; isc < 8; isc++) {
        count += f->io[isc].count;
        if (f->io[isc].count)
            pend |= PBM(PB_IO0 + isc);
    }
    if (count > cap)
        return -EINVAL;
    f->count = (uint32_t)count;
    if (f->service_pending)
        pend |= PBM(PB_SERVICE);
    if (f->mchk.mcic)
        pend |= PBM(PB_MCHK_FLOAT);
    if (f->virtio.count)
        pend |= PBM(PB_VIRTIO);
    if (f->pfault_done.count)
        pend |= PBM(PB_PFAULT_DONE);
    atomic_init(&f->pending, pend);
    s390i_snap_get_stats(r, &im->stats);
    return 0;
}

static bool valid_ilc(uint8_t ilc, bool zero_ok)
{
    return (ilc == 0 && zero_ok) || ilc == 2 || ilc == 4 || ilc == 6;
}

static void get_pgm(struct snap_reader *r, struct s390_irq *irq)
{
    irq->u.pgm.code = snap_get_u16(r);
    irq->u.pgm.ilc = snap_get_u8(r);
    irq->u.pgm.trans_exc_code = snap_get_u64(r);
    irq->u.pgm.exc_access_id = snap_get_u8(r);
    irq->u.pgm.op_access_id = snap_get_u8(r);
    irq->u.pgm.per_access_id = snap_get_u8(r);
    irq->u.pgm.per_code = snap_get_u8(r);
    irq->u.pgm.per_atmid = snap_get_u8(r);
    irq->u.pgm.per_address = snap_get_u64(r);
    irq->u.pgm.data_exc_code = snap_get_u32(r);
    irq->u.pgm.mon_class_nr = snap_get_u16(r);
    irq->u.pgm.mon_code = snap_get_u64(r);
}

static bool pgm_is_zero(const struct s390_irq *irq)
{
    return !irq->u.pgm.code && !irq->u.pgm.ilc && !irq->u.pgm.trans_exc_code &&
           !irq->u.pgm.exc_access_id && !irq->u.pgm.op_access_id &&
           !irq->u.pgm.per_access_id && !irq->u.pgm.per_code &&
           !irq->u.pgm.per_atmid && !irq->u.pgm.per_address &&
           !irq->u.pgm.data_exc_code && !irq->u.pgm.mon_class_nr &&
           !irq->u.pgm.mon_code;
}

/* Source sets name existing CPUs only. */
static bool sources_valid(const uint64_t set[4], unsigned nr_cpus)
{
    for (unsigned w = 0; w < 4; w++) {
        uint64_t allowed = nr_cpus >= 64 * (w + 1) ? UINT64_MAX
                           : nr_cpus <= 64 * w
                               ? 0
                               : (UINT64_C(1) << (nr_cpus - 64 * w)) - 1;
        if (set[w] & ~allowed)
            return false;
    }
    return true;
}

static bool set_nonempty(const uint64_t set[4])
{
    return (set[0] | set[1] | set[2] | set[3]) != 0;
}

/* The pending bits and busy slots the decoded payloads stand for. */
static void local_bits(struct vcpu_image *c)
{
    struct s390_local *l = &c->local;
    uint32_t p = 0;
    if (l->mchk.mcic)
        p |= s390i_mcic_exigent(l->mchk.mcic) ? PBM(PB_MCHK_EXIGENT)
                                              : PBM(PB_MCHK_REP);
    if (c->flags & S390_SNAP_SVC)
        p |= PBM(PB_SVC);
    if (c->flags & S390_SNAP_PROGRAM)
        p |= PBM(PB_PROGRAM);
    if (set_nonempty(l->malf))
        p |= PBM(PB_MALFUNC);
    if (set_nonempty(l->emerg))
        p |= PBM(PB_EMERGENCY);
    if (c->flags & S390_SNAP_EXTCALL)
        p |= PBM(PB_EXTCALL);
    if (l->pfault_init.count)
        p |= PBM(PB_PFAULT_INIT);
    if (c->flags & S390_SNAP_RESTART)
        p |= PBM(PB_RESTART);
    atomic_init(&l->pending, p);
    l->busy = p & (PBM(PB_EXTCALL) | PBM(PB_SVC) | PBM(PB_PROGRAM));
}

static int get_vcpu(struct snap_reader *r, const struct s390_vm *vm,
                    struct vcpu_image *c)
{
    struct s390_local *l = &c->local;
    uint32_t f = c->flags = snap_get_u16(r);
    c->new_prefix = snap_get_u32(r);
    c->owed_prefix = snap_get_u32(r);
    for (unsigned i = 0; i < 4; i++)
        l->emerg[i] = snap_get_u64(r);
    for (unsigned i = 0; i < 4; i++)
        l->malf[i] = snap_get_u64(r);
    l->extcall_src = snap_get_u16(r);
    l->svc.u.svc.code = snap_get_u16(r);
    l->svc.u.svc.ilc = snap_get_u8(r);
    get_pgm(r, &l->pgm);
    bool ok = get_mchk(r, &l->mchk, false);
    int rc = get_ext_fifo(r, vm->max_float, &l->pfault_init);
    s390i_snap_get_stats(r, &c->stats);
    if (rc)
        return rc;
    if (f & S390_SNAP_SVC)
        l->svc.type = S390_IRQ_SVC;
    if (f & S390_SNAP_PROGRAM)
        l->pgm.type = S390_IRQ_PROGRAM;
    /* A stop is pending only on an operating vCPU (one already stopped
     * completes it at once); a payload or source exists only with its
     * interrupt pending; the rest as injection validates it. */
    ok &= !(f & ~S390_SNAP_FLAGS_ALL);
    ok &= !((f & S390_SNAP_STOP_PENDING) && (f & S390_SNAP_STOPPED));
    ok &= !((f & S390_SNAP_STOP_STORE_STATUS) && !(f & S390_SNAP_STOP_PENDING));
    ok &= (f & S390_SNAP_PREFIX_PENDING)
              ? !(c->new_prefix & ~VINTC_S390_PREFIX_MASK)
              : c->new_prefix == 0;
    ok &= !((f & S390_SNAP_OWED_PREFIX) && !(f & S390_SNAP_STORE_STATUS_OWED));
    ok &= (f & S390_SNAP_OWED_PREFIX)
              ? !(c->owed_prefix & ~VINTC_S390_PREFIX_MASK)
              : c->owed_prefix == 0;
    ok &= sources_valid(l->emerg, vm->nr_cpus) &&
          sources_valid(l->malf, vm->nr_cpus);
    ok &= (f & S390_SNAP_EXTCALL) ? l->extcall_src < vm->nr_cpus
                                  : l->extcall_src == 0;
    ok &= (f & S390_SNAP_SVC) ? valid_ilc(l->svc.u.svc.ilc, false)
                              : !l->svc.u.svc.code && !l->svc.u.svc.ilc;
    ok &= (f & S390_SNAP_PROGRAM)
              ? l->pgm.u.pgm.code != 0 && valid_ilc(l->pgm.u.pgm.ilc, true)
              : pgm_is_zero(&l->pgm);
    if (!ok)
        return -EINVAL;
    local_bits(c);
    return 0;
}

static int decode(struct snap_reader *r, const struct s390_vm *vm,
                  struct vm_image *im)
{
    int rc = get_float(r, vm, im);
    for (unsigned i = 0; i < vm->nr_cpus && !rc; i++)
        rc = get_vcpu(r, vm, &im->cpus[i]);
    if (!rc && !snap_done(r))
        rc = -EINVAL;
    return rc;
}

static void swap_fifo(struct s390_fifo *a, struct s390_fifo *b)
{
    struct s390_fifo t = *a;
    *a = *b;
    *b = t;
}

/* With the lock: install the image; the replaced queues move into it and
 * are freed by the caller after unlocking. */
static void install(struct s390_vm *vm, struct vm_image *im)
{
    struct s390_float *f = &vm->flt;
    vm->rr_next = im->rr_next;
    vm->stats = im->stats;
    f->count = im->flt.count;
    f->service_pending = im->flt.service_pending;
    f->service_param = im->flt.service_param;
    f->service_inflight = false;
    f->service_inflight_param = 0;
    f->mchk = im->flt.mchk;
    for (unsigned i = 0; i < 8; i++)
        swap_fifo(&f->io[i], &im->flt.io[i]);
    swap_fifo(&f->virtio, &im->flt.virtio);
    swap_fifo(&f->pfault_done, &im->flt.pfault_done);
    atomic_store_explicit(&f->pending, s390i_load(&im->flt.pending),
                          memory_order_release);
    for (unsigned i = 0; i < vm->nr_cpus; i++) {
        struct s390_vcpu *v = &vm->cpus[i];
        struct vcpu_image *c = &im->cpus[i];
        struct s390_local *l = &v->local, *n = &c->local;
        memcpy(l->emerg, n->emerg, sizeof(l->emerg));
        memcpy(l->malf, n->malf, sizeof(l->malf));
        l->extcall_src = n->extcall_src;
        l->svc = n->svc;
        l->pgm = n->pgm;
        l->mchk = n->mchk;
        l->busy = n->busy;
        swap_fifo(&l->pfault_init, &n->pfault_init);
        atomic_store_explicit(&l->pending, s390i_load(&n->pending),
                              memory_order_release);
        atomic_store_explicit(&v->stopped, (c->flags & S390_SNAP_STOPPED) != 0,
                              memory_order_release);
        v->stop_pending = c->flags & S390_SNAP_STOP_PENDING;
        v->stop_store_status = c->flags & S390_SNAP_STOP_STORE_STATUS;
        v->store_status_owed = c->flags & S390_SNAP_STORE_STATUS_OWED;
        v->owed_prefix_pending = c->flags & S390_SNAP_OWED_PREFIX;
        v->owed_prefix = c->owed_prefix;
        v->prefix_pending = c->flags & S390_SNAP_PREFIX_PENDING;
        v->new_prefix = c->new_prefix;
        v->stats = c->stats;
    }
}

int s390_restore(struct s390_vm *vm, const void *buf, size_t len)
{
    if (!vm || !buf)
        return -EINVAL;
    struct snap_reader cfg, payload;
    uint16_t version;
    int rc = snap_open(buf, len, VINTC_SNAP_KIND_S390, S390_SNAP_VERSION,
                       &version, &cfg, &payload);
    if (rc)
        return rc;
    uint32_t nr_cpus = snap_get_u32(&cfg), max_float = snap_get_u32(&cfg);
    if (!snap_done(&cfg) || nr_cpus != vm->nr_cpus ||
        max_float != vm->max_float)
        return -EINVAL;
    struct vm_image im;
    memset(&im, 0, sizeof(im));
    im.nr_cpus = vm->nr_cpus;
    im.cpus = calloc(vm->nr_cpus, sizeof(*im.cpus));
    if (!im.cpus)
        return -ENOMEM;
    rc = decode(&payload, vm, &im);
    if (!rc) {
        vintc_lock(&vm->lock);
        if (s390i_any_delivering(vm))
            rc = -EBUSY;
        else
            install(vm, &im);
        vintc_unlock(&vm->lock);
    }
    image_free(&im);
    return rc;
}
