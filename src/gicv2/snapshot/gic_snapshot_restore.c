/* SPDX-License-Identifier: MIT */
/* gic_restore: decode a snapshot into a scratch GIC of the blob's backend,
 * check that it describes a state such a GIC could be in, let
 * gic_irq_update() file every interrupt there as it would live, check the
 * saved list order (LR blobs) against that; when the live GIC has the other
 * backend, convert the guest's CPU-interface state and file everything
 * again under its rules; then copy the state into the live GIC in one step
 * under the lock and report the CPU-interface lines once it is dropped.
 * Nothing of the live GIC changes before every check passed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gicv2/snapshot/gic_snapshot.h"

/* The distributor configuration must be the same; the LR count and the
 * backend describe the host side and may differ. Version 1 knows only the
 * LR backend; a CPU-interface blob's LR count is an unused echo. */
static bool config_matches(struct snap_reader *r, const struct gic_config *cfg,
                           uint16_t version, enum gic_backend *from)
{
    uint32_t nr_cpus = snap_get_u32(r), nr_irqs = snap_get_u32(r);
    uint32_t nr_lrs = snap_get_u32(r), backend = snap_get_u32(r);
    uint32_t prio_bits = snap_get_u32(r), iidr = snap_get_u32(r);
    bool backend_ok = backend == GIC_BACKEND_LR
                          ? nr_lrs >= 1 && nr_lrs <= VINTC_GIC_MAX_LRS
                          : backend == GIC_BACKEND_CPUIF && version >= 2;
    *from = backend == GIC_BACKEND_LR ? GIC_BACKEND_LR : GIC_BACKEND_CPUIF;
    return snap_done(r) && nr_cpus == cfg->nr_cpus && nr_irqs == cfg->nr_irqs &&
           prio_bits == cfg->priority_bits && iidr == cfg->iidr && backend_ok;
}

static void get_bytes(struct snap_reader *r, uint8_t *dst, size_t n)
{
    const uint8_t *p = snap_take(r, n);
    if (p)
        memcpy(dst, p, n);
}

/* Bitmaps, priorities and targets, each checked against what the registers
 * can hold. */
static bool get_interrupts(struct snap_reader *r, struct gic *s)
{
    unsigned nb = gic_snap_nr_banks(&s->cfg), nspi = gic_snap_nr_spis(s);
    bool ok = true;
    for (unsigned m = 0; m < GIC_SNAP_NR_MAPS; m++) {
        uint32_t *map = gic_snap_map_of(s, (enum gic_snap_map)m);
        for (unsigned i = 0; i < nb; i++) {
            uint32_t v = snap_get_u32(r);
            ok &= (v & ~gic_snap_bank_valid(s, i)) == 0;
            map[gic_snap_bank(&s->cfg, i)] = v;
        }
    }
    for (unsigned c = 0; c < s->cfg.nr_cpus; c++) {
        /* SGIs are always enabled, edge-triggered and have no input line;
         * PPIs are level-triggered: GICD_ICFGR0/1 are read-only here. */
        ok &= (s->enabled[c] & GIC_SGI_MASK) == GIC_SGI_MASK;
        ok &= s->edge[c] == GIC_SGI_MASK;
        ok &= (s->line[c] & GIC_SGI_MASK) == 0;
        get_bytes(r, &s->prio[gic_idx(c, 0)], 32);
    }
    get_bytes(r, &s->prio[gic_idx(0, 32)], nspi);
    get_bytes(r, &s->target[gic_idx(0, 32)], nspi);
    uint8_t bad_prio = 0, bad_target = 0;
    for (unsigned c = 0; c < s->cfg.nr_cpus; c++)
        for (unsigned id = 0; id < 32; id++)
            bad_prio |= s->prio[gic_idx(c, id)] & (uint8_t)~s->prio_mask;
    for (unsigned id = 32; id < 32 + nspi; id++) {
        bad_prio |= s->prio[gic_idx(0, id)] & (uint8_t)~s->prio_mask;
        bad_target |= s->target[gic_idx(0, id)] & (uint8_t)~s->cpu_mask;
    }
    return ok && !bad_prio && !bad_target;
}

