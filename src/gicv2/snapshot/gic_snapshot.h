/* SPDX-License-Identifier: MIT */
/* GIC snapshot layout shared by gic_save and gic_restore (byte-level
 * description in docs/snapshot-format.md). */
#ifndef VINTC_GIC_SNAPSHOT_H
#define VINTC_GIC_SNAPSHOT_H

#include "common/snapshot.h"
#include "gicv2/core/gic_internal.h"

#define GIC_SNAP_VERSION 1u

/* Interrupt-state bitmaps in payload order. */
enum gic_snap_map {
    GIC_SNAP_ENABLED, GIC_SNAP_GROUP, GIC_SNAP_EDGE, GIC_SNAP_LATCH,
    GIC_SNAP_LINE, GIC_SNAP_ACTIVE, GIC_SNAP_NR_MAPS
};

/* "No CPU" in the active-SGI-source bytes. */
#define GIC_SNAP_NONE 0xFFu

/* The banks a blob holds: the private bank of each existing CPU, then the
 * SPI banks up to nr_irqs. */
static inline unsigned gic_snap_nr_banks(const struct gic_config *cfg)
{
    return cfg->nr_cpus + cfg->nr_irqs / 32 - 1;
}

/* Internal bank index of the i-th bank in the blob. */
static inline unsigned gic_snap_bank(const struct gic_config *cfg, unsigned i)
{
    return i < cfg->nr_cpus ? i : VINTC_GIC_MAX_CPUS + (i - cfg->nr_cpus);
}

/* Interrupt IDs that exist in the blob's i-th bank. */
static inline uint32_t gic_snap_bank_valid(const struct gic *g, unsigned i)
{
    if (i < g->cfg.nr_cpus)
        return 0xFFFFFFFFu;
    return gic_bank_valid(g, 32 * (i - g->cfg.nr_cpus + 1));
}

/* Number of SPIs (IDs 32..limit-1) whose bytes the blob holds. */
static inline unsigned gic_snap_nr_spis(const struct gic *g)
{
    unsigned limit = g->cfg.nr_irqs < VINTC_GIC_MAX_IRQS ? g->cfg.nr_irqs : VINTC_GIC_MAX_IRQS;
    return limit - 32;
}

/* The bitmap array of `map` in a GIC. */
static inline uint32_t *gic_snap_map_of(struct gic *g, enum gic_snap_map map)
{
    switch (map) {
    case GIC_SNAP_ENABLED: return g->enabled;
    case GIC_SNAP_GROUP:   return g->group;
    case GIC_SNAP_EDGE:    return g->edge;
    case GIC_SNAP_LATCH:   return g->latch;
    case GIC_SNAP_LINE:    return g->line;
    default:               return g->active;
    }
}

#endif
