/* SPDX-License-Identifier: MIT */
/* Deactivating interrupts that are active on a vCPU outside its list
 * registers: the guest's GICV_EOIR (EOImode 0) and GICV_DIR (EOImode 1)
 * writes that named no LR. Hardware only counts them (GICH_HCR.EOICount);
 * the software GICV also records which IDs a DIR named, and a VMM that traps
 * the GICV_DIR page reports each write with gic_lr_deactivate(). */
#include <errno.h>
#include <string.h>

#include "common/trace.h"
#include "gicv2/list_registers/lr_backend.h"

#define EOICOUNT_MODULUS 32u /* GICH_HCR.EOICount is 5 bits and wraps */

/* Active on vCPU `cpu` and not in an LR: the only interrupts an EOI or DIR
 * that named no LR can mean. */
static bool active_outside(const struct gic *g, unsigned cpu, unsigned idx)
{
    if (!gic_test(g->active, idx) || gic_test(g->in_lr, idx))
        return false;
    return gic_idx_is_private(idx) ? idx / 32 == cpu : g->act_cpu[idx] == cpu;
}

static void deactivate(struct gic *g, unsigned cpu, unsigned idx,
                       struct lr_eoi_list *eois)
{
    gic_assign(g->active, idx, false);
    if (lr_is_level_sw(g, idx))
        lr_note_eoi(eois, idx);
    lr_refile(g, cpu, idx);
}

/* Did the software GICV record a DIR naming this interrupt (for an SGI: with
 * the source it is active from)? */
static bool dir_recorded(const struct gic *g, const struct gic_vif *vif,
                         unsigned cpu, unsigned idx)
{
    unsigned id = gic_idx_id(idx);
    if (gic_idx_is_sgi(idx))
        return (vif->dir_sgi_src[id] >> g->sgi_act_src[cpu][id]) & 1u;
    return (vif->dir_ids[id / 32] >> (id % 32)) & 1u;
}

static void deactivate_recorded(struct gic *g, unsigned cpu,
                                const struct gic_vif *vif,
                                struct lr_eoi_list *eois)
{
    /* Deactivating re-files only that interrupt: it leaves this list or
     * stays where it is, so the `next` saved before stays valid. */
    for (unsigned idx = g->cpu[cpu].head, next; idx != GIC_NIL; idx = next) {
        next = g->next[idx];
        if (active_outside(g, cpu, idx) && dir_recorded(g, vif, cpu, idx))
            deactivate(g, cpu, idx, eois);
    }
}

/* EOICount not explained by recorded DIRs: EOImode-0 EOIs of interrupts
 * outside the LRs, which by the nesting rule end the highest-priority active
 * one first (lowest list position at a tie). It is the best a VMM that does
 * not trap GICV_DIR can get for DIRs too, whose order is the guest's. */
static unsigned deactivate_counted(struct gic *g, unsigned cpu, unsigned count,
                                   struct lr_eoi_list *eois)
{
    unsigned done = 0;
    for (; done < count; done++) {
        unsigned best = GIC_NIL;
        for (unsigned idx = g->cpu[cpu].head; idx != GIC_NIL;
             idx = g->next[idx]) {
            if (!active_outside(g, cpu, idx))
                continue;
            if (best == GIC_NIL || g->prio[idx] < g->prio[best])
                best = idx;
        }
        if (best == GIC_NIL)
            break;
        deactivate(g, cpu, best, eois);
    }
    return done;
}

unsigned lr_deactivate_outside(struct gic *g, unsigned cpu, struct gic_vif *vif,
                               struct lr_eoi_list *eois)
{
    unsigned eoicount = (vif->hcr & VINTC_GICH_HCR_EOICOUNT_MASK) >>
                        VINTC_GICH_HCR_EOICOUNT_SHIFT;
    /* Each recorded DIR was also counted in EOICount (both wrap mod 32).
     * More recorded than counted means the host rewrote EOICount: nothing
     * is left for the priority-order rule then. */
    unsigned dirs = vif->dir_count % EOICOUNT_MODULUS;
    unsigned rest = eoicount >= dirs ? eoicount - dirs : 0;
    if (vif->dir_count)
        deactivate_recorded(g, cpu, vif, eois);
    if (rest)
        deactivate_counted(g, cpu, rest, eois);
    vif->hcr &= ~VINTC_GICH_HCR_EOICOUNT_MASK;
    vif->dir_count = 0;
    memset(vif->dir_ids, 0, sizeof(vif->dir_ids));
    memset(vif->dir_sgi_src, 0, sizeof(vif->dir_sgi_src));
    return eoicount;
}

void lr_notify_eois(struct gic *g, unsigned cpu, const struct lr_eoi_list *eois)
{
    for (unsigned i = 0; i < eois->n; i++) {
        vintc_trace(&g->ops, g->opaque, VINTC_TRACE_GIC_EOI_NOTIFY, cpu,
                    eois->id[i], 0, 0, 0);
        if (g->ops.irq_eoi)
            g->ops.irq_eoi(g->opaque, cpu, eois->id[i]);
    }
}

/* The interrupt a GICV_DIR value names when it is active on vCPU `cpu`
 * outside the LRs, for an SGI from the source CPUID in [12:10]; else
 * GIC_NIL. */
static unsigned dir_target(const struct gic *g, unsigned cpu, uint32_t val)
{
    unsigned id = val & VINTC_GICH_LR_VIRTUALID_MASK;
    if (id >= g->cfg.nr_irqs || id >= VINTC_GIC_MAX_IRQS)
        return GIC_NIL; /* 1020..1023 and IDs that do not exist */
    unsigned idx = gic_idx(cpu, id);
    if (!active_outside(g, cpu, idx))
        return GIC_NIL;
    if (gic_idx_is_sgi(idx) &&
        g->sgi_act_src[cpu][id] !=
            (val & VINTC_GICH_LR_CPUID_MASK) >> VINTC_GICH_LR_CPUID_SHIFT)
        return GIC_NIL;
    return idx;
}

int gic_lr_deactivate(struct gic *gic, unsigned cpu, uint32_t dir_value)
{
    if (!gic || cpu >= gic->cfg.nr_cpus)
        return -EINVAL;
    if (gic->cfg.backend != GIC_BACKEND_LR)
        return -EOPNOTSUPP;
    struct gic_cpu *c = &gic->cpu[cpu];
    struct lr_eoi_list eois;
    eois.n = 0;
    int ret = 0;

    vintc_lock(&gic->lock);
    if (c->lr_count) {
        ret = -EBUSY; /* LRs handed out: gic_lr_sync() first */
    } else if (!c->have_vmcr || (c->vmcr & VINTC_GICH_VMCR_EOIMODE)) {
        /* With EOImode 0 a DIR write is UNPREDICTABLE: ignored. */
        unsigned idx = dir_target(gic, cpu, dir_value);
        if (idx != GIC_NIL) {
            deactivate(gic, cpu, idx, &eois);
            ret = 1;
        }
    }
    c->stats.eoi_notifies += eois.n;
    gic_unlock_and_kick(gic);
    lr_notify_eois(gic, cpu, &eois);
    return ret;
}
