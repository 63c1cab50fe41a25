/* SPDX-License-Identifier: MIT */
/* Which interrupt a CPU interface presents. Candidates are the CPU's own
 * list (its SGIs and PPIs) and the list of pending SPIs, filtered by target
 * mask, so the cost grows with the number of pending interrupts, never with
 * nr_irqs. */
#ifndef VINTC_GICV2_CPUIF_SELECT_H
#define VINTC_GICV2_CPUIF_SELECT_H

#include "gicv2/core/gic_internal.h"

static VINTC_ALWAYS_INLINE void offer_list(const struct gic *g, unsigned cpu,
                                           unsigned list, struct iface_pick *p,
                                           struct iface_pick *next,
                                           unsigned *best)
{
    const struct iface *f = &g->cpu[cpu].cpuif.regs;
    for (unsigned idx = g->cpu[list].head; idx != GIC_NIL; idx = g->next[idx]) {
        /* Active and active+pending interrupts cannot be acknowledged. */
        if (gic_test(g->active, idx) || !gic_irq_forwardable(g, idx))
            continue;
        if (list == GIC_SPI_LIST && !((g->target[idx] >> cpu) & 1u))
            continue;
        bool grp1 = gic_test(g->group, idx);
        uint32_t prio = g->prio[idx], key = gic_idx_id(idx);
        struct iface_pick prev = *p;
        if (iface_offer(f, p, grp1, prio, key)) {
            *best = idx;
            if (next)
                *next = prev; /* the old pick is now the runner-up */
        } else if (next) {
            iface_offer(f, next, grp1, prio, key);
        }
    }
}

/* Inlined into every caller, so the no-runner-up case loses its branches. */
static inline unsigned select_impl(const struct gic *g, unsigned cpu,
                                   struct iface_pick *p,
                                   struct iface_pick *next)
{
    unsigned best = GIC_NIL;
    iface_pick_init(p);
    if (next)
        iface_pick_init(next);
    offer_list(g, cpu, cpu, p, next, &best);
    offer_list(g, cpu, GIC_SPI_LIST, p, next, &best);
    return best;
}

/* The interrupt CPU `cpu`'s interface presents: the highest-priority
 * interrupt that is enabled, pending, not active, group-enabled in GICD_CTLR
 * and GICC_CTLR and routed to `cpu` (ties: lowest ID), of either group:
 * the aliased registers too are answered from it (iface_group_verdict).
 * Returns its idx, or GIC_NIL with p not picked.
 * cpuif_select2 also gives in `next` the pick among the other candidates:
 * what the interface presents once the returned one is acknowledged. */
static inline unsigned cpuif_select2(const struct gic *g, unsigned cpu,
                                     struct iface_pick *p,
                                     struct iface_pick *next)
{
    return select_impl(g, cpu, p, next);
}

static inline unsigned cpuif_select(const struct gic *g, unsigned cpu,
                                    struct iface_pick *p)
{
    return select_impl(g, cpu, p, NULL);
}

/* The line levels (IFACE_LINE_*) CPU `cpu`'s interface drives now. */
static inline unsigned cpuif_signalled(const struct gic *g, unsigned cpu)
{
    struct iface_pick p;
    cpuif_select(g, cpu, &p);
    return iface_lines(&g->cpu[cpu].cpuif.regs, &p);
}

#endif
