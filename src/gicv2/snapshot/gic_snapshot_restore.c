/* SPDX-License-Identifier: MIT */
/* gic_restore: decode a snapshot into a scratch GIC, check that it
 * describes a state this GIC could be in, let gic_irq_update() file every
 * interrupt there as it would live, check the saved list order against that,
 * then copy the state into the live GIC in one step under the lock. Nothing
 * of the live GIC changes before every check passed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gicv2/snapshot/gic_snapshot.h"

/* The distributor configuration must be the same; the LR count and the
 * backend describe the host side and may differ. */
static bool config_matches(struct snap_reader *r, const struct gic_config *cfg)
{
    uint32_t nr_cpus = snap_get_u32(r), nr_irqs = snap_get_u32(r);
    uint32_t nr_lrs = snap_get_u32(r), backend = snap_get_u32(r);
    uint32_t prio_bits = snap_get_u32(r), iidr = snap_get_u32(r);
    return snap_done(r) && nr_cpus == cfg->nr_cpus && nr_irqs == cfg->nr_irqs &&
           prio_bits == cfg->priority_bits && iidr == cfg->iidr &&
           backend == GIC_BACKEND_LR && nr_lrs >= 1 && nr_lrs <= VINTC_GIC_MAX_LRS;
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
        unsigned cpu = snap_get_u8(r), id = snap_get_u16(r), pirq = snap_get_u16(r);
        if (r->bad || id < GIC_NR_SGIS || id >= limit || pirq < 16 ||
            pirq >= VINTC_GIC_MAX_IRQS || cpu >= s->cfg.nr_cpus || (id >= 32 && cpu != 0))
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

/* Each vCPU's list must name exactly the interrupts gic_irq_update() filed
 * there; relink it in the saved order. */
static bool get_lists(struct snap_reader *r, struct gic *s)
{
    unsigned limit = 32 + gic_snap_nr_spis(s);
    for (unsigned c = 0; c < s->cfg.nr_cpus; c++) {
        struct gic_cpu *cpu = &s->cpu[c];
        unsigned n = snap_get_u16(r);
        if (r->bad || n != atomic_load_explicit(&cpu->queued, memory_order_relaxed))
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
}

static int decode(struct snap_reader *r, struct gic *s)
{
    s->ctlr = snap_get_u32(r);
    bool ok = (s->ctlr & ~(VINTC_GICD_CTLR_ENABLE_GRP0 | VINTC_GICD_CTLR_ENABLE_GRP1)) == 0;
    ok = get_interrupts(r, s) && ok;
    ok = get_sgis(r, s) && ok;
    ok = get_active_owners(r, s) && ok;
    ok = get_hw_maps(r, s) && ok;
    ok = get_cpu_interfaces(r, s) && ok;
    if (!ok || r->bad)
        return -EINVAL;
    gic_update_all(s);
    return get_lists(r, s) && snap_done(r) ? 0 : -EINVAL;
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
    for (unsigned c = 0; c < VINTC_GIC_MAX_CPUS; c++) {
        struct gic_cpu *cpu = &g->cpu[c];
        const struct gic_cpu *sc = &s->cpu[c];
        cpu->head = sc->head;
        cpu->tail = sc->tail;
        atomic_store_explicit(&cpu->queued,
                              atomic_load_explicit(&sc->queued, memory_order_relaxed),
                              memory_order_release);
        cpu->lr_count = 0;
        cpu->have_vmcr = sc->have_vmcr;
        cpu->vmcr = sc->vmcr;
        cpu->apr = sc->apr;
    }
}

int gic_restore(struct gic *gic, const void *buf, size_t len)
{
    if (!gic || !buf)
        return -EINVAL;
    if (gic->cfg.backend != GIC_BACKEND_LR)
        return -EOPNOTSUPP;
    struct snap_reader cfg, payload;
    uint16_t version;
    int rc = snap_open(buf, len, VINTC_SNAP_KIND_GICV2, GIC_SNAP_VERSION, &version,
                       &cfg, &payload);
    if (rc)
        return rc;
    if (!config_matches(&cfg, &gic->cfg))
        return -EINVAL;
    struct gic *s = malloc(sizeof(*s));
    if (!s)
        return -ENOMEM;
    scratch_init(s, gic);
    rc = decode(&payload, s);
    if (!rc) {
        vintc_lock(&gic->lock);
        install(gic, s);
        vintc_unlock(&gic->lock);
    }
    free(s);
    return rc;
}
