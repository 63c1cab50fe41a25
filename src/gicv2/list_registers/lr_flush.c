/* SPDX-License-Identifier: MIT */
/* gic_lr_flush: the vCPU's pending and active interrupts into its list
 * registers before guest entry (IHI0048B 5.3.5, GICH_LRn). */
#include <errno.h>
#include <string.h>

#include "common/trace.h"
#include "gicv2/list_registers/lr_backend.h"

struct lr_pick {
    uint16_t idx;
    uint16_t key; /* priority << 1 | active: pending first at a tie */
    bool pend, act;
};

struct lr_selection {
    unsigned n, cap;
    bool pend_out, act_out; /* interrupts left outside the LRs */
    struct lr_pick pick[VINTC_GIC_MAX_LRS];
};

static void note_left_out(struct lr_selection *s, const struct lr_pick *p)
{
    s->pend_out |= p->pend;
    s->act_out |= p->act;
}

/* Keep the `cap` best candidates in key order; equal keys keep list order
 * (the order in which they became pending here). */
static void select_candidate(struct lr_selection *s, struct lr_pick p)
{
    if (s->n == s->cap) {
        if (p.key >= s->pick[s->n - 1].key) {
            note_left_out(s, &p);
            return;
        }
        note_left_out(s, &s->pick[--s->n]);
    }
    unsigned i = s->n++;
    while (i > 0 && s->pick[i - 1].key > p.key) {
        s->pick[i] = s->pick[i - 1];
        i--;
    }
    s->pick[i] = p;
}

/* Encode one LR and hand the interrupt's pending state to it. */
static uint32_t lr_encode(struct gic *g, unsigned cpu, const struct lr_pick *p)
{
    unsigned idx = p->idx;
    uint32_t lr = gic_idx_id(idx) | (uint32_t)(g->prio[idx] >> 3)
                                        << VINTC_GICH_LR_PRIORITY_SHIFT;
    if (gic_test(g->group, idx))
        lr |= VINTC_GICH_LR_GRP1;
    uint32_t state = p->act ? VINTC_GICH_LR_STATE_ACTIVE : 0;

    if (g->pirq[idx]) {
        /* HW = 1: never pending+active, the pending state stays here. */
        lr |= VINTC_GICH_LR_HW | (uint32_t)g->pirq[idx]
                                     << VINTC_GICH_LR_PHYSID_SHIFT;
        if (!p->act) {
            state = VINTC_GICH_LR_STATE_PENDING;
            if (gic_test(g->edge, idx))
                gic_assign(g->latch, idx, false);
        }
    } else if (gic_idx_is_sgi(idx)) {
        /* One source at a time, lowest first; EOI maintenance brings the
         * next one. */
        unsigned sgi = idx % 32;
        uint8_t src = g->sgi_src[cpu][sgi];
        unsigned from = p->act ? g->sgi_act_src[cpu][sgi] : vintc_ctz32(src);
        if (p->pend && (src >> from) & 1u) {
            state |= VINTC_GICH_LR_STATE_PENDING;
            src = (uint8_t)(src & ~(1u << from));
        }
        if (src)
            lr |= VINTC_GICH_LR_EOI;
        lr |= from << VINTC_GICH_LR_CPUID_SHIFT;
        g->sgi_src[cpu][sgi] = src;
        gic_assign(g->latch, idx, src != 0);
    } else if (!gic_test(g->edge, idx)) {
        /* Level: never pending+active; EOI maintenance lets the line be
         * re-sampled and irq_eoi be called. */
        lr |= VINTC_GICH_LR_EOI;
        if (!p->act)
            state = VINTC_GICH_LR_STATE_PENDING;
    } else if (p->pend) {
        state |= VINTC_GICH_LR_STATE_PENDING;
        gic_assign(g->latch, idx, false);
    }
    return lr | state;
}

