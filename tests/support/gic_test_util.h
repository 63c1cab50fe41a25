/* SPDX-License-Identifier: MIT */
/* Helpers shared by the GICv2 distributor suites: creating a GIC, register
 * access that must succeed, a kick recorder and routing observation through
 * the LR backend. Static inline only: every suite is its own executable. */
#ifndef VINTC_GIC_TEST_UTIL_H
#define VINTC_GIC_TEST_UTIL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <check.h>
#include <vintc/gicv2.h>


/* Kick recorder: ops.kick increments count[cpu]. */
struct tu_kicks {
    atomic_uint count[VINTC_GIC_MAX_CPUS];
    atomic_uint bad; /* kicks for a cpu >= VINTC_GIC_MAX_CPUS */
};

static inline void tu_kick_cb(void *opaque, unsigned cpu)
{
    struct tu_kicks *k = opaque;
    if (cpu < VINTC_GIC_MAX_CPUS)
        atomic_fetch_add(&k->count[cpu], 1u);
    else
        atomic_fetch_add(&k->bad, 1u);
}

static inline void tu_kicks_clear(struct tu_kicks *k)
{
    for (unsigned i = 0; i < VINTC_GIC_MAX_CPUS; i++)
        atomic_store(&k->count[i], 0u);
    atomic_store(&k->bad, 0u);
}

static inline unsigned tu_kicks_of(struct tu_kicks *k, unsigned cpu)
{
    return atomic_load(&k->count[cpu]);
}

static inline unsigned tu_kicks_total(struct tu_kicks *k)
{
    unsigned n = atomic_load(&k->bad);
    for (unsigned i = 0; i < VINTC_GIC_MAX_CPUS; i++)
        n += atomic_load(&k->count[i]);
    return n;
}

static inline struct gic_config tu_config(unsigned cpus, unsigned irqs)
{
    struct gic_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.nr_cpus = cpus;
    cfg.nr_irqs = irqs;
    cfg.nr_lrs = 4;
    cfg.backend = GIC_BACKEND_LR;
    return cfg;
}

/* A GIC from `cfg`; kicks go to `k` when it is not NULL. */
static inline struct gic *tu_gic_cfg(const struct gic_config *cfg,
                                     struct tu_kicks *k)
{
    struct vintc_host_ops ops;
    memset(&ops, 0, sizeof(ops));
    ops.kick = tu_kick_cb;
    if (k)
        tu_kicks_clear(k);
    struct gic *g = NULL;
    ck_assert_int_eq(gic_create(cfg, k ? &ops : NULL, k, &g), 0);
    ck_assert_ptr_nonnull(g);
    return g;
}

static inline struct gic *tu_gic(unsigned cpus, unsigned irqs,
                                 struct tu_kicks *k)
{
    struct gic_config cfg = tu_config(cpus, irqs);
    return tu_gic_cfg(&cfg, k);
}

/* Register access that must be accepted (return 0). Plain `if` rather than
 * ck_assert: every passing ck_assert costs Check a message, and the register
 * sweeps make hundreds of thousands of accesses (think Valgrind). */
static inline uint32_t tu_rdw(struct gic *g, unsigned cpu, uint32_t off,
                              unsigned size)
{
    uint32_t v = 0xDEADBEEFu;
    int rc = gic_dist_mmio_read(g, cpu, off, size, &v);
    if (rc != 0)
        ck_abort_msg("read cpu %u offset 0x%03x size %u: %d", cpu, off, size,
                     rc);
    return v;
}

static inline uint32_t tu_rd(struct gic *g, unsigned cpu, uint32_t off)
{
    return tu_rdw(g, cpu, off, 4);
}

static inline void tu_wrw(struct gic *g, unsigned cpu, uint32_t off,
                          unsigned size, uint32_t val)
{
    int rc = gic_dist_mmio_write(g, cpu, off, size, val);
    if (rc != 0)
        ck_abort_msg("write cpu %u offset 0x%03x size %u: %d", cpu, off, size,
                     rc);
}

static inline void tu_wr(struct gic *g, unsigned cpu, uint32_t off,
                         uint32_t val)
{
    tu_wrw(g, cpu, off, 4, val);
}

/* One-bit-per-interrupt registers: the bit of `irq` in the register family
 * starting at `base`, as CPU `cpu` sees it. */
static inline bool tu_bit(struct gic *g, unsigned cpu, uint32_t base,
                          unsigned irq)
{
    return (tu_rd(g, cpu, base + irq / 32 * 4) >> (irq % 32)) & 1u;
}