static bool get_sgis(struct snap_reader *r, struct gic *s)
{
    bool ok = true;
    for (unsigned c = 0; c < s->cfg.nr_cpus; c++)
        for (unsigned sgi = 0; sgi < GIC_NR_SGIS; sgi++) {
            unsigned idx = gic_idx(c, sgi);
            uint8_t src = snap_get_u8(r), act = snap_get_u8(r);
            bool active = gic_test(s->active, idx);
            /* Sources are CPUs that exist; the latch is "pending from some
             * source"; an active SGI has one source CPU, an inactive none. */
            ok &= (src & ~s->cpu_mask) == 0;
            ok &= gic_test(s->latch, idx) == (src != 0);
            ok &= active ? act < s->cfg.nr_cpus : act == GIC_SNAP_NONE;
            s->sgi_src[c][sgi] = src;
            s->sgi_act_src[c][sgi] = active ? act : 0;
        }
    return ok;
}

static bool get_active_owners(struct snap_reader *r, struct gic *s)
{
    bool ok = true;
    unsigned first = GIC_NR_PRIV_IDX / 32;
    for (unsigned b = first; b < first + s->cfg.nr_irqs / 32 - 1; b++)
        for (uint32_t a = s->active[b]; a; a &= a - 1) {
            uint8_t owner = snap_get_u8(r);
            ok &= owner < s->cfg.nr_cpus;
            s->act_cpu[b * 32 + vintc_ctz32(a)] = owner;
        }
    return ok;
}

/* Mappings in increasing (cpu, id) order for PPIs, then SPIs by ID: one
 * canonical encoding, so no interrupt is mapped twice. */
static bool get_hw_maps(struct snap_reader *r, struct gic *s)
{
    unsigned n = snap_get_u16(r), limit = 32 + gic_snap_nr_spis(s);
    int last = -1;
    for (unsigned i = 0; i < n; i++) {
        unsigned cpu = snap_get_u8(r), id = snap_get_u16(r),
                 pirq = snap_get_u16(r);
        if (r->bad || id < GIC_NR_SGIS || id >= limit || pirq < 16 ||
            pirq >= VINTC_GIC_MAX_IRQS || cpu >= s->cfg.nr_cpus ||
            (id >= 32 && cpu != 0))
            return false;
        int idx = (int)gic_idx(cpu, id);
        if (idx <= last)
            return false;
        last = idx;
        s->pirq[idx] = (uint16_t)pirq;
    }
    return true;
}

static bool get_cpu_interfaces(struct snap_reader *r, struct gic *s)
{
    bool ok = true;
    for (unsigned c = 0; c < s->cfg.nr_cpus; c++) {
        struct gic_cpu *cpu = &s->cpu[c];
        uint8_t have = snap_get_u8(r);
        cpu->vmcr = snap_get_u32(r);
        cpu->apr = snap_get_u32(r);
        /* Never synced: the reset values, as gic_reset leaves them. */
        ok &= have == 1 || (have == 0 && cpu->vmcr == VINTC_GICH_VMCR_RESET &&
                            cpu->apr == 0);
        cpu->have_vmcr = have == 1;
    }
    return ok;
}

/* CPU-interface blob: each GICC's registers, holding only what a register
 * write can leave there (cpuif_regs.c). */
static bool get_gicc(struct snap_reader *r, struct gic *s)
{
    bool ok = true;
    unsigned min = cpuif_min_bpr(s);
    for (unsigned c = 0; c < s->cfg.nr_cpus; c++) {
        struct iface *f = &s->cpu[c].cpuif.regs;
        f->ctlr = snap_get_u32(r);
        f->pmr = snap_get_u32(r);
        f->bpr = snap_get_u32(r);
        f->abpr = snap_get_u32(r);
        for (unsigned w = 0; w < IFACE_APR_WORDS; w++)
            f->apr[w] = snap_get_u32(r);
        for (unsigned w = 0; w < IFACE_APR_WORDS; w++)
            f->nsapr[w] = snap_get_u32(r);
        ok &= (f->ctlr & ~CPUIF_CTLR_MASK) == 0 &&
              (f->pmr & ~(uint32_t)s->prio_mask) == 0;
        ok &= f->bpr >= min && f->bpr <= 7 && f->abpr >= min + 1 &&
              f->abpr <= 7;
        for (unsigned w = 0; w < IFACE_APR_WORDS; w++)
            ok &= ((f->apr[w] | f->nsapr[w]) & ~cpuif_apr_mask(s, w)) == 0;
    }
    return ok;
}

/* Each vCPU's list must name exactly the interrupts gic_irq_update() filed
 * there; relink it in the saved order. */
