/* SPDX-License-Identifier: MIT */
/* GICv2 internal state, shared by the distributor, injection and the LR
 * backend. Everything here is protected by gic->lock unless noted. */
#ifndef VINTC_GIC_INTERNAL_H
#define VINTC_GIC_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <vintc/gicv2.h>

#include "common/bits.h"
#include "common/lock.h"
#include "common/trace.h"
#include "gicv2/iface_rules.h"

/* Interrupt state is indexed by "idx": the private interrupts (SGIs and
 * PPIs, IDs 0..31) of CPU c at c*32 + id, and SPI id at 224 + id, i.e. from
 * 256 on whatever nr_cpus is. Each 32-bit bank of a bitmap covers one
 * register's worth of interrupts: banks 0..7 are the private banks, bank
 * 8 + k holds IDs 32*(k+1)..32*(k+1)+31. */
#define GIC_NR_PRIV_IDX (VINTC_GIC_MAX_CPUS * 32)
#define GIC_NR_IDX      (GIC_NR_PRIV_IDX + 1024 - 32)
#define GIC_NR_BANKS    (GIC_NR_IDX / 32)
#define GIC_NO_CPU      0xFFu
/* CPU-interface backend: the list of pending SPIs, which every CPU in an
 * SPI's target mask may take (1-of-N); kept at cpu[GIC_SPI_LIST]. */
#define GIC_SPI_LIST VINTC_GIC_MAX_CPUS
#define GIC_NIL      0xFFFFu

#define GIC_NR_SGIS  16
#define GIC_SGI_MASK 0x0000FFFFu

/* Set while an interrupt is in a vCPU's LRs and the distributor changed its
 * pending or active state: at sync the distributor's value wins. */
#define GIC_DIRTY_PEND 0x1u
#define GIC_DIRTY_ACT  0x2u

/* CPU-interface backend: one GICC and its IRQ/FIQ output lines. */
struct gic_cpuif {
    struct iface regs; /* guest-programmed state (gic->lock) */
    /* Line levels (IFACE_LINE_*) as last computed under gic->lock; the
     * callback reports them after the lock is dropped (cpuif_lines.c). */
    _Atomic unsigned want;
    _Atomic unsigned reporters;    /* threads with a report outstanding */
    unsigned reported;             /* owned by the one running reporter */
    _Atomic uint64_t line_changes; /* set_irq_line calls */
};

struct gic_cpu {
    uint16_t head; /* list of interrupts pending/active here */
    uint16_t tail;
    _Atomic unsigned queued; /* list length; read lock-free by flush */
    unsigned lr_count;       /* LRs handed out by the last flush */
    uint16_t lr_idx[VINTC_GIC_MAX_LRS]; /* which interrupt each LR holds */
    uint32_t lr_val[VINTC_GIC_MAX_LRS]; /* what the flush wrote */
    bool have_vmcr;                     /* vmcr/apr seen at a sync */
    uint32_t vmcr;
    uint32_t apr;
    _Atomic uint64_t empty_flushes; /* counted lock-free by the fast path */
    struct gic_stats stats;
    struct gic_cpuif cpuif;
};

struct gic {
    struct vintc_lock lock;
    struct gic_config cfg;
    struct vintc_host_ops ops;
    void *opaque;
    uint32_t cpu_mask;    /* (1 << nr_cpus) - 1 */
    uint8_t prio_mask;    /* implemented priority bits */
    uint32_t ctlr;        /* GICD_CTLR: EnableGrp0 | EnableGrp1 << 1 */
    uint32_t kick_mask;   /* kicks to issue once the lock is dropped */
    uint32_t line_dirty;  /* CPU-interface backend: CPUs whose lines
                             to recompute before the lock is dropped */
    uint32_t line_report; /* CPUs whose lines the lock holder was
                             elected to report once it is dropped */

