/* SPDX-License-Identifier: MIT */
/* Helpers for the CPU-interface backend suites: a GIC with a recorder of
 * set_irq_line, kick and irq_eoi callbacks, and GICC accesses that must
 * succeed. Static inline only: every suite is its own executable. */
#ifndef VINTC_CPUIF_TEST_UTIL_H
#define VINTC_CPUIF_TEST_UTIL_H

#include <stdatomic.h>

#include "gic_test_util.h"

struct cu_host {
    atomic_uint level[VINTC_GIC_MAX_CPUS][2]; /* last reported level */
    atomic_uint calls[VINTC_GIC_MAX_CPUS][2]; /* set_irq_line calls */
    atomic_uint same; /* calls that did not change the level */
    atomic_uint kicks[VINTC_GIC_MAX_CPUS];
    atomic_uint eois;     /* irq_eoi calls */
    atomic_uint last_eoi; /* irq of the last one */
    atomic_uint bad;      /* callbacks with cpu or line out of range */
};

static inline void cu_line_cb(void *opaque, unsigned cpu, unsigned line,
                              bool level)
{
    struct cu_host *h = opaque;
    if (cpu >= VINTC_GIC_MAX_CPUS || line > 1) {
        atomic_fetch_add(&h->bad, 1u);
        return;
    }
    if (atomic_exchange(&h->level[cpu][line], level ? 1u : 0u) ==
        (level ? 1u : 0u))
        atomic_fetch_add(&h->same, 1u);
    atomic_fetch_add(&h->calls[cpu][line], 1u);
}

static inline void cu_kick_cb(void *opaque, unsigned cpu)
{
    struct cu_host *h = opaque;
    if (cpu < VINTC_GIC_MAX_CPUS)
        atomic_fetch_add(&h->kicks[cpu], 1u);
    else
        atomic_fetch_add(&h->bad, 1u);
}

static inline void cu_eoi_cb(void *opaque, unsigned cpu, unsigned irq)
{
    struct cu_host *h = opaque;
    if (cpu >= VINTC_GIC_MAX_CPUS)
        atomic_fetch_add(&h->bad, 1u);
    atomic_store(&h->last_eoi, irq);
    atomic_fetch_add(&h->eois, 1u);
}

static inline struct gic_config cu_config(unsigned cpus, unsigned irqs,
                                          unsigned prio_bits)
{
    struct gic_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.nr_cpus = cpus;
    cfg.nr_irqs = irqs;
    cfg.backend = GIC_BACKEND_CPUIF;
    cfg.priority_bits = prio_bits;
    return cfg;
}

static inline struct gic *cu_gic_cfg(const struct gic_config *cfg,
                                     struct cu_host *h)
{
    memset(h, 0, sizeof(*h));
    struct vintc_host_ops ops;
    memset(&ops, 0, sizeof(ops));
    ops.set_irq_line = cu_line_cb;
    ops.kick = cu_kick_cb;
    ops.irq_eoi = cu_eoi_cb;
    struct gic *g = NULL;
    ck_assert_int_eq(gic_create(cfg, &ops, h, &g), 0);
    return g;
}

/* A CPU-interface GIC with 8 priority bits (the finest grouping). */
static inline struct gic *cu_gic(unsigned cpus, unsigned irqs,
                                 struct cu_host *h)
{
    struct gic_config cfg = cu_config(cpus, irqs, 8);
    return cu_gic_cfg(&cfg, h);
}

static inline uint32_t cu_rd(struct gic *g, unsigned cpu, uint32_t off)
{
    uint32_t v = 0xDEADBEEFu;
    int rc = gic_cpuif_mmio_read(g, cpu, off, 4, &v);
    if (rc != 0)
        ck_abort_msg("GICC read cpu %u offset 0x%04x: %d", cpu, off, rc);
    return v;
}

static inline void cu_wr(struct gic *g, unsigned cpu, uint32_t off,
                         uint32_t val)
{
    int rc = gic_cpuif_mmio_write(g, cpu, off, 4, val);
    if (rc != 0)
        ck_abort_msg("GICC write cpu %u offset 0x%04x: %d", cpu, off, rc);
}

static inline unsigned cu_irq(struct cu_host *h, unsigned cpu)
{
    return atomic_load(&h->level[cpu][0]);
}

static inline unsigned cu_fiq(struct cu_host *h, unsigned cpu)
{
    return atomic_load(&h->level[cpu][1]);
}

static inline unsigned cu_calls(struct cu_host *h, unsigned cpu)
{
    return atomic_load(&h->calls[cpu][0]) + atomic_load(&h->calls[cpu][1]);
}

/* Distributor on for both groups; every CPU interface takes both groups with
 * PMR 0xFF. */
static inline void cu_enable_all(struct gic *g, unsigned cpus)
{
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    for (unsigned c = 0; c < cpus; c++) {
        cu_wr(g, c, VINTC_GICC_CTLR,
              VINTC_GICC_CTLR_ENABLE_GRP0 | VINTC_GICC_CTLR_ENABLE_GRP1);
        cu_wr(g, c, VINTC_GICC_PMR, 0xFF);
    }
}

/* An enabled SPI (edge or level) with priority `prio` and target mask. */
static inline void cu_spi(struct gic *g, unsigned irq, uint8_t prio,
                          uint8_t targets, bool edge)
{
    tu_wrw(g, 0, VINTC_GICD_IPRIORITYR + irq, 1, prio);
    tu_set_target(g, irq, targets);
    tu_set_edge(g, irq, edge);
    tu_enable(g, 0, irq);
}

/* Group of an interrupt (banked for `cpu` below 32). */
static inline void cu_group(struct gic *g, unsigned cpu, unsigned irq,
                            bool grp1)
{
    uint32_t off = VINTC_GICD_IGROUPR + irq / 32 * 4;
    uint32_t v = tu_rd(g, cpu, off);
    tu_wr(g, cpu, off, grp1 ? v | 1u << (irq % 32) : v & ~(1u << (irq % 32)));
}

#endif
