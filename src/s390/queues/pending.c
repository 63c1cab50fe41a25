/* SPDX-License-Identifier: MIT */
/* Taking interrupts out of the pending state for delivery, committing them
 * and putting them back after a failed delivery. All with the VM lock. */
#include "s390/queues/pending.h"

#include <string.h>

#include "common/bits.h"

bool s390i_mcic_exigent(uint64_t mcic)
{
    return (mcic & (VINTC_S390_MCIC_SD | VINTC_S390_MCIC_PD)) != 0;
}

/* Library choice (documented in s390.h): which CR14 subclass mask enables a
 * repressible condition. Timing-facility, service-processor and
 * channel-subsystem damage are reported under the external-damage mask. */
uint64_t s390i_mcic_cr14_bits(uint64_t mcic)
{
    uint64_t m = 0;
    if (mcic & VINTC_S390_MCIC_CP)
        m |= VINTC_S390_CR14_CHANNEL_REPORT;
    if (mcic & VINTC_S390_MCIC_SR)
        m |= VINTC_S390_CR14_RECOVERY;
    if (mcic & VINTC_S390_MCIC_DG)
        m |= VINTC_S390_CR14_DEGRADATION;
    if (mcic & (VINTC_S390_MCIC_ED | VINTC_S390_MCIC_CD | VINTC_S390_MCIC_SP |
                VINTC_S390_MCIC_CK))
        m |= VINTC_S390_CR14_EXT_DAMAGE;
    if (mcic & VINTC_S390_MCIC_W)
        m |= VINTC_S390_CR14_WARNING;
    return m;
}

uint32_t s390i_pending_bits(const struct s390_local *l,
                            const struct s390_float *f, uint64_t cr14)
{
    uint32_t p = s390i_load(&l->pending) | s390i_load(&f->pending);
    if ((p & PBM(PB_MCHK_REP)) && !(cr14 & l->mchk.cr14_bits))
        p &= ~PBM(PB_MCHK_REP);
    if ((p & PBM(PB_MCHK_FLOAT)) && !(cr14 & f->mchk.cr14_bits))
        p &= ~PBM(PB_MCHK_FLOAT);
    return p;
}

static unsigned take_lowest_source(uint64_t set[4])
{
    for (unsigned w = 0; w < 4; w++) {
        if (set[w]) {
            unsigned b = vintc_ctz64(set[w]);
            set[w] &= ~(UINT64_C(1) << b);
            return w * 64 + b;
        }
    }
    return 0;
}

static bool set_empty(const uint64_t set[4])
{
    return !(set[0] | set[1] | set[2] | set[3]);
}

static void mchk_merge(struct s390_mchk_slot *dst,
                       const struct s390_mchk_slot *src)
{
    /* Machine-check conditions accumulate: codes and damage OR together;
     * the failing address of the first condition is kept. */
    if (!dst->mcic)
        dst->failing_addr = src->failing_addr;
    dst->mcic |= src->mcic;
    dst->ext_damage |= src->ext_damage;
    dst->cr14_bits = s390i_mcic_cr14_bits(dst->mcic);
}

static void local_mchk_bit(struct s390_local *l)
{
    s390i_clear_bits(&l->pending, PBM(PB_MCHK_EXIGENT) | PBM(PB_MCHK_REP));
    if (l->mchk.mcic)
        s390i_set_bits(&l->pending, s390i_mcic_exigent(l->mchk.mcic)
                                        ? PBM(PB_MCHK_EXIGENT)
                                        : PBM(PB_MCHK_REP));
}

static void from_fifo(const struct s390_fifo_entry *e, struct s390_irq *irq)
{
    if (irq->type == S390_IRQ_IO) {
        irq->u.io.subchannel_id = e->id;
        irq->u.io.subchannel_nr = e->nr;
        irq->u.io.parm = e->param;
        irq->u.io.word = e->word;
    } else {
        irq->u.ext.param = e->param;
        irq->u.ext.param64 = e->param64;
        irq->u.ext.src_cpu = 0;
    }
}

static void to_fifo(const struct s390_irq *irq, struct s390_fifo_entry *e)
{
    memset(e, 0, sizeof(*e));
    if (irq->type == S390_IRQ_IO) {
        e->id = irq->u.io.subchannel_id;
        e->nr = irq->u.io.subchannel_nr;
        e->param = irq->u.io.parm;
        e->word = irq->u.io.word;
    } else {
        e->param = irq->u.ext.param;
        e->param64 = irq->u.ext.param64;
    }
}