    uint32_t enabled[GIC_NR_BANKS];
    uint32_t group[GIC_NR_BANKS]; /* 1 = Group 1 */
    uint32_t edge[GIC_NR_BANKS];  /* 1 = edge-triggered */
    uint32_t latch[GIC_NR_BANKS]; /* pending latch; SGIs: any source */
    uint32_t line[GIC_NR_BANKS];  /* input line level */
    uint32_t active[GIC_NR_BANKS];
    uint32_t in_lr[GIC_NR_BANKS]; /* held in a vCPU's LRs */

    uint8_t prio[GIC_NR_IDX];
    uint8_t target[GIC_NR_IDX];  /* SPIs: GICD_ITARGETSR byte */
    uint8_t owner[GIC_NR_IDX];   /* vCPU whose list holds it, or GIC_NO_CPU */
    uint8_t act_cpu[GIC_NR_IDX]; /* SPIs: vCPU that has it active */
    uint8_t lr_slot[GIC_NR_IDX]; /* LR index while in_lr */
    uint8_t dirty[GIC_NR_IDX];   /* GIC_DIRTY_* while in_lr */
    uint16_t next[GIC_NR_IDX];
    uint16_t prev[GIC_NR_IDX];
    uint16_t pirq[GIC_NR_IDX]; /* hardware mapping, 0 = none */

    uint8_t sgi_src[VINTC_GIC_MAX_CPUS][GIC_NR_SGIS]; /* pending sources */
    uint8_t sgi_act_src[VINTC_GIC_MAX_CPUS]
                       [GIC_NR_SGIS]; /* source of the active one */

    struct gic_cpu cpu[VINTC_GIC_MAX_CPUS + 1]; /* + GIC_SPI_LIST */
    struct gic_stats stats_global; /* events that belong to no vCPU */
};

/* ---- index helpers -------------------------------------------------- */

static inline unsigned gic_idx(unsigned cpu, unsigned id)
{
    return id < 32 ? cpu * 32 + id : id + (GIC_NR_PRIV_IDX - 32);
}

static inline unsigned gic_idx_id(unsigned idx)
{
    return idx < GIC_NR_PRIV_IDX ? idx % 32 : idx - (GIC_NR_PRIV_IDX - 32);
}

static inline bool gic_idx_is_private(unsigned idx)
{
    return idx < GIC_NR_PRIV_IDX;
}

static inline bool gic_idx_is_sgi(unsigned idx)
{
    return idx < GIC_NR_PRIV_IDX && idx % 32 < GIC_NR_SGIS;
}

static inline bool gic_test(const uint32_t *map, unsigned idx)
{
    return (map[idx / 32] >> (idx % 32)) & 1u;
}

static inline void gic_assign(uint32_t *map, unsigned idx, bool v)
{
    uint32_t bit = 1u << (idx % 32);
    map[idx / 32] = v ? map[idx / 32] | bit : map[idx / 32] & ~bit;
}

/* Bank holding ID `id` (a multiple of 32) as seen by `cpu`. */
static inline unsigned gic_bank(unsigned cpu, unsigned id)
{
    return gic_idx(cpu, id) / 32;
}

/* Mask of the existing interrupts among IDs id..id+31 (id a multiple of 32). */
static inline uint32_t gic_bank_valid(const struct gic *g, unsigned id)
{
    unsigned limit = g->cfg.nr_irqs < VINTC_GIC_MAX_IRQS ? g->cfg.nr_irqs
                                                         : VINTC_GIC_MAX_IRQS;
    if (id >= limit)
        return 0;
    return vintc_mask32(limit - id);
}

/* ---- interrupt state, where it belongs (gic_irq_state.c) ----------- */

/* Pending as the distributor holds it: latch for edge, latch OR line for
 * level (IHI0048B 3.2.4). Does not include state handed to an LR. */
static inline bool gic_irq_pending(const struct gic *g, unsigned idx)
{
    return gic_test(g->latch, idx) ||
           (gic_test(g->line, idx) && !gic_test(g->edge, idx));
}

