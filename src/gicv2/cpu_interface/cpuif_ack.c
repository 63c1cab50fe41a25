/* SPDX-License-Identifier: MIT */
/* GICC acknowledge (IAR/AIAR), highest pending (HPPIR/AHPPIR), priority
 * drop and deactivation (EOIR/AEOIR/DIR) over the distributor state
 * (IHI0048B 3.2.4 state machine, 4.4 GICC registers). Run under gic->lock. */
#include "gicv2/cpu_interface/cpuif_internal.h"

/* The ID an IAR/HPPIR read reports: interrupt ID, plus the source CPU in
 * [12:10] for an SGI (the lowest pending source first). */
static uint32_t report_id(const struct gic *g, unsigned cpu, unsigned idx)
{
    unsigned id = gic_idx_id(idx);
    if (!gic_idx_is_sgi(idx))
        return id;
    uint8_t src = g->sgi_src[cpu][id];
    return id | (uint32_t)(src ? vintc_ctz32(src) : 0)
                    << VINTC_GIC_IAR_CPUID_SHIFT;
}

static uint32_t verdict_id(const struct gic *g, unsigned cpu, unsigned idx,
                           enum iface_verdict v)
{
    switch (v) {
    case IFACE_TAKE:
        return report_id(g, cpu, idx);
    case IFACE_HIDDEN:
        return VINTC_GIC_GROUP1_HIDDEN_ID;
    default:
        return VINTC_GIC_SPURIOUS_ID;
    }
}

uint32_t cpuif_acknowledge(struct gic *g, unsigned cpu, bool alias)
{
    struct gic_cpu *c = &g->cpu[cpu];
    struct iface_pick p, next;
    /* AIAR too looks at both groups: a Group 0 winner hides every Group 1
     * interrupt from it (iface_group_verdict). */
    unsigned idx = cpuif_select2(g, cpu, &p, &next);
    enum iface_verdict v = iface_ack_verdict(&c->cpuif.regs, &p, alias);
    uint32_t iar = verdict_id(g, cpu, idx, v);
    if (v != IFACE_TAKE) {
        c->stats.cpuif_spurious++;
        return iar;
    }

    /* Pending -> active (or active+pending for a level line still high or
     * an SGI with more sources). Acknowledging clears the pending latch: the
     * edge, or a GICD_ISPENDR write to a level interrupt whose line then
     * keeps it pending on its own. */
    if (gic_idx_is_sgi(idx)) {
        unsigned sgi = idx % 32;
        unsigned src = (iar >> VINTC_GIC_IAR_CPUID_SHIFT) & 7u;
        uint8_t left = (uint8_t)(g->sgi_src[cpu][sgi] & ~(1u << src));
        g->sgi_src[cpu][sgi] = left;
        g->sgi_act_src[cpu][sgi] = (uint8_t)src;
        gic_assign(g->latch, idx, left != 0);
    } else {
        gic_assign(g->latch, idx, false);
    }
    gic_assign(g->active, idx, true);
    /* A private interrupt stays on this CPU's list, where it was pending
     * and is now active (gic_irq_home), and the lines of this CPU are
     * published below: re-filing it would change nothing. An SPI moves
     * from the list of pending SPIs to this CPU's: 1-of-N, its other
     * targets lose it. */
    if (!gic_idx_is_private(idx)) {
        g->act_cpu[idx] = (uint8_t)cpu;
        gic_irq_update(g, idx);
    }
    iface_activate(&c->cpuif.regs, p.grp1, p.prio);
    c->stats.cpuif_acks++;
    /* This CPU now presents what was second, under its new running
     * priority. */
    g->line_dirty &= ~(1u << cpu);
    cpuif_lines_publish(g, cpu, iface_lines(&c->cpuif.regs, &next));
    return iar;
}

uint32_t cpuif_highest_pending(const struct gic *g, unsigned cpu, bool alias)
{
    struct iface_pick p;
    unsigned idx = cpuif_select(g, cpu, &p);
    return verdict_id(g, cpu, idx,
                      iface_hppi_verdict(&g->cpu[cpu].cpuif.regs, &p, alias));
}

/* The interrupt an EOIR/DIR value names, or GIC_NIL for an ID that does
 * not exist (special IDs included). */
static unsigned named_idx(const struct gic *g, unsigned cpu, uint32_t val)
{
    unsigned id = val & VINTC_GICH_LR_VIRTUALID_MASK;
    if (id >= g->cfg.nr_irqs || id >= CPUIF_FIRST_SPECIAL_ID)
        return GIC_NIL;
    return gic_idx(cpu, id);
}

/* Active -> inactive (or pending, if still pending). The SGI source field
 * is not compared: an SGI has one active state per target CPU, and a value
 * other than the one IAR returned is UNPREDICTABLE. SPIs are deactivated
 * from any CPU (their active state is not banked). */
static void deactivate(struct gic *g, unsigned cpu, unsigned idx,
                       struct cpuif_eoi *eoi)
{
    if (!gic_test(g->active, idx))
        return;
    gic_assign(g->active, idx, false);
    g->cpu[cpu].stats.cpuif_deactivations++;
    if (!gic_test(g->edge, idx)) {
        eoi->notify = true; /* the device may re-sample its line */
        eoi->id = gic_idx_id(idx);
        g->cpu[cpu].stats.eoi_notifies++;
    }
    gic_irq_changed(g, idx);
}

void cpuif_end_of_interrupt(struct gic *g, unsigned cpu, uint32_t val,
                            struct cpuif_eoi *eoi)
{
    struct gic_cpu *c = &g->cpu[cpu];
    unsigned idx = named_idx(g, cpu, val);
    /* An EOI of a special or nonexistent ID is ignored entirely; so is one
     * with nothing active (no priority to drop). */
    if (idx == GIC_NIL || !iface_drop(&c->cpuif.regs))
        return;
    c->stats.cpuif_eois++;
    gic_lines_touch(g, 1u << cpu);
    if (!(c->cpuif.regs.ctlr & VINTC_GICC_CTLR_EOIMODE))
        deactivate(g, cpu, idx, eoi); /* EOImode 0: drop and deactivate */
}

void cpuif_deactivate(struct gic *g, unsigned cpu, uint32_t val,
                      struct cpuif_eoi *eoi)
{
    /* DIR with EOImode 0 is UNPREDICTABLE: ignored. */
    if (!(g->cpu[cpu].cpuif.regs.ctlr & VINTC_GICC_CTLR_EOIMODE))
        return;
    unsigned idx = named_idx(g, cpu, val);
    if (idx != GIC_NIL)
        deactivate(g, cpu, idx, eoi);
}