static inline void tu_set_bit(struct gic *g, unsigned cpu, uint32_t base,
                              unsigned irq)
{
    tu_wr(g, cpu, base + irq / 32 * 4, 1u << (irq % 32));
}

static inline void tu_enable(struct gic *g, unsigned cpu, unsigned irq)
{
    tu_set_bit(g, cpu, VINTC_GICD_ISENABLER, irq);
}

/* Make `irq` edge-triggered (SPIs only: ICFGR0/1 are read-only). */
static inline void tu_set_edge(struct gic *g, unsigned irq, bool edge)
{
    uint32_t off = VINTC_GICD_ICFGR + irq / 16 * 4;
    uint32_t bit = 2u << (2 * (irq % 16));
    uint32_t v = tu_rd(g, 0, off);
    tu_wr(g, 0, off, edge ? v | bit : v & ~bit);
}

static inline void tu_set_target(struct gic *g, unsigned irq, uint8_t mask)
{
    tu_wrw(g, 0, VINTC_GICD_ITARGETSR + irq, 1, mask);
}

/* A rising then falling edge on the device line. */
static inline void tu_pulse(struct gic *g, unsigned cpu, unsigned irq)
{
    ck_assert_int_eq(gic_set_irq(g, cpu, irq, true), 0);
    ck_assert_int_eq(gic_set_irq(g, cpu, irq, false), 0);
}

/* A virtual interface whose guest takes everything: both groups enabled,
 * priority mask 0xF8, nothing active. gic_cpu_pending() keeps meaning
 * "enabled, pending, group-enabled and routed here" after a sync with it
 * (for priorities below 0xF8). */
static inline void tu_vif_reset(struct gic_vif *vif)
{
    memset(vif, 0, sizeof(*vif));
    vif->vmcr = VINTC_GICH_VMCR_RESET | VINTC_GICH_VMCR_GRP0EN |
                VINTC_GICH_VMCR_GRP1EN | 0x1Fu << VINTC_GICH_VMCR_PRIMASK_SHIFT;
}

/* Index of the LR holding VirtualID `id` among the first `n`, or -1. */
static inline int tu_lr_find(const struct gic_vif *vif, int n, unsigned id)
{
    for (int i = 0; i < n; i++)
        if ((vif->lr[i] & VINTC_GICH_LR_VIRTUALID_MASK) == id)
            return i;
    return -1;
}

/* Does vCPU `cpu` get `id` in its LRs in the pending (acknowledgeable, not
 * active+pending) state? Flushes, then syncs the
 * LRs back unchanged, so the distributor state is as before. */
static inline bool tu_routed_pending(struct gic *g, unsigned cpu, unsigned id)
{
    struct gic_vif vif;
    tu_vif_reset(&vif);
    int n = gic_lr_flush(g, cpu, &vif);
    ck_assert_int_ge(n, 0);
    int i = tu_lr_find(&vif, n, id);
    bool pending = i >= 0 && (vif.lr[i] & VINTC_GICH_LR_STATE_MASK) ==
                                 VINTC_GICH_LR_STATE_PENDING;
    ck_assert_int_eq(gic_lr_sync(g, cpu, &vif), n);
    return pending;
}

/* The guest on vCPU `cpu` takes and completes every interrupt that is
 * pending in its LRs (state -> invalid). Returns how many of them had
 * VirtualID `id` (an SGI also matches only with source `src` when src >= 0). */
static inline unsigned tu_consume(struct gic *g, unsigned cpu, unsigned id,
                                  int src)
{
    struct gic_vif vif;
    tu_vif_reset(&vif);
    int n = gic_lr_flush(g, cpu, &vif);
    ck_assert_int_ge(n, 0);
    unsigned hits = 0;
    for (int i = 0; i < n; i++) {
        uint32_t lr = vif.lr[i];
        if (!(lr & VINTC_GICH_LR_STATE_PENDING))
            continue;
        if ((lr & VINTC_GICH_LR_VIRTUALID_MASK) == id &&
            (src < 0 || (int)((lr & VINTC_GICH_LR_CPUID_MASK) >>
                              VINTC_GICH_LR_CPUID_SHIFT) == src))
            hits++;
        vif.lr[i] = lr & ~VINTC_GICH_LR_STATE_MASK;
    }
    ck_assert_int_eq(gic_lr_sync(g, cpu, &vif), n);
    return hits;
}

#endif