static void take_fifo(struct s390_fifo *q, _Atomic uint32_t *pend, unsigned bit,
                      struct s390_irq *irq)
{
    struct s390_fifo_entry e;
    s390i_fifo_take(q, &e);
    if (!q->count)
        s390i_clear_bits(pend, PBM(bit));
    from_fifo(&e, irq);
}

static void putback_fifo(struct s390_fifo *q, _Atomic uint32_t *pend,
                         unsigned bit, const struct s390_irq *irq)
{
    struct s390_fifo_entry e;
    to_fifo(irq, &e);
    s390i_fifo_putback(q, &e);
    s390i_set_bits(pend, PBM(bit));
}

void s390i_take(struct s390_local *l, struct s390_float *f, unsigned bit,
                struct s390_item *it)
{
    memset(it, 0, sizeof(*it));
    it->bit = bit;
    switch (bit) {
    case PB_MCHK_EXIGENT:
    case PB_MCHK_REP:
        it->irq.type = S390_IRQ_MCHK;
        it->irq.u.mchk.mcic = l->mchk.mcic;
        it->irq.u.mchk.ext_damage = l->mchk.ext_damage;
        it->irq.u.mchk.failing_addr = l->mchk.failing_addr;
        memset(&l->mchk, 0, sizeof(l->mchk));
        local_mchk_bit(l);
        break;
    case PB_SVC:
        it->irq = l->svc; /* payload stays until commit */
        s390i_clear_bits(&l->pending, PBM(bit));
        break;
    case PB_PROGRAM:
        it->irq = l->pgm;
        s390i_clear_bits(&l->pending, PBM(bit));
        break;
    case PB_MCHK_FLOAT:
        it->irq.type = S390_IRQ_MCHK_FLOAT;
        it->irq.u.mchk.mcic = f->mchk.mcic;
        it->irq.u.mchk.ext_damage = f->mchk.ext_damage;
        it->irq.u.mchk.failing_addr = f->mchk.failing_addr;
        memset(&f->mchk, 0, sizeof(f->mchk));
        s390i_clear_bits(&f->pending, PBM(bit));
        break;
    case PB_MALFUNC:
    case PB_EMERGENCY: {
        uint64_t *set = bit == PB_MALFUNC ? l->malf : l->emerg;
        it->irq.type = bit == PB_MALFUNC ? S390_IRQ_MALFUNCTION_ALERT
                                         : S390_IRQ_EMERGENCY;
        it->irq.u.ext.src_cpu = (uint16_t)take_lowest_source(set);
        if (set_empty(set))
            s390i_clear_bits(&l->pending, PBM(bit));
        break;
    }
    case PB_EXTCALL:
        it->irq.type = S390_IRQ_EXTERNAL_CALL;
        it->irq.u.ext.src_cpu = l->extcall_src;
        s390i_clear_bits(&l->pending, PBM(bit));
        break;
    case PB_CKC:
    case PB_CPU_TIMER:
        /* Conditions: nothing is taken; they stay true until the VMM
         * changes the CKC, the TOD epoch or the CPU timer. */
        break;
    case PB_SERVICE:
        it->irq.type = S390_IRQ_SERVICE;
        it->irq.u.ext.param = f->service_param;
        f->service_inflight = true;
        f->service_inflight_param = f->service_param;
        f->service_pending = false;
        f->service_param = 0;
        s390i_clear_bits(&f->pending, PBM(bit));
        break;
    case PB_PFAULT_INIT:
        it->irq.type = S390_IRQ_PFAULT_INIT;
        take_fifo(&l->pfault_init, &l->pending, bit, &it->irq);
        break;
    case PB_PFAULT_DONE:
        it->irq.type = S390_IRQ_PFAULT_DONE;
        take_fifo(&f->pfault_done, &f->pending, bit, &it->irq);
        break;
    case PB_VIRTIO:
        it->irq.type = S390_IRQ_VIRTIO;
        take_fifo(&f->virtio, &f->pending, bit, &it->irq);
        break;
    case PB_RESTART:
        it->irq.type = S390_IRQ_RESTART;
        s390i_clear_bits(&l->pending, PBM(bit));
        break;
    default: /* I/O */
        it->irq.type = S390_IRQ_IO;
        take_fifo(&f->io[bit - PB_IO0], &f->pending, bit, &it->irq);
        break;
    }
}

