/* SPDX-License-Identifier: MIT */
/* GIC snapshot layout shared by gic_save and gic_restore (byte-level
 * description in docs/snapshot-format.md). */
#ifndef VINTC_GIC_SNAPSHOT_H
#define VINTC_GIC_SNAPSHOT_H

#include "common/snapshot.h"
#include "gicv2/cpu_interface/cpuif_internal.h"

/* Version 1: the LR backend's layout, still written for an LR-backend GIC
 * (so older readers take it). Version 2 adds the CPU-interface backend's
 * layout and is written for a CPU-interface GIC; an LR-backend payload in a
 * version 2 blob is laid out as in version 1. */
#define GIC_SNAP_VERSION_LR 1u
#define GIC_SNAP_VERSION    2u

/* Interrupt-state bitmaps in payload order. */
enum gic_snap_map {
    GIC_SNAP_ENABLED,
    GIC_SNAP_GROUP,
    GIC_SNAP_EDGE,
    GIC_SNAP_LATCH,
    GIC_SNAP_LINE,
    GIC_SNAP_ACTIVE,
    GIC_SNAP_NR_MAPS
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
    unsigned limit = g->cfg.nr_irqs < VINTC_GIC_MAX_IRQS ? g->cfg.nr_irqs
                                                         : VINTC_GIC_MAX_IRQS;
    return limit - 32;
}

/* The bitmap array of `map` in a GIC. */
static inline uint32_t *gic_snap_map_of(struct gic *g, enum gic_snap_map map)
{
    switch (map) {
    case GIC_SNAP_ENABLED:
        return g->enabled;
    case GIC_SNAP_GROUP:
        return g->group;
    case GIC_SNAP_EDGE:
        return g->edge;
    case GIC_SNAP_LATCH:
        return g->latch;
    case GIC_SNAP_LINE:
        return g->line;
    default:
        return g->active;
    }
}

/* The guest's CPU-interface state of the LR backend (GICH_VMCR, GICH_APR)
 * as a GICC of `g`'s priority bits: f must hold g's reset values (which fix
 * pre_shift, apr_words and split); its registers are replaced. False when
 * the state has no exact GICC equivalent (gic_snapshot_convert.c). */
bool gic_snap_vmcr_to_gicc(const struct gic *g, uint32_t vmcr, uint32_t apr,
                           struct iface *f);

/* A GICC's state as GICH_VMCR and GICH_APR. False when it has no exact
 * equivalent in a virtual CPU interface with 5 priority bits. */
bool gic_snap_gicc_to_vmcr(const struct iface *f, uint32_t *vmcr,
                           uint32_t *apr);

#endif
