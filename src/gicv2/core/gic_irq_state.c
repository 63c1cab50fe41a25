/* SPDX-License-Identifier: MIT */
/* Where each interrupt belongs, and the per-vCPU lists of interrupts that
 * are pending or active there. */
#include "gicv2/core/gic_internal.h"

uint32_t gic_irq_lr_state(const struct gic *g, unsigned idx)
{
    if (!gic_test(g->in_lr, idx))
        return 0;
    const struct gic_cpu *c = &g->cpu[g->owner[idx]];
    return c->lr_val[g->lr_slot[idx]] & VINTC_GICH_LR_STATE_MASK;
}

bool gic_irq_pending_view(const struct gic *g, unsigned idx)
{
    if (gic_irq_pending(g, idx))
        return true;
    /* Level-sensitive: latch OR line, nothing else (IHI 0048B 4.3.7). The
     * pending state an LR holds is a copy of the line, not a latch: a flush
     * leaves the latch here, so once the line drops the interrupt is no
     * longer pending even though the LR still says so. */
    if (!gic_test(g->edge, idx))
        return false;
    return !(g->dirty[idx] & GIC_DIRTY_PEND) &&
           (gic_irq_lr_state(g, idx) & VINTC_GICH_LR_STATE_PENDING);
}

bool gic_irq_active_view(const struct gic *g, unsigned idx)
{
    if (g->dirty[idx] & GIC_DIRTY_ACT)
        return gic_test(g->active, idx);
    return gic_test(g->active, idx) ||
           (gic_irq_lr_state(g, idx) & VINTC_GICH_LR_STATE_ACTIVE);
}

uint8_t gic_sgi_sources_view(const struct gic *g, unsigned idx)
{
    unsigned cpu = idx / 32, sgi = idx % 32;
    uint8_t src = g->sgi_src[cpu][sgi];
    if (!(g->dirty[idx] & GIC_DIRTY_PEND) &&
        (gic_irq_lr_state(g, idx) & VINTC_GICH_LR_STATE_PENDING)) {
        uint32_t lr = g->cpu[cpu].lr_val[g->lr_slot[idx]];
        src = (uint8_t)(src | 1u << ((lr & VINTC_GICH_LR_CPUID_MASK) >>
                                     VINTC_GICH_LR_CPUID_SHIFT));
    }
    return src;
}

static void list_del(struct gic *g, unsigned cpu, unsigned idx)
{
    struct gic_cpu *c = &g->cpu[cpu];
    uint16_t p = g->prev[idx], n = g->next[idx];
    if (p == GIC_NIL)
        c->head = n;
    else
        g->next[p] = n;
    if (n == GIC_NIL)
        c->tail = p;
    else
        g->prev[n] = p;
    atomic_store_explicit(
        &c->queued, atomic_load_explicit(&c->queued, memory_order_relaxed) - 1,
        memory_order_relaxed);
}

static void list_add(struct gic *g, unsigned cpu, unsigned idx)
{
    struct gic_cpu *c = &g->cpu[cpu];
    g->prev[idx] = c->tail;
    g->next[idx] = GIC_NIL;
    if (c->tail == GIC_NIL)
        c->head = (uint16_t)idx;
    else
        g->next[c->tail] = (uint16_t)idx;
    c->tail = (uint16_t)idx;
    atomic_store_explicit(
        &c->queued, atomic_load_explicit(&c->queued, memory_order_relaxed) + 1,
        memory_order_relaxed);
}

void gic_irq_refile(struct gic *g, unsigned idx, unsigned home)
{
    unsigned cur = g->owner[idx];
    if (cur != GIC_NO_CPU)
        list_del(g, cur, idx);
    if (home != GIC_NO_CPU)
        list_add(g, home, idx);
    g->owner[idx] = (uint8_t)home;
}

void gic_update_all(struct gic *g)
{
    for (unsigned bank = 0; bank < GIC_NR_BANKS; bank++) {
        uint32_t bits = g->latch[bank] | (g->line[bank] & ~g->edge[bank]) |
                        g->active[bank] | g->in_lr[bank];
        while (bits) {
            unsigned b = vintc_ctz32(bits);
            bits &= bits - 1;
            gic_irq_changed(g, bank * 32 + b);
        }
    }
}

void gic_unlock_and_kick_slow(struct gic *g)
{
    uint32_t kicks = gic_take_kicks(g);
    vintc_unlock(&g->lock);
    gic_issue_kicks(g, kicks);
}
