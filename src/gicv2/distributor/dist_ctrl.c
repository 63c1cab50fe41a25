/* SPDX-License-Identifier: MIT */
/* GICD_CTLR, GICD_TYPER, GICD_IIDR and the identification registers. */
#include "gicv2/distributor/dist_regs.h"

/* GICD_CTLR without Security Extensions: EnableGrp0 [0], EnableGrp1 [1]. */
#define GICD_CTLR_MASK                                                         \
    (VINTC_GICD_CTLR_ENABLE_GRP0 | VINTC_GICD_CTLR_ENABLE_GRP1)

uint32_t dist_ctlr_read(struct gic *g, unsigned cpu, uint32_t off, unsigned id,
                        unsigned size)
{
    (void)cpu;
    (void)off;
    (void)id;
    (void)size;
    return g->ctlr;
}

void dist_ctlr_write(struct gic *g, unsigned cpu, uint32_t off, unsigned id,
                     unsigned size, uint32_t val)
{
    (void)cpu;
    (void)off;
    (void)id;
    (void)size;
    uint32_t next = val & GICD_CTLR_MASK;
    if (next == g->ctlr)
        return;
    g->ctlr = next;
    /* Group enables gate forwarding of every interrupt of the group. */
    gic_update_all(g);
}

uint32_t dist_typer_read(struct gic *g, unsigned cpu, uint32_t off, unsigned id,
                         unsigned size)
{
    (void)cpu;
    (void)off;
    (void)id;
    (void)size;
    /* [4:0] ITLinesNumber, [7:5] CPUNumber, [10] SecurityExtn = 0. */
    return (g->cfg.nr_irqs / 32 - 1) | (g->cfg.nr_cpus - 1) << 5;
}

uint32_t dist_iidr_read(struct gic *g, unsigned cpu, uint32_t off, unsigned id,
                        unsigned size)
{
    (void)cpu;
    (void)off;
    (void)id;
    (void)size;
    return g->cfg.iidr;
}

/* PIDR4..7, PIDR0..3, CIDR0..3 at 0xFD0..0xFFC, one byte in each word.
 * ICPIDR2 (0xFE8) = 0x2B: ArchRev [7:4] = 2, GICv2. */
static const uint8_t id_bytes[12] = {
    0x04, 0x00, 0x00, 0x00, 0x90, 0xB4, 0x2B, 0x00, 0x0D, 0xF0, 0x05, 0xB1,
};

uint32_t dist_idreg_read(struct gic *g, unsigned cpu, uint32_t off, unsigned id,
                         unsigned size)
{
    (void)g;
    (void)cpu;
    (void)id;
    (void)size;
    return id_bytes[(off - 0xFD0) / 4];
}