static inline bool gic_group_enabled(const struct gic *g, unsigned idx)
{
    return (g->ctlr >> (gic_test(g->group, idx) ? 1 : 0)) & 1u;
}

/* Can be forwarded to a CPU interface: enabled, pending and its group
 * enabled in GICD_CTLR. */
static inline bool gic_irq_forwardable(const struct gic *g, unsigned idx)
{
    return gic_test(g->enabled, idx) && gic_irq_pending(g, idx) &&
           gic_group_enabled(g, idx);
}

/* The LR state bits a flush handed to the LR for this interrupt (0 if it is
 * not in an LR). */
uint32_t gic_irq_lr_state(const struct gic *g, unsigned idx);

/* Pending including a pending state currently held by an LR (the view the
 * guest's register reads get). For a level-sensitive interrupt that is
 * latch OR line only: its LR copy follows the line. */
bool gic_irq_pending_view(const struct gic *g, unsigned idx);
/* Active including an active state currently held by an LR. */
bool gic_irq_active_view(const struct gic *g, unsigned idx);
/* SGI pending sources including the one held by an LR. */
uint8_t gic_sgi_sources_view(const struct gic *g, unsigned idx);

static inline void gic_queue_kick(struct gic *g, unsigned cpu)
{
    g->kick_mask |= 1u << cpu;
}

static inline bool gic_is_cpuif(const struct gic *g)
{
    return g->cfg.backend == GIC_BACKEND_CPUIF;
}

/* The CPUs an interrupt filed at `where` (a CPU, GIC_SPI_LIST or
 * GIC_NO_CPU) can be signalled to. */
static inline uint32_t gic_cpus_at(const struct gic *g, unsigned idx,
                                   unsigned where)
{
    if (where == GIC_NO_CPU)
        return 0;
    if (where == GIC_SPI_LIST)
        return g->target[idx] & g->cpu_mask;
    return 1u << where;
}

/* CPU-interface backend: the output lines of `cpus` must be recomputed
 * before the lock is dropped. No-op on the LR backend. */
static inline void gic_lines_touch(struct gic *g, uint32_t cpus)
{
    if (gic_is_cpuif(g))
        g->line_dirty |= cpus;
}

/* Where a forwardable, not active SPI waits. The CPU-interface backend
 * follows the architecture's 1-of-N model: it is signalled to every CPU in
 * its target mask and the first acknowledge takes it. The LR backend queues
 * it on the lowest-numbered target, because two vCPUs running on hardware
 * could both acknowledge a copy (docs/design.md 3.2, 3.7). */
static inline unsigned gic_spi_target(const struct gic *g, unsigned idx)
{
    uint32_t t = g->target[idx] & g->cpu_mask;
    if (!t)
        return GIC_NO_CPU;
    return gic_is_cpuif(g) ? GIC_SPI_LIST : vintc_ctz32(t);
}

/* The one place that decides where an interrupt belongs: the vCPU whose
 * LRs hold it; else, when active, the vCPU that has it active; else, when
 * forwardable, its target (gic_spi_target for an SPI); else nowhere
 * (GIC_NO_CPU). */
static inline unsigned gic_irq_home(const struct gic *g, unsigned idx)
{
    if (gic_test(g->in_lr, idx))
        return g->owner[idx];
    bool priv = gic_idx_is_private(idx);
    if (gic_test(g->active, idx))
        return priv ? idx / 32 : g->act_cpu[idx];
    if (gic_irq_forwardable(g, idx))
        return priv ? idx / 32 : gic_spi_target(g, idx);
    return GIC_NO_CPU;
}

/* Move the interrupt from the list it is on to the list of `home`
 * (gic_irq_state.c). */
void gic_irq_refile(struct gic *g, unsigned idx, unsigned home);

