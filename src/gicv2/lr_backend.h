/* SPDX-License-Identifier: MIT */
/* Shared by gic_lr_flush and gic_lr_sync. */
#ifndef VINTC_LR_BACKEND_H
#define VINTC_LR_BACKEND_H

#include "gicv2/gic_internal.h"

/* Level-triggered software interrupts whose deactivation the guest
 * performed, to report through irq_eoi once the lock is dropped. */
struct lr_eoi_list {
    unsigned n;
    uint16_t id[VINTC_GIC_MAX_LRS + 32];
};

/* Take back the LRs the last flush handed to vCPU `cpu`, with `lrs` holding
 * their current contents (the flushed values themselves to undo a flush the
 * guest never ran). Clears the hand-over. */
void lr_fold(struct gic *g, unsigned cpu, const uint32_t *lrs,
             struct lr_eoi_list *eois);

#endif
