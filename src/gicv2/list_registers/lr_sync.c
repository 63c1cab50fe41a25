/* SPDX-License-Identifier: MIT */
/* gic_lr_sync: fold the list registers and EOICount back into the
 * distributor after guest exit. Maintenance interrupts are only hints:
 * everything is re-derived from the LR contents. */
#include <errno.h>

#include "common/trace.h"
#include "gicv2/list_registers/lr_backend.h"

/* The fields that identify what an LR holds. */
static uint32_t lr_identity(uint32_t lr)
{
    uint32_t mask = VINTC_GICH_LR_VIRTUALID_MASK | VINTC_GICH_LR_HW;
    mask |= (lr & VINTC_GICH_LR_HW) ? VINTC_GICH_LR_PHYSID_MASK
                                    : VINTC_GICH_LR_CPUID_MASK;
    return lr & mask;
}

static void fold_one(struct gic *g, unsigned cpu, unsigned slot, uint32_t got,
                     struct lr_eoi_list *eois)
{
    struct gic_cpu *c = &g->cpu[cpu];
    unsigned idx = c->lr_idx[slot];
    uint32_t want = c->lr_val[slot];
    if (lr_identity(got) != lr_identity(want)) {
        c->stats.lr_bad++;
        got = want;
    }
    bool pend = got & VINTC_GICH_LR_STATE_PENDING,
         act = got & VINTC_GICH_LR_STATE_ACTIVE;
    bool sgi = gic_idx_is_sgi(idx);
    unsigned src = (want & VINTC_GICH_LR_CPUID_MASK) >>
                   VINTC_GICH_LR_CPUID_SHIFT;
    uint8_t dirty = g->dirty[idx];

    gic_assign(g->in_lr, idx, false);
    g->dirty[idx] = 0;

    if (!(dirty & GIC_DIRTY_ACT)) {
        gic_assign(g->active, idx, act);
        if (act && !gic_idx_is_private(idx))
            g->act_cpu[idx] = (uint8_t)cpu;
        if (act && sgi)
            g->sgi_act_src[cpu][idx % 32] = (uint8_t)src;
    }
    if (!(dirty & GIC_DIRTY_PEND)) {
        if (sgi) {
            if (pend)
                g->sgi_src[cpu][idx % 32] |= (uint8_t)(1u << src);
            gic_assign(g->latch, idx, g->sgi_src[cpu][idx % 32] != 0);
        } else if (gic_test(g->edge, idx)) {
            if (pend)
                gic_assign(g->latch, idx, true);
        } else if ((want & VINTC_GICH_LR_STATE_PENDING) && !pend) {
            /* Acknowledging a level interrupt clears a pending latch set by
             * GICD_ISPENDR; the line alone keeps it pending. */
            gic_assign(g->latch, idx, false);
        }
    }
    /* Guest deactivated it: the LR went from holding state to empty. */
    if ((want & VINTC_GICH_LR_STATE_MASK) &&
        !(got & VINTC_GICH_LR_STATE_MASK) && lr_is_level_sw(g, idx))
        lr_note_eoi(eois, idx);
    lr_refile(g, cpu, idx);
}

void lr_fold(struct gic *g, unsigned cpu, const uint32_t *lrs,
             struct lr_eoi_list *eois)
{
    struct gic_cpu *c = &g->cpu[cpu];
    unsigned n = c->lr_count;
    c->lr_count = 0;
    for (unsigned i = 0; i < n; i++)
        fold_one(g, cpu, i, lrs[i], eois);
}

int gic_lr_sync(struct gic *gic, unsigned cpu, struct gic_vif *vif)
{
    if (!gic || !vif || cpu >= gic->cfg.nr_cpus)
        return -EINVAL;
    if (gic->cfg.backend != GIC_BACKEND_LR)
        return -EOPNOTSUPP;
    struct gic_cpu *c = &gic->cpu[cpu];
    struct lr_eoi_list eois;
    eois.n = 0;
    unsigned eoicount = (vif->hcr & VINTC_GICH_HCR_EOICOUNT_MASK) >>
                        VINTC_GICH_HCR_EOICOUNT_SHIFT;

    vintc_lock(&gic->lock);
    unsigned folded = c->lr_count;
    /* Outside the LRs first, while in_lr still tells which actives the LRs
     * held. */
    c->stats.eoi_count += lr_deactivate_outside(gic, cpu, vif, &eois);
    lr_fold(gic, cpu, vif->lr, &eois);
    c->have_vmcr = true;
    c->vmcr = vif->vmcr;
    c->apr = vif->apr;
    c->stats.lr_syncs++;
    c->stats.eoi_notifies += eois.n;
    gic_unlock_and_kick(gic);

    lr_notify_eois(gic, cpu, &eois);
    vintc_trace(&gic->ops, gic->opaque, VINTC_TRACE_GIC_LR_SYNC, cpu, 0, folded,
                eoicount, 0);
    return (int)folded;
}

int gic_lr_get_vmcr(struct gic *gic, unsigned cpu, struct gic_vif *vif)
{
    if (!gic || !vif || cpu >= gic->cfg.nr_cpus)
        return -EINVAL;
    if (gic->cfg.backend != GIC_BACKEND_LR)
        return -EOPNOTSUPP;
    vintc_lock(&gic->lock);
    const struct gic_cpu *c = &gic->cpu[cpu];
    vif->vmcr = c->vmcr;
    vif->apr = c->apr;
    int recorded = c->have_vmcr ? 1 : 0;
    vintc_unlock(&gic->lock);
    return recorded;
}