static bool get_lists(struct snap_reader *r, struct gic *s)
{
    unsigned limit = 32 + gic_snap_nr_spis(s);
    for (unsigned c = 0; c < s->cfg.nr_cpus; c++) {
        struct gic_cpu *cpu = &s->cpu[c];
        unsigned n = snap_get_u16(r);
        if (r->bad ||
            n != atomic_load_explicit(&cpu->queued, memory_order_relaxed))
            return false;
        unsigned prev = GIC_NIL;
        for (unsigned i = 0; i < n; i++) {
            unsigned id = snap_get_u16(r);
            if (r->bad || id >= limit)
                return false;
            unsigned idx = gic_idx(c, id);
            /* Filed here, and not yet taken by an earlier entry. */
            if (s->owner[idx] != c)
                return false;
            s->owner[idx] = GIC_NO_CPU;
            s->prev[idx] = (uint16_t)prev;
            if (prev == GIC_NIL)
                cpu->head = (uint16_t)idx;
            else
                s->next[prev] = (uint16_t)idx;
            prev = idx;
        }
        cpu->tail = (uint16_t)prev;
        if (prev != GIC_NIL)
            s->next[prev] = GIC_NIL;
        for (unsigned idx = cpu->head; idx != GIC_NIL; idx = s->next[idx])
            s->owner[idx] = (uint8_t)c;
    }
    return true;
}

/* A scratch GIC with the live one's configuration and reset values in the
 * banks the blob does not cover. */
static void scratch_init(struct gic *s, const struct gic *live)
{
    memset(s, 0, sizeof(*s));
    s->cfg = live->cfg;
    s->cpu_mask = live->cpu_mask;
    s->prio_mask = live->prio_mask;
    memset(s->owner, GIC_NO_CPU, sizeof(s->owner));
    for (unsigned c = 0; c < VINTC_GIC_MAX_CPUS; c++) {
        s->enabled[c] = GIC_SGI_MASK;
        s->edge[c] = GIC_SGI_MASK;
    }
    for (unsigned c = 0; c < VINTC_ARRAY_SIZE(s->cpu); c++) {
        s->cpu[c].head = s->cpu[c].tail = GIC_NIL;
        atomic_init(&s->cpu[c].queued, 0);
        s->cpu[c].vmcr = VINTC_GICH_VMCR_RESET;
    }
    cpuif_reset_regs(s);
}

/* File every interrupt again under the rules of backend `to`: an SPI
 * pending on the LR backend sits with its lowest target, on the
 * CPU-interface backend on the shared 1-of-N list. */
static void refile(struct gic *s, enum gic_backend to)
{
    memset(s->owner, GIC_NO_CPU, sizeof(s->owner));
    for (unsigned c = 0; c < VINTC_ARRAY_SIZE(s->cpu); c++) {
        s->cpu[c].head = s->cpu[c].tail = GIC_NIL;
        atomic_store_explicit(&s->cpu[c].queued, 0, memory_order_relaxed);
    }
    s->cfg.backend = to;
    gic_update_all(s);
}

/* The guest's CPU-interface state in the live GIC's backend
 * (gic_snapshot_convert.c); -EINVAL when it has no exact equivalent. */
static int convert(struct gic *s, enum gic_backend to)
{
    enum gic_backend from = s->cfg.backend;
    if (from == to)
        return 0;
    for (unsigned c = 0; c < s->cfg.nr_cpus; c++) {
        struct gic_cpu *cpu = &s->cpu[c];
        if (to == GIC_BACKEND_LR) {
            if (!gic_snap_gicc_to_vmcr(&cpu->cpuif.regs, &cpu->vmcr, &cpu->apr))
                return -EINVAL;
            /* A GICC at reset reads as a vCPU never synced, so a round
             * trip through the other backend gives the blob back. */
            cpu->have_vmcr = cpu->vmcr != VINTC_GICH_VMCR_RESET ||
                             cpu->apr != 0;
        } else if (cpu->have_vmcr && /* else the GICC keeps its reset values */
                   !gic_snap_vmcr_to_gicc(s, cpu->vmcr, cpu->apr,
                                          &cpu->cpuif.regs)) {
            return -EINVAL;
        }
    }
    refile(s, to);
    return 0;
}

