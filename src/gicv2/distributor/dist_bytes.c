/* SPDX-License-Identifier: MIT */
/* The one-byte-per-interrupt registers: IPRIORITYR and ITARGETSR, byte and
 * word accessible. Bytes of interrupt IDs that do not exist are RAZ/WI. */
#include "gicv2/distributor/dist_regs.h"

static unsigned nr_ids(const struct gic *g)
{
    return g->cfg.nr_irqs < VINTC_GIC_MAX_IRQS ? g->cfg.nr_irqs
                                               : VINTC_GIC_MAX_IRQS;
}

uint32_t dist_ipriorityr_read(struct gic *g, unsigned cpu, uint32_t off,
                              unsigned id, unsigned size)
{
    (void)off;
    uint32_t v = 0;
    for (unsigned i = 0; i < size && id + i < nr_ids(g); i++)
        v |= (uint32_t)g->prio[gic_idx(cpu, id + i)] << (8 * i);
    return v;
}

void dist_ipriorityr_write(struct gic *g, unsigned cpu, uint32_t off,
                           unsigned id, unsigned size, uint32_t val)
{
    (void)off;
    for (unsigned i = 0; i < size && id + i < nr_ids(g); i++) {
        unsigned idx = gic_idx(cpu, id + i);
        /* Unimplemented low-order priority bits are RAZ/WI. */
        uint8_t p = (uint8_t)((val >> (8 * i)) & g->prio_mask);
        if (p == g->prio[idx])
            continue;
        g->prio[idx] = p;
        /* A raised priority can make a pending interrupt pass the vCPU's
         * priority mask; one in an LR carries the old priority. */
        gic_irq_changed(g, idx);
    }
}

/* ITARGETSR0..7 (IDs 0..31) are read-only and read the accessing CPU's own
 * bit in every byte. */
uint32_t dist_itargetsr_read(struct gic *g, unsigned cpu, uint32_t off,
                             unsigned id, unsigned size)
{
    (void)off;
    uint32_t v = 0;
    for (unsigned i = 0; i < size && id + i < nr_ids(g); i++) {
        unsigned byte = id + i < 32 ? 1u << cpu
                                    : g->target[gic_idx(cpu, id + i)];
        v |= (uint32_t)byte << (8 * i);
    }
    return v;
}

void dist_itargetsr_write(struct gic *g, unsigned cpu, uint32_t off,
                          unsigned id, unsigned size, uint32_t val)
{
    (void)off;
    for (unsigned i = 0; i < size && id + i < nr_ids(g); i++) {
        if (id + i < 32)
            continue;
        unsigned idx = gic_idx(cpu, id + i);
        /* Bits of CPU interfaces that do not exist are RAZ/WI. */
        uint8_t t = (uint8_t)((val >> (8 * i)) & g->cpu_mask);
        if (t == g->target[idx])
            continue;
        /* CPU-interface backend: the old targets may lose it. */
        gic_lines_touch(g, gic_cpus_at(g, idx, g->owner[idx]));
        g->target[idx] = t;
        /* A pending SPI follows its new target; an active one stays where
         * it is until deactivated; one held in LRs moves at that vCPU's
         * next sync. */
        gic_irq_changed(g, idx);
    }
}
