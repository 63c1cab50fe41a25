/* SPDX-License-Identifier: MIT */
/* Hardware-mapped interrupts: their LRs carry HW = 1 and the physical ID. */
#include <errno.h>

#include "gicv2/core/gic_internal.h"

static int map_idx(const struct gic *gic, unsigned cpu, unsigned irq)
{
    if (!gic || irq < GIC_NR_SGIS || irq >= gic->cfg.nr_irqs ||
        irq >= VINTC_GIC_MAX_IRQS)
        return -EINVAL;
    if (gic_is_cpuif(gic))
        return -EOPNOTSUPP; /* the mapping lives in list registers */
    if (irq < 32 && cpu >= gic->cfg.nr_cpus)
        return -EINVAL;
    return (int)gic_idx(irq < 32 ? cpu : 0, irq);
}

/* Install `pirq` (0 = unmap); unmapping requires an existing mapping. */
static int set_mapping(struct gic *gic, unsigned idx, uint16_t pirq)
{
    int err = 0;
    vintc_lock(&gic->lock);
    if (!pirq && !gic->pirq[idx]) {
        err = -EINVAL;
    } else {
        gic->pirq[idx] = pirq;
        if (gic_test(gic->in_lr, idx))
            gic_queue_kick(gic,
                           gic->owner[idx]); /* its LR has the old encoding */
    }
    gic_unlock_and_kick(gic);
    return err;
}

int gic_map_hw_irq(struct gic *gic, unsigned cpu, unsigned irq, unsigned pirq)
{
    int idx = map_idx(gic, cpu, irq);
    if (idx < 0)
        return idx;
    /* The physical interrupt must be a PPI or SPI (GICH_LRn.PhysicalID). */
    if (pirq < 16 || pirq >= VINTC_GIC_MAX_IRQS)
        return -EINVAL;
    return set_mapping(gic, (unsigned)idx, (uint16_t)pirq);
}

int gic_unmap_hw_irq(struct gic *gic, unsigned cpu, unsigned irq)
{
    int idx = map_idx(gic, cpu, irq);
    if (idx < 0)
        return idx;
    return set_mapping(gic, (unsigned)idx, 0);
}
