/* SPDX-License-Identifier: MIT */
/* Which interrupt a CPU interface presents. Candidates are the CPU's own
 * list (its SGIs and PPIs) and the list of pending SPIs, filtered by target
 * mask, so the cost grows with the number of pending interrupts, never with
 * nr_irqs. */
#include "gicv2/cpuif_internal.h"

static void offer_list(const struct gic *g, unsigned cpu, unsigned list, unsigned flags,
                       struct iface_pick *p, unsigned *best)
{
    const struct iface *f = &g->cpu[cpu].cpuif.regs;
    for (unsigned idx = g->cpu[list].head; idx != GIC_NIL; idx = g->next[idx]) {
        /* Active and active+pending interrupts cannot be acknowledged. */
        if (gic_test(g->active, idx) || !gic_irq_forwardable(g, idx))
            continue;
        if (list == GIC_SPI_LIST && !((g->target[idx] >> cpu) & 1u))
            continue;
        if (iface_offer(f, p, flags, gic_test(g->group, idx), g->prio[idx], gic_idx_id(idx)))
            *best = idx;
    }
}

unsigned cpuif_select(const struct gic *g, unsigned cpu, unsigned flags,
                      struct iface_pick *p)
{
    unsigned best = GIC_NIL;
    iface_pick_init(p);
    offer_list(g, cpu, cpu, flags, p, &best);
    offer_list(g, cpu, GIC_SPI_LIST, flags, p, &best);
    return best;
}

unsigned cpuif_signalled(const struct gic *g, unsigned cpu)
{
    struct iface_pick p;
    cpuif_select(g, cpu, 0, &p);
    return iface_lines(&g->cpu[cpu].cpuif.regs, &p);
}
