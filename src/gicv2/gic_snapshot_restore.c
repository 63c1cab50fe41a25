/* SPDX-License-Identifier: MIT */
/* gic_restore: decode a snapshot into a staging image, check that it
 * describes a state this GIC could be in, then install it in one step under
 * the lock. Nothing of the live GIC changes before every check passed. */
#include <errno.h>
#include <string.h>

#include "gicv2/gic_snapshot.h"

struct gic_image {
    uint32_t ctlr;
    uint32_t map[GIC_SNAP_NR_MAPS][GIC_NR_BANKS];
    uint8_t prio[GIC_NR_IDX];
    uint8_t target[GIC_NR_IDX];
    uint8_t act_cpu[GIC_NR_IDX];
    uint16_t pirq[GIC_NR_IDX];
    uint8_t sgi_src[VINTC_GIC_MAX_CPUS][GIC_NR_SGIS];
    uint8_t sgi_act_src[VINTC_GIC_MAX_CPUS][GIC_NR_SGIS];
    bool have_vmcr[VINTC_GIC_MAX_CPUS];
    uint32_t vmcr[VINTC_GIC_MAX_CPUS];
    uint32_t apr[VINTC_GIC_MAX_CPUS];
};

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
 * can hold (DESIGN-level choices documented in docs/snapshot-format.md). */
static bool get_interrupts(struct snap_reader *r, const struct gic *g,
                           struct gic_image *im)
{
    unsigned nb = gic_snap_nr_banks(&g->cfg), nspi = gic_snap_nr_spis(g);
    bool ok = true;
    for (unsigned m = 0; m < GIC_SNAP_NR_MAPS; m++)
        for (unsigned i = 0; i < nb; i++) {
            uint32_t v = snap_get_u32(r);
            ok &= (v & ~gic_snap_bank_valid(g, i)) == 0;
            im->map[m][gic_snap_bank(&g->cfg, i)] = v;
        }
    for (unsigned c = 0; c < g->cfg.nr_cpus; c++) {
        /* SGIs are always enabled, edge-triggered and have no input line;
         * PPIs are level-triggered (GICD_ICFGR0/1 read-only, IHI0048B
         * 4.3.13). */
        ok &= (im->map[GIC_SNAP_ENABLED][c] & GIC_SGI_MASK) == GIC_SGI_MASK;
        ok &= im->map[GIC_SNAP_EDGE][c] == GIC_SGI_MASK;
        ok &= (im->map[GIC_SNAP_LINE][c] & GIC_SGI_MASK) == 0;
        get_bytes(r, &im->prio[gic_idx(c, 0)], 32);
    }
    get_bytes(r, &im->prio[gic_idx(0, 32)], nspi);
    get_bytes(r, &im->target[gic_idx(0, 32)], nspi);
    uint8_t bad_prio = 0, bad_target = 0;
    for (unsigned c = 0; c < g->cfg.nr_cpus; c++)
        for (unsigned id = 0; id < 32; id++)
            bad_prio |= im->prio[gic_idx(c, id)] & (uint8_t)~g->prio_mask;
    for (unsigned id = 32; id < 32 + nspi; id++) {
        bad_prio |= im->prio[gic_idx(0, id)] & (uint8_t)~g->prio_mask;
        bad_target |= im->target[gic_idx(0, id)] & (uint8_t)~g->cpu_mask;
    }
    return ok && !bad_prio && !bad_target;
}

static bool get_sgis(struct snap_reader *r, const struct gic *g, struct gic_image *im)
{
    bool ok = true;
    for (unsigned c = 0; c < g->cfg.nr_cpus; c++)
        for (unsigned s = 0; s < GIC_NR_SGIS; s++) {
            unsigned idx = gic_idx(c, s);
            uint8_t src = snap_get_u8(r), act = snap_get_u8(r);
            bool active = gic_test(im->map[GIC_SNAP_ACTIVE], idx);
            /* Sources are CPUs that exist; the latch is "pending from some
             * source"; an active SGI has one source CPU, an inactive none. */
            ok &= (src & ~g->cpu_mask) == 0;
            ok &= gic_test(im->map[GIC_SNAP_LATCH], idx) == (src != 0);
            ok &= active ? act < g->cfg.nr_cpus : act == GIC_SNAP_NONE;
            im->sgi_src[c][s] = src;
            im->sgi_act_src[c][s] = active ? act : 0;
        }
    return ok;
}

static bool get_active_owners(struct snap_reader *r, const struct gic *g,
                              struct gic_image *im)
{
    bool ok = true;
    unsigned first = GIC_NR_PRIV_IDX / 32;
    for (unsigned b = first; b < first + g->cfg.nr_irqs / 32 - 1; b++)
        for (uint32_t a = im->map[GIC_SNAP_ACTIVE][b]; a; a &= a - 1) {
            uint8_t owner = snap_get_u8(r);
            ok &= owner < g->cfg.nr_cpus;
            im->act_cpu[b * 32 + vintc_ctz32(a)] = owner;
        }
    return ok;
}

/* Mappings in increasing (cpu, id) order for PPIs, then SPIs by ID: one
 * canonical encoding, so no interrupt is mapped twice. */