/* Decode a blob of backend s->cfg.backend; then convert it to `to`. */
static int decode(struct snap_reader *r, struct gic *s, enum gic_backend to)
{
    bool lr_blob = s->cfg.backend == GIC_BACKEND_LR;
    s->ctlr = snap_get_u32(r);
    bool ok = (s->ctlr & ~(VINTC_GICD_CTLR_ENABLE_GRP0 |
                           VINTC_GICD_CTLR_ENABLE_GRP1)) == 0;
    ok = get_interrupts(r, s) && ok;
    ok = get_sgis(r, s) && ok;
    ok = get_active_owners(r, s) && ok;
    ok = get_hw_maps(r, s) && ok;
    ok = (lr_blob ? get_cpu_interfaces(r, s) : get_gicc(r, s)) && ok;
    if (!ok || r->bad)
        return -EINVAL;
    /* Hardware mappings need list registers. */
    if (!lr_blob || to != GIC_BACKEND_LR)
        for (unsigned idx = 0; idx < GIC_NR_IDX; idx++)
            if (s->pirq[idx])
                return -EINVAL;
    gic_update_all(s);
    if (lr_blob && !get_lists(r, s))
        return -EINVAL;
    return snap_done(r) ? convert(s, to) : -EINVAL;
}

/* With the lock: take over everything but the host side (lock, callbacks,
 * statistics). Every LR hand-over is dropped. */
static void install(struct gic *g, struct gic *s)
{
    g->ctlr = s->ctlr;
    g->kick_mask = 0;
    for (unsigned m = 0; m < GIC_SNAP_NR_MAPS; m++)
        memcpy(gic_snap_map_of(g, (enum gic_snap_map)m),
               gic_snap_map_of(s, (enum gic_snap_map)m), sizeof(g->enabled));
    memset(g->in_lr, 0, sizeof(g->in_lr));
    memset(g->lr_slot, 0, sizeof(g->lr_slot));
    memset(g->dirty, 0, sizeof(g->dirty));
    memcpy(g->prio, s->prio, sizeof(g->prio));
    memcpy(g->target, s->target, sizeof(g->target));
    memcpy(g->owner, s->owner, sizeof(g->owner));
    memcpy(g->act_cpu, s->act_cpu, sizeof(g->act_cpu));
    memcpy(g->next, s->next, sizeof(g->next));
    memcpy(g->prev, s->prev, sizeof(g->prev));
    memcpy(g->pirq, s->pirq, sizeof(g->pirq));
    memcpy(g->sgi_src, s->sgi_src, sizeof(g->sgi_src));
    memcpy(g->sgi_act_src, s->sgi_act_src, sizeof(g->sgi_act_src));
    for (unsigned c = 0; c < VINTC_ARRAY_SIZE(g->cpu); c++) {
        struct gic_cpu *cpu = &g->cpu[c];
        const struct gic_cpu *sc = &s->cpu[c];
        cpu->head = sc->head;
        cpu->tail = sc->tail;
        atomic_store_explicit(
            &cpu->queued,
            atomic_load_explicit(&sc->queued, memory_order_relaxed),
            memory_order_release);
        cpu->lr_count = 0;
        cpu->have_vmcr = sc->have_vmcr;
        cpu->vmcr = sc->vmcr;
        cpu->apr = sc->apr;
        cpu->cpuif.regs = sc->cpuif.regs;
    }
    /* CPU-interface backend: the lines follow the new state; they are
     * reported once the lock is dropped. */
    g->line_dirty = gic_is_cpuif(g) ? g->cpu_mask : 0;
}

int gic_restore(struct gic *gic, const void *buf, size_t len)
{
    if (!gic || !buf)
        return -EINVAL;
    struct snap_reader cfg, payload;
    uint16_t version;
    int rc = snap_open(buf, len, VINTC_SNAP_KIND_GICV2, GIC_SNAP_VERSION,
                       &version, &cfg, &payload);
    if (rc)
        return rc;
    enum gic_backend from;
    if (!config_matches(&cfg, &gic->cfg, version, &from))
        return -EINVAL;
    struct gic *s = malloc(sizeof(*s));
    if (!s)
        return -ENOMEM;
    scratch_init(s, gic);
    s->cfg.backend = from;
    rc = decode(&payload, s, gic->cfg.backend);
    if (!rc) {
        vintc_lock(&gic->lock);
        install(gic, s);
        gic_unlock_and_kick(gic);
    }
    free(s);
    return rc;
}