bool s390i_commit(struct s390_local *l, struct s390_float *f,
                  const struct s390_item *it)
{
    switch (it->bit) {
    case PB_SVC:
    case PB_PROGRAM:
    case PB_EXTCALL:
        l->busy &= ~PBM(it->bit);
        return false;
    case PB_PFAULT_INIT:
        s390i_fifo_commit(&l->pfault_init);
        return false;
    case PB_MCHK_FLOAT:
        f->count--;
        return false;
    case PB_SERVICE:
        f->count--;
        f->service_inflight = false;
        if (f->service_pending) {
            s390i_set_bits(&f->pending, PBM(PB_SERVICE));
            return true;
        }
        return false;
    case PB_PFAULT_DONE:
        s390i_fifo_commit(&f->pfault_done);
        f->count--;
        return false;
    case PB_VIRTIO:
        s390i_fifo_commit(&f->virtio);
        f->count--;
        return false;
    default:
        if (it->bit >= PB_IO0 && it->bit <= PB_IO7) {
            s390i_fifo_commit(&f->io[it->bit - PB_IO0]);
            f->count--;
        }
        return false;
    }
}

bool s390i_putback(struct s390_local *l, struct s390_float *f,
                   const struct s390_item *it)
{
    struct s390_mchk_slot m = {
        .mcic = it->irq.u.mchk.mcic,
        .ext_damage = it->irq.u.mchk.ext_damage,
        .failing_addr = it->irq.u.mchk.failing_addr,
    };
    switch (it->bit) {
    case PB_MCHK_EXIGENT:
    case PB_MCHK_REP:
        mchk_merge(&l->mchk, &m);
        local_mchk_bit(l);
        return false;
    case PB_SVC:
    case PB_PROGRAM:
    case PB_EXTCALL:
    case PB_RESTART:
        s390i_set_bits(&l->pending, PBM(it->bit));
        return false;
    case PB_MALFUNC:
    case PB_EMERGENCY: {
        uint64_t *set = it->bit == PB_MALFUNC ? l->malf : l->emerg;
        unsigned src = it->irq.u.ext.src_cpu;
        set[src / 64] |= UINT64_C(1) << (src % 64);
        s390i_set_bits(&l->pending, PBM(it->bit));
        return false;
    }
    case PB_CKC:
    case PB_CPU_TIMER:
        return false;
    case PB_PFAULT_INIT:
        putback_fifo(&l->pfault_init, &l->pending, it->bit, &it->irq);
        return false;
    case PB_MCHK_FLOAT:
        if (f->mchk.mcic)
            f->count--; /* merges into a newer one */
        mchk_merge(&f->mchk, &m);
        s390i_set_bits(&f->pending, PBM(PB_MCHK_FLOAT));
        return true;
    case PB_SERVICE: {
        uint32_t a = f->service_inflight_param, b = f->service_param;
        if (f->service_pending) {
            /* Injection checked both addresses against each other. */
            f->count--;
            uint32_t addr = (a & ~7u) ? (a & ~7u) : (b & ~7u);
            f->service_param = addr | ((a | b) & 7u);
        } else {
            f->service_param = a;
        }
        f->service_pending = true;
        f->service_inflight = false;
        s390i_set_bits(&f->pending, PBM(PB_SERVICE));
        return true;
    }
    case PB_PFAULT_DONE:
        putback_fifo(&f->pfault_done, &f->pending, it->bit, &it->irq);
        return true;
    case PB_VIRTIO:
        putback_fifo(&f->virtio, &f->pending, it->bit, &it->irq);
        return true;
    default:
        putback_fifo(&f->io[it->bit - PB_IO0], &f->pending, it->bit, &it->irq);
        return true;
    }
}

void s390i_local_clear(struct s390_local *l)
{
    atomic_store_explicit(&l->pending, 0, memory_order_release);
    l->busy = 0;
    memset(l->emerg, 0, sizeof(l->emerg));
    memset(l->malf, 0, sizeof(l->malf));
    l->extcall_src = 0;
    memset(&l->svc, 0, sizeof(l->svc));
    memset(&l->pgm, 0, sizeof(l->pgm));
    memset(&l->mchk, 0, sizeof(l->mchk));
    s390i_fifo_clear(&l->pfault_init);
}
