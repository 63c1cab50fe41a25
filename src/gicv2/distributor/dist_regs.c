/* SPDX-License-Identifier: MIT */
/* The distributor register table and the one place that looks accesses up
 * in it, enforcing width, alignment and "registers of interrupt IDs that do
 * not exist are RAZ/WI" (IHI0048B 4.1). */
#include <errno.h>

#include "common/trace.h"
#include "gicv2/distributor/dist_regs.h"

#define W8  (1u << 1)
#define W16 (1u << 2)
#define W32 (1u << 4)

struct dist_reg {
    uint16_t start, end;  /* [start, end) */
    uint8_t bits_per_irq; /* 0: not a per-interrupt register */
    uint8_t widths;       /* W8 | W16 | W32: sizes the register supports */
    dist_read_fn *read;   /* NULL: write-only, RAZ */
    dist_write_fn *write; /* NULL: read-only, WI */
};

/* Sorted by offset; anything not listed is reserved or IMPDEF: RAZ/WI.
 * Byte access only where the architecture requires it (docs/design.md 3.3). */
static const struct dist_reg dist_regs[] = {
    { VINTC_GICD_CTLR, 0x004, 0, W32, dist_ctlr_read, dist_ctlr_write },
    { VINTC_GICD_TYPER, 0x008, 0, W32, dist_typer_read, NULL },
    { VINTC_GICD_IIDR, 0x00C, 0, W32, dist_iidr_read, NULL },
    { VINTC_GICD_IGROUPR, 0x100, 1, W32, dist_igroupr_read,
      dist_igroupr_write },
    { VINTC_GICD_ISENABLER, 0x180, 1, W32, dist_enabler_read,
      dist_isenabler_write },
    { VINTC_GICD_ICENABLER, 0x200, 1, W32, dist_enabler_read,
      dist_icenabler_write },
    { VINTC_GICD_ISPENDR, 0x280, 1, W32, dist_pendr_read, dist_ispendr_write },
    { VINTC_GICD_ICPENDR, 0x300, 1, W32, dist_pendr_read, dist_icpendr_write },
    { VINTC_GICD_ISACTIVER, 0x380, 1, W32, dist_activer_read,
      dist_isactiver_write },
    { VINTC_GICD_ICACTIVER, 0x400, 1, W32, dist_activer_read,
      dist_icactiver_write },
    { VINTC_GICD_IPRIORITYR, 0x7FC, 8, W8 | W32, dist_ipriorityr_read,
      dist_ipriorityr_write },
    { VINTC_GICD_ITARGETSR, 0xBFC, 8, W8 | W32, dist_itargetsr_read,
      dist_itargetsr_write },
    { VINTC_GICD_ICFGR, 0xD00, 2, W32, dist_icfgr_read, dist_icfgr_write },
    { VINTC_GICD_SGIR, 0xF04, 0, W32, NULL, dist_sgir_write },
    { VINTC_GICD_CPENDSGIR, 0xF20, 0, W8 | W32, dist_sgi_sources_read,
      dist_cpendsgir_write },
    { VINTC_GICD_SPENDSGIR, 0xF30, 0, W8 | W32, dist_sgi_sources_read,
      dist_spendsgir_write },
    { 0xFD0, 0x1000, 0, W32, dist_idreg_read, NULL },
};

/* dist_regs index of the first register that ends after the start of each
 * 128-byte block of the frame. Every register starts on a block boundary
 * except TYPER, IIDR, CPENDSGIR and SPENDSGIR, which a short forward scan
 * reaches; so a lookup costs one load and at most three comparisons. */
static const uint8_t dist_block_first[VINTC_GIC_DIST_SIZE / 128] = {
    0,                              /* 0x000: CTLR, TYPER, IIDR */
    3,  4,  5,  6,  7,  8,  9,      /* 0x080..0x380: the one-bit registers */
    10, 10, 10, 10, 10, 10, 10, 10, /* 0x400..0x7FF: IPRIORITYR */
    11, 11, 11, 11, 11, 11, 11, 11, /* 0x800..0xBFF: ITARGETSR */
    12, 12,                         /* 0xC00..0xCFF: ICFGR */
    13, 13, 13, 13,                 /* 0xD00..0xEFF: reserved (SGIR is next) */
    13,                             /* 0xF00: SGIR, CPENDSGIR, SPENDSGIR */
    16,                             /* 0xF80: identification registers */
};

/* `off` < VINTC_GIC_DIST_SIZE. The last register ends at VINTC_GIC_DIST_SIZE,
 * so the scan stops inside the table. */
static const struct dist_reg *dist_lookup(uint32_t off)
{
    const struct dist_reg *r = &dist_regs[dist_block_first[off / 128]];
    while (off >= r->end)
        r++;
    return off >= r->start ? r : NULL;
}

static bool well_formed(const struct gic *g, unsigned cpu, uint32_t off,
                        unsigned size)
{
    return g && cpu < g->cfg.nr_cpus && (size == 1 || size == 2 || size == 4) &&
           off < VINTC_GIC_DIST_SIZE && (off & (size - 1)) == 0;
}

/* The register an access reaches, or NULL for RAZ/WI; *id receives the
 * first interrupt ID it covers. */
static const struct dist_reg *dist_resolve(const struct gic *g, uint32_t off,
                                           unsigned size, unsigned *id)
{
    const struct dist_reg *r = dist_lookup(off);
    if (!r || !(r->widths & (1u << size)))
        return NULL;
    *id = 0;
    if (r->bits_per_irq) {
        *id = (off - r->start) * 8u / r->bits_per_irq;
        if (*id >= g->cfg.nr_irqs || *id >= VINTC_GIC_MAX_IRQS)
            return NULL;
    }
    return r;
}

int gic_dist_mmio_read(struct gic *gic, unsigned cpu, uint32_t offset,
                       unsigned size, uint32_t *val)
{
    if (val)
        *val = 0;
    if (!val || !well_formed(gic, cpu, offset, size)) {
        gic_count_malformed(gic, cpu);
        return -EINVAL;
    }
    unsigned id;
    const struct dist_reg *r = dist_resolve(gic, offset, size, &id);
    vintc_lock(&gic->lock);
    struct gic_stats *st = &gic->cpu[cpu].stats;
    st->mmio_reads++;
    if (r && r->read)
        *val = r->read(gic, cpu, offset, id, size);
    else
        st->mmio_razwi++;
    gic_unlock_and_kick(gic);
    vintc_trace(&gic->ops, gic->opaque, VINTC_TRACE_GIC_DIST_READ, cpu, offset,
                *val, size, 0);
    return 0;
}

int gic_dist_mmio_write(struct gic *gic, unsigned cpu, uint32_t offset,
                        unsigned size, uint32_t val)
{
    if (!well_formed(gic, cpu, offset, size)) {
        gic_count_malformed(gic, cpu);
        return -EINVAL;
    }
    if (size < 4)
        val &= vintc_mask32(size * 8);
    unsigned id;
    const struct dist_reg *r = dist_resolve(gic, offset, size, &id);
    vintc_lock(&gic->lock);
    struct gic_stats *st = &gic->cpu[cpu].stats;
    st->mmio_writes++;
    if (r && r->write)
        r->write(gic, cpu, offset, id, size, val);
    else
        st->mmio_razwi++;
    gic_unlock_and_kick(gic);
    vintc_trace(&gic->ops, gic->opaque, VINTC_TRACE_GIC_DIST_WRITE, cpu, offset,
                val, size, 0);
    return 0;
}