/* Re-file the interrupt on the list of gic_irq_home() and return it. */
static inline unsigned gic_irq_update(struct gic *g, unsigned idx)
{
    unsigned home = gic_irq_home(g, idx);
    unsigned cur = g->owner[idx];
    /* Whatever changed may change what those CPU interfaces signal. */
    gic_lines_touch(g, gic_cpus_at(g, idx, cur) | gic_cpus_at(g, idx, home));
    if (home != cur)
        gic_irq_refile(g, idx, home);
    return home;
}

/* gic_irq_update() after a state change made by a device or a register
 * write, and queue the kicks that change calls for: the vCPU whose LRs hold
 * a stale copy, and the vCPU the interrupt is now deliverable to (also when
 * it was already queued there). Returns where the interrupt now is. */
static inline unsigned gic_irq_changed(struct gic *g, unsigned idx)
{
    if (gic_test(g->in_lr, idx)) {
        /* The LR holds a copy that is now stale: that vCPU must exit and
         * sync, after which the interrupt is re-filed (docs/design.md 3.4). */
        gic_queue_kick(g, g->owner[idx]);
        return g->owner[idx];
    }
    unsigned home = gic_irq_update(g, idx);
    /* The CPU-interface backend kicks a CPU when its interface starts to
     * signal (cpuif_lines_publish), which is when it can take it. */
    if (home != GIC_NO_CPU && !gic_is_cpuif(g) && gic_irq_forwardable(g, idx))
        gic_queue_kick(g, home);
    return home;
}

/* Re-evaluate every pending or active interrupt (after GICD_CTLR changes). */
void gic_update_all(struct gic *g);

/* Under gic->lock: take the queued kicks, counting them in the stats. */
static inline uint32_t gic_take_kicks(struct gic *g)
{
    uint32_t kicks = g->kick_mask;
    g->kick_mask = 0;
    for (uint32_t k = kicks; k; k &= k - 1)
        g->cpu[vintc_ctz32(k)].stats.kicks++;
    return kicks;
}

/* Without any lock: call the kick callback for each CPU of `kicks`. */
static inline void gic_issue_kicks(struct gic *g, uint32_t kicks)
{
    for (; kicks; kicks &= kicks - 1) {
        unsigned cpu = vintc_ctz32(kicks);
        vintc_trace(&g->ops, g->opaque, VINTC_TRACE_GIC_KICK, cpu, 0, 0, 0, 0);
        if (g->ops.kick)
            g->ops.kick(g->opaque, cpu);
    }
}

/* The slow half of gic_unlock_and_kick() on the LR backend: there are
 * kicks to issue. */
void gic_unlock_and_kick_slow(struct gic *g);

/* The slow half on the CPU-interface backend: output lines to recompute or
 * report, or kicks to issue (cpuif_lines.c). */
void cpuif_unlock_and_report(struct gic *g);

/* Drop the lock, then issue the collected kicks and, on the CPU-interface
 * backend, report changed output lines (host callbacks run without library
 * locks held). Inline for the common case of neither, which every register
 * read and most writes are. */
static inline void gic_unlock_and_kick(struct gic *g)
{
    if (vintc_likely((g->kick_mask | g->line_dirty | g->line_report) == 0))
        vintc_unlock(&g->lock);
    else if (gic_is_cpuif(g))
        cpuif_unlock_and_report(g);
    else
        gic_unlock_and_kick_slow(g);
}

static inline struct gic_stats *gic_stats_of(struct gic *g, unsigned cpu)
{
    return cpu < g->cfg.nr_cpus ? &g->cpu[cpu].stats : &g->stats_global;
}

/* Count a malformed MMIO access (distributor or GICC) for the accessing
 * CPU, or for no CPU when `cpu` itself is out of range. NULL g: nothing to
 * count (gic_introspect.c). */
void gic_count_malformed(struct gic *g, unsigned cpu);

/* Reset every register and interrupt state (gic_core.c). */
void gic_reset_state(struct gic *g);

#endif