static void set_hcr(struct gic_vif *vif, const struct lr_selection *s,
                    unsigned nr_lrs)
{
    uint32_t hcr = (vif->hcr & ~(VINTC_GICH_HCR_UIE | VINTC_GICH_HCR_NPIE |
                                 VINTC_GICH_HCR_LRENPIE)) |
                   VINTC_GICH_HCR_EN;
    if (s->pend_out || s->act_out) {
        bool lr_pending = false;
        for (unsigned i = 0; i < s->n; i++)
            lr_pending |= (vif->lr[i] & VINTC_GICH_LR_STATE_MASK) ==
                          VINTC_GICH_LR_STATE_PENDING;
        /* Underflow needs two LRs to mean anything; with one LR an active
         * interrupt asks for EOI maintenance instead. */
        if (nr_lrs >= 2)
            hcr |= VINTC_GICH_HCR_UIE;
        else if (!(vif->lr[0] &
                   (VINTC_GICH_LR_HW | VINTC_GICH_LR_STATE_PENDING)))
            vif->lr[0] |= VINTC_GICH_LR_EOI;
        if (s->pend_out && lr_pending)
            hcr |= VINTC_GICH_HCR_NPIE;
        if (s->act_out)
            hcr |= VINTC_GICH_HCR_LRENPIE;
    }
    vif->hcr = hcr;
}

int gic_lr_flush(struct gic *gic, unsigned cpu, struct gic_vif *vif)
{
    if (!gic || !vif || cpu >= gic->cfg.nr_cpus)
        return -EINVAL;
    if (gic->cfg.backend != GIC_BACKEND_LR)
        return -EOPNOTSUPP;
    struct gic_cpu *c = &gic->cpu[cpu];
    unsigned nr_lrs = gic->cfg.nr_lrs;

    if (atomic_load_explicit(&c->queued, memory_order_acquire) == 0) {
        /* Nothing pending or active here, so nothing is in the LRs either. */
        vif->hcr = (vif->hcr & ~(VINTC_GICH_HCR_UIE | VINTC_GICH_HCR_NPIE |
                                 VINTC_GICH_HCR_LRENPIE)) |
                   VINTC_GICH_HCR_EN;
        memset(vif->lr, 0, nr_lrs * sizeof(vif->lr[0]));
        atomic_store_explicit(
            &c->empty_flushes,
            atomic_load_explicit(&c->empty_flushes, memory_order_relaxed) + 1,
            memory_order_relaxed);
        return 0;
    }

    vintc_lock(&gic->lock);
    if (c->lr_count) {
        struct lr_eoi_list none = { 0 };
        lr_fold(gic, cpu, c->lr_val, &none);
    }
    struct lr_selection s = { .cap = nr_lrs };
    for (unsigned idx = c->head; idx != GIC_NIL; idx = gic->next[idx]) {
        struct lr_pick p = {
            .idx = (uint16_t)idx,
            .act = gic_test(gic->active, idx),
            .pend = gic_irq_forwardable(gic, idx),
        };
        if (!p.act && !p.pend)
            continue;
        p.key = (uint16_t)(gic->prio[idx] << 1 | p.act);
        select_candidate(&s, p);
    }
    for (unsigned i = 0; i < s.n; i++) {
        unsigned idx = s.pick[i].idx;
        uint32_t lr = lr_encode(gic, cpu, &s.pick[i]);
        vif->lr[i] = lr;
        c->lr_idx[i] = (uint16_t)idx;
        gic_assign(gic->in_lr, idx, true);
        gic->lr_slot[idx] = (uint8_t)i;
        gic->dirty[idx] = 0;
    }
    memset(&vif->lr[s.n], 0, (nr_lrs - s.n) * sizeof(vif->lr[0]));
    set_hcr(vif, &s, nr_lrs);
    for (unsigned i = 0; i < s.n; i++)
        c->lr_val[i] = vif->lr[i];
    c->lr_count = s.n;
    c->stats.lr_flushes++;
    c->stats.lr_writes += s.n;
    if (s.pend_out || s.act_out)
        c->stats.lr_overflows++;
    uint32_t hcr = vif->hcr;
    vintc_unlock(&gic->lock);
    vintc_trace(&gic->ops, gic->opaque, VINTC_TRACE_GIC_LR_FLUSH, cpu, 0, s.n,
                hcr, 0);
    return (int)s.n;
}
