/* SPDX-License-Identifier: MIT */
/* Device input (gic_set_irq) and the "could this vCPU take an interrupt
 * now" query. */
#include <errno.h>

#include "common/trace.h"
#include "gicv2/cpu_interface/cpuif_internal.h"
#include "gicv2/core/gic_internal.h"
#include "gicv2/virtual_cpu_interface/vif_internal.h"

int gic_set_irq(struct gic *gic, unsigned cpu, unsigned irq, bool level)
{
    if (!gic || irq < GIC_NR_SGIS || irq >= gic->cfg.nr_irqs ||
        irq >= VINTC_GIC_MAX_IRQS)
        return -EINVAL;
    if (irq < 32 && cpu >= gic->cfg.nr_cpus)
        return -EINVAL;
    unsigned idx = gic_idx(irq < 32 ? cpu : 0, irq);

    vintc_lock(&gic->lock);
    bool was = gic_test(gic->line, idx);
    gic_assign(gic->line, idx, level);
    bool edge = gic_test(gic->edge, idx);
    if (level && (!was || !edge)) {
        if (edge)
            gic_assign(gic->latch, idx, true); /* rising edge */
        /* Kicks also when it was already queued there (docs/design.md 3.2). */
        unsigned home = gic_irq_changed(gic, idx);
        if (!was) /* re-asserting a high level line changes no state */
            gic_stats_of(gic, home)->injections++;
    } else if (!level && was) {
        gic_stats_of(gic, gic->owner[idx])->injections++;
        if (!edge)
            gic_irq_update(gic, idx);
    }
    gic_unlock_and_kick(gic);
    vintc_trace(&gic->ops, gic->opaque, VINTC_TRACE_GIC_SET_IRQ, cpu, irq,
                level, 0, 0);
    return 0;
}

bool gic_cpu_pending(struct gic *gic, unsigned cpu)
{
    if (!gic || cpu >= gic->cfg.nr_cpus)
        return false;
    if (gic_is_cpuif(gic)) {
        vintc_lock(&gic->lock);
        bool sig = cpuif_signalled(gic, cpu) != 0;
        vintc_unlock(&gic->lock);
        return sig;
    }
    if (atomic_load_explicit(&gic->cpu[cpu].queued, memory_order_relaxed) == 0)
        return false;
    bool found = false;
    vintc_lock(&gic->lock);
    const struct gic_cpu *c = &gic->cpu[cpu];
    const struct iface f = vif_iface(c->vmcr, c->apr);
    struct iface_pick best;
    iface_pick_init(&best);
    for (unsigned idx = c->head; idx != GIC_NIL && !found;
         idx = gic->next[idx]) {
        if (!gic_test(gic->enabled, idx) || !gic_group_enabled(gic, idx))
            continue;
        /* Pending and not active: active+pending cannot be acknowledged. */
        if (!gic_irq_pending_view(gic, idx) || gic_irq_active_view(gic, idx))
            continue;
        /* Before the first sync nothing is known about the virtual CPU
         * interface, so anything forwardable counts. */
        if (!c->have_vmcr) {
            found = true;
            break;
        }
        /* The LRs carry 5 priority bits; equal priorities keep the first. */
        iface_offer(&f, &best, gic_test(gic->group, idx),
                    gic->prio[idx] & 0xF8u, 0);
    }
    /* Only the highest-priority pending interrupt can be signalled. */
    if (!found)
        found = iface_lines(&f, &best) != 0;
    vintc_unlock(&gic->lock);
    return found;
}
