/* SPDX-License-Identifier: MIT */
/* gic_save: the distributor, every interrupt's state, SGI sources, hardware
 * mappings and the per-vCPU interface state into a snapshot blob. */
#include <errno.h>
#include <string.h>

#include "gicv2/snapshot/gic_snapshot.h"

static void put_config(struct snap_writer *w, const struct gic_config *cfg)
{
    snap_put_u32(w, cfg->nr_cpus);
    snap_put_u32(w, cfg->nr_irqs);
    snap_put_u32(w, cfg->nr_lrs);
    snap_put_u32(w, (uint32_t)cfg->backend);
    snap_put_u32(w, cfg->priority_bits);
    snap_put_u32(w, cfg->iidr);
}

static void put_bytes(struct snap_writer *w, const uint8_t *src, size_t n)
{
    uint8_t *p = snap_room(w, n);
    if (p)
        memcpy(p, src, n);
}

static void put_interrupts(struct snap_writer *w, struct gic *g)
{
    unsigned nb = gic_snap_nr_banks(&g->cfg), nspi = gic_snap_nr_spis(g);
    for (unsigned m = 0; m < GIC_SNAP_NR_MAPS; m++) {
        const uint32_t *map = gic_snap_map_of(g, (enum gic_snap_map)m);
        for (unsigned i = 0; i < nb; i++)
            snap_put_u32(w, map[gic_snap_bank(&g->cfg, i)] &
                                gic_snap_bank_valid(g, i));
    }
    for (unsigned c = 0; c < g->cfg.nr_cpus; c++)
        put_bytes(w, &g->prio[gic_idx(c, 0)], 32);
    put_bytes(w, &g->prio[gic_idx(0, 32)], nspi);
    put_bytes(w, &g->target[gic_idx(0, 32)], nspi);
}

static void put_sgis(struct snap_writer *w, const struct gic *g)
{
    for (unsigned c = 0; c < g->cfg.nr_cpus; c++)
        for (unsigned s = 0; s < GIC_NR_SGIS; s++) {
            snap_put_u8(w, g->sgi_src[c][s]);
            snap_put_u8(w, gic_test(g->active, gic_idx(c, s))
                               ? g->sgi_act_src[c][s]
                               : GIC_SNAP_NONE);
        }
}

/* The vCPU that has each active SPI, in ID order. */
static void put_active_owners(struct snap_writer *w, const struct gic *g)
{
    unsigned first = GIC_NR_PRIV_IDX / 32;
    for (unsigned b = first; b < first + g->cfg.nr_irqs / 32 - 1; b++)
        for (uint32_t a = g->active[b]; a; a &= a - 1)
            snap_put_u8(w, g->act_cpu[b * 32 + vintc_ctz32(a)]);
}

static void put_hw_maps(struct snap_writer *w, const struct gic *g)
{
    unsigned n = 0, nspi = gic_snap_nr_spis(g);
    for (unsigned c = 0; c < g->cfg.nr_cpus; c++)
        for (unsigned id = GIC_NR_SGIS; id < 32; id++)
            n += g->pirq[gic_idx(c, id)] != 0;
    for (unsigned id = 32; id < 32 + nspi; id++)
        n += g->pirq[gic_idx(0, id)] != 0;
    snap_put_u16(w, (uint16_t)n);
    for (unsigned c = 0; c < g->cfg.nr_cpus; c++)
        for (unsigned id = GIC_NR_SGIS; id < 32; id++)
            if (g->pirq[gic_idx(c, id)]) {
                snap_put_u8(w, (uint8_t)c);
                snap_put_u16(w, (uint16_t)id);
                snap_put_u16(w, g->pirq[gic_idx(c, id)]);
            }
    for (unsigned id = 32; id < 32 + nspi; id++)
        if (g->pirq[gic_idx(0, id)]) {
            snap_put_u8(w, 0);
            snap_put_u16(w, (uint16_t)id);
            snap_put_u16(w, g->pirq[gic_idx(0, id)]);
        }
}

static void put_cpu_interfaces(struct snap_writer *w, const struct gic *g)
{
    for (unsigned c = 0; c < g->cfg.nr_cpus; c++) {
        const struct gic_cpu *cpu = &g->cpu[c];
        snap_put_u8(w, cpu->have_vmcr);
        snap_put_u32(w, cpu->vmcr);
        snap_put_u32(w, cpu->apr);
    }
}

/* CPU-interface backend: each GICC's guest-programmed registers. The
 * active interrupts and their owners are in the distributor part; which
 * CPUs may take a pending SPI (1-of-N) follows from its targets. */
static void put_gicc(struct snap_writer *w, const struct gic *g)
{
    for (unsigned c = 0; c < g->cfg.nr_cpus; c++) {
        const struct iface *f = &g->cpu[c].cpuif.regs;
        snap_put_u32(w, f->ctlr);
        snap_put_u32(w, f->pmr);
        snap_put_u32(w, f->bpr);
        snap_put_u32(w, f->abpr);
        for (unsigned i = 0; i < IFACE_APR_WORDS; i++)
            snap_put_u32(w, f->apr[i]);
        for (unsigned i = 0; i < IFACE_APR_WORDS; i++)
            snap_put_u32(w, f->nsapr[i]);
    }
}

/* Each vCPU's list of pending and active interrupts in its order (which
 * decides among equal priorities), as interrupt IDs. */
static void put_lists(struct snap_writer *w, const struct gic *g)
{
    for (unsigned c = 0; c < g->cfg.nr_cpus; c++) {
        snap_put_u16(w, (uint16_t)atomic_load_explicit(&g->cpu[c].queued,
                                                       memory_order_relaxed));
        for (unsigned idx = g->cpu[c].head; idx != GIC_NIL; idx = g->next[idx])
            snap_put_u16(w, (uint16_t)gic_idx_id(idx));
    }
}

int gic_lr_in_flight(struct gic *gic, unsigned cpu)
{
    if (!gic || cpu >= gic->cfg.nr_cpus)
        return -EINVAL;
    if (gic->cfg.backend != GIC_BACKEND_LR)
        return -EOPNOTSUPP;
    vintc_lock(&gic->lock);
    int n = (int)gic->cpu[cpu].lr_count;
    vintc_unlock(&gic->lock);
    return n;
}

int gic_save(struct gic *gic, void *buf, size_t len)
{
    if (!gic)
        return -EINVAL;
    vintc_lock(&gic->lock);
    /* The LRs of a vCPU between flush and sync hold state only the guest
     * side knows: save only what the distributor owns completely. */
    for (unsigned c = 0; c < gic->cfg.nr_cpus; c++)
        if (gic->cpu[c].lr_count) {
            vintc_unlock(&gic->lock);
            return -EBUSY;
        }
    struct snap_writer w;
    snap_begin(&w, buf, len, VINTC_SNAP_KIND_GICV2,
               gic_is_cpuif(gic) ? GIC_SNAP_VERSION : GIC_SNAP_VERSION_LR);
    put_config(&w, &gic->cfg);
    snap_begin_payload(&w);
    snap_put_u32(&w, gic->ctlr);
    put_interrupts(&w, gic);
    put_sgis(&w, gic);
    put_active_owners(&w, gic);
    put_hw_maps(&w, gic);
    if (gic_is_cpuif(gic)) {
        put_gicc(&w, gic);
    } else {
        put_cpu_interfaces(&w, gic);
        put_lists(&w, gic);
    }
    int rc = snap_finish(&w);
    vintc_unlock(&gic->lock);
    return rc;
}
