/* SPDX-License-Identifier: MIT */
/* Shared by gic_lr_flush, gic_lr_sync and gic_lr_deactivate. */
#ifndef VINTC_LR_BACKEND_H
#define VINTC_LR_BACKEND_H

#include "gicv2/core/gic_internal.h"

/* Level-triggered software interrupts whose deactivation the guest
 * performed, to report through irq_eoi once the lock is dropped. */
struct lr_eoi_list {
    unsigned n;
    uint16_t id[VINTC_GIC_MAX_LRS + 32];
};

static inline void lr_note_eoi(struct lr_eoi_list *eois, unsigned idx)
{
    if (eois->n < VINTC_ARRAY_SIZE(eois->id))
        eois->id[eois->n++] = (uint16_t)gic_idx_id(idx);
}

/* Level-sensitive and not hardware-mapped: its deactivation is reported
 * through irq_eoi (a mapped one is deactivated by the hardware). */
static inline bool lr_is_level_sw(const struct gic *g, unsigned idx)
{
    return !gic_test(g->edge, idx) && !g->pirq[idx];
}

/* Re-file after a fold or deactivation; kick the vCPU it now belongs to if
 * that is not `cpu`, which is out of the guest and flushes before entry. */
static inline void lr_refile(struct gic *g, unsigned cpu, unsigned idx)
{
    unsigned home = gic_irq_update(g, idx);
    if (home != GIC_NO_CPU && home != cpu && gic_irq_forwardable(g, idx))
        gic_queue_kick(g, home);
}

/* Take back the LRs the last flush handed to vCPU `cpu`, with `lrs` holding
 * their current contents (the flushed values themselves to undo a flush the
 * guest never ran). Clears the hand-over. */
void lr_fold(struct gic *g, unsigned cpu, const uint32_t *lrs,
             struct lr_eoi_list *eois);

/* lr_deactivate.c: deactivations of interrupts active on vCPU `cpu` outside
 * its LRs that `vif` reports - the DIR writes the software GICV recorded,
 * then the rest of EOICount - to be done before the LRs are folded. Clears
 * EOICount and the DIR record. Returns the EOICount consumed. */
unsigned lr_deactivate_outside(struct gic *g, unsigned cpu, struct gic_vif *vif,
                               struct lr_eoi_list *eois);

/* Report `eois` through irq_eoi; called without the lock. */
void lr_notify_eois(struct gic *g, unsigned cpu,
                    const struct lr_eoi_list *eois);

#endif
