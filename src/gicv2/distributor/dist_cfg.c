/* SPDX-License-Identifier: MIT */
/* GICD_ICFGR: two bits per interrupt, Int_config[1] = edge-triggered.
 * ICFGR0 (SGIs) reads 0xAAAAAAAA and ICFGR1 (PPIs) reads 0 (level), both
 * read-only; Int_config[0] is RAZ/WI (IHI 0048B 4.3.13; docs/design.md
 * 3.3). */
#include "gicv2/distributor/dist_regs.h"

#define ICFGR_SGI_VALUE 0xAAAAAAAAu

uint32_t dist_icfgr_read(struct gic *g, unsigned cpu, uint32_t off, unsigned id,
                         unsigned size)
{
    (void)off;
    (void)size;
    if (id == 0)
        return ICFGR_SGI_VALUE;
    if (id == 16)
        return 0;
    unsigned bank = gic_bank(cpu, id & ~31u);
    uint32_t edge = (g->edge[bank] & gic_bank_valid(g, id & ~31u)) >> (id % 32);
    uint32_t v = 0;
    for (unsigned i = 0; i < 16; i++)
        v |= ((edge >> i) & 1u) << (2 * i + 1);
    return v;
}

void dist_icfgr_write(struct gic *g, unsigned cpu, uint32_t off, unsigned id,
                      unsigned size, uint32_t val)
{
    (void)off;
    (void)size;
    if (id < 32)
        return;
    unsigned base = id & ~31u;
    unsigned bank = gic_bank(cpu, base);
    uint32_t valid = gic_bank_valid(g, base);
    for (unsigned i = 0; i < 16; i++) {
        unsigned b = id % 32 + i;
        if (!((valid >> b) & 1u))
            continue;
        bool edge = (val >> (2 * i + 1)) & 1u;
        unsigned idx = bank * 32 + b;
        if (gic_test(g->edge, idx) == edge)
            continue;
        gic_assign(g->edge, idx, edge);
        gic_irq_changed(g, idx);
    }
}