static bool get_hw_maps(struct snap_reader *r, const struct gic *g, struct gic_image *im)
{
    unsigned n = snap_get_u16(r), limit = 32 + gic_snap_nr_spis(g);
    int last = -1;
    for (unsigned i = 0; i < n; i++) {
        unsigned cpu = snap_get_u8(r), id = snap_get_u16(r), pirq = snap_get_u16(r);
        if (r->bad || id < GIC_NR_SGIS || id >= limit || pirq < 16 ||
            pirq >= VINTC_GIC_MAX_IRQS || cpu >= g->cfg.nr_cpus || (id >= 32 && cpu != 0))
            return false;
        int idx = (int)gic_idx(cpu, id);
        if (idx <= last)
            return false;
        last = idx;
        im->pirq[idx] = (uint16_t)pirq;
    }
    return true;
}

static bool get_cpu_interfaces(struct snap_reader *r, const struct gic *g,
                               struct gic_image *im)
{
    bool ok = true;
    for (unsigned c = 0; c < g->cfg.nr_cpus; c++) {
        uint8_t have = snap_get_u8(r);
        im->vmcr[c] = snap_get_u32(r);
        im->apr[c] = snap_get_u32(r);
        /* Never synced: the reset values, as gic_reset leaves them. */
        ok &= have == 1 || (have == 0 && im->vmcr[c] == VINTC_GICH_VMCR_RESET &&
                            im->apr[c] == 0);
        im->have_vmcr[c] = have == 1;
    }
    return ok;
}

static int decode(struct snap_reader *r, const struct gic *g, struct gic_image *im)
{
    im->ctlr = snap_get_u32(r);
    bool ok = (im->ctlr & ~(VINTC_GICD_CTLR_ENABLE_GRP0 | VINTC_GICD_CTLR_ENABLE_GRP1)) == 0;
    ok = get_interrupts(r, g, im) && ok;
    ok = get_sgis(r, g, im) && ok;
    ok = get_active_owners(r, g, im) && ok;
    ok = get_hw_maps(r, g, im) && ok;
    ok = get_cpu_interfaces(r, g, im) && ok;
    return ok && snap_done(r) ? 0 : -EINVAL;
}

/* With the lock: replace the whole state by the image; the per-vCPU lists
 * are rebuilt from it and every LR hand-over is dropped. */
static void install(struct gic *g, const struct gic_image *im)
{
    g->ctlr = im->ctlr;
    for (unsigned m = 0; m < GIC_SNAP_NR_MAPS; m++)
        memcpy(gic_snap_map_of(g, (enum gic_snap_map)m), im->map[m], sizeof(im->map[m]));
    memcpy(g->prio, im->prio, sizeof(g->prio));
    memcpy(g->target, im->target, sizeof(g->target));
    memcpy(g->act_cpu, im->act_cpu, sizeof(g->act_cpu));
    memcpy(g->pirq, im->pirq, sizeof(g->pirq));
    memcpy(g->sgi_src, im->sgi_src, sizeof(g->sgi_src));
    memcpy(g->sgi_act_src, im->sgi_act_src, sizeof(g->sgi_act_src));
    memset(g->in_lr, 0, sizeof(g->in_lr));
    memset(g->lr_slot, 0, sizeof(g->lr_slot));
    memset(g->dirty, 0, sizeof(g->dirty));
    memset(g->owner, GIC_NO_CPU, sizeof(g->owner));
    for (unsigned c = 0; c < VINTC_GIC_MAX_CPUS; c++) {
        struct gic_cpu *cpu = &g->cpu[c];
        cpu->head = cpu->tail = GIC_NIL;
        atomic_store_explicit(&cpu->queued, 0, memory_order_relaxed);
        cpu->lr_count = 0;
        cpu->have_vmcr = im->have_vmcr[c];
        cpu->vmcr = im->vmcr[c];
        cpu->apr = im->apr[c];
    }
    gic_update_all(g);
    g->kick_mask = 0;
}

int gic_restore(struct gic *gic, const void *buf, size_t len)
{
    if (!gic || !buf)
        return -EINVAL;
    struct snap_reader cfg, payload;
    uint16_t version;
    int rc = snap_open(buf, len, VINTC_SNAP_KIND_GICV2, GIC_SNAP_VERSION, &version,
                       &cfg, &payload);
    if (rc)
        return rc;
    if (!config_matches(&cfg, &gic->cfg))
        return -EINVAL;
    struct gic_image im;
    memset(&im, 0, sizeof(im));
    /* Banks of CPUs beyond nr_cpus keep their reset values. */
    for (unsigned c = gic->cfg.nr_cpus; c < VINTC_GIC_MAX_CPUS; c++) {
        im.map[GIC_SNAP_ENABLED][c] = GIC_SGI_MASK;
        im.map[GIC_SNAP_EDGE][c] = GIC_SGI_MASK;
        im.vmcr[c] = VINTC_GICH_VMCR_RESET;
    }
    rc = decode(&payload, gic, &im);
    if (rc)
        return rc;
    vintc_lock(&gic->lock);
    install(gic, &im);
    vintc_unlock(&gic->lock);
    return 0;
}
