/* SPDX-License-Identifier: MIT */
/* Statistics and the human-readable state dump. */
#include <errno.h>

#include "gicv2/core/gic_internal.h"

static void stats_add(struct gic_stats *sum, const struct gic_stats *s)
{
    const uint64_t *src = (const uint64_t *)s;
    uint64_t *dst = (uint64_t *)sum;
    for (size_t i = 0; i < sizeof(*s) / sizeof(uint64_t); i++)
        dst[i] += src[i];
}

static void stats_of_cpu(struct gic *gic, unsigned cpu, struct gic_stats *out)
{
    *out = gic->cpu[cpu].stats;
    out->lr_flushes += atomic_load_explicit(&gic->cpu[cpu].empty_flushes,
                                            memory_order_relaxed);
    out->line_changes += atomic_load_explicit(&gic->cpu[cpu].cpuif.line_changes,
                                              memory_order_relaxed);
}

int gic_get_stats(struct gic *gic, unsigned cpu, struct gic_stats *out)
{
    if (!gic || !out || (cpu >= gic->cfg.nr_cpus && cpu != VINTC_GIC_STATS_ALL))
        return -EINVAL;
    vintc_lock(&gic->lock);
    if (cpu == VINTC_GIC_STATS_ALL) {
        *out = gic->stats_global;
        for (unsigned c = 0; c < gic->cfg.nr_cpus; c++) {
            struct gic_stats s;
            stats_of_cpu(gic, c, &s);
            stats_add(out, &s);
        }
    } else {
        stats_of_cpu(gic, cpu, out);
    }
    vintc_unlock(&gic->lock);
    return 0;
}

static const char *owner_name(unsigned owner, char *buf, size_t len)
{
    if (owner == GIC_NO_CPU)
        return "-";
    if (owner == GIC_SPI_LIST)
        return "targets"; /* CPU-interface backend: 1-of-N */
    snprintf(buf, len, "%u", owner);
    return buf;
}

static int dump_irq(const struct gic *g, FILE *out, unsigned cpu, unsigned idx)
{
    unsigned id = gic_idx_id(idx);
    bool en = gic_test(g->enabled, idx), pend = gic_irq_pending_view(g, idx);
    bool act = gic_irq_active_view(g, idx);
    /* SGIs are always enabled; list them only when something happens. */
    if (!(pend || act || (en && id >= GIC_NR_SGIS)))
        return 0;
    char cpu_buf[8], owner_buf[8];
    const char *kind = id < 16 ? "SGI" : id < 32 ? "PPI" : "SPI";
    int n = fprintf(
        out,
        "%-4s %4u cpu %-2s en %d pend %d act %d lvl %d latch %d %s "
        "grp %d prio 0x%02x tgt 0x%02x queued %s in_lr %d",
        kind, id, id < 32 ? owner_name(cpu, cpu_buf, sizeof(cpu_buf)) : "*", en,
        pend, act, gic_test(g->line, idx), gic_test(g->latch, idx),
        gic_test(g->edge, idx) ? "edge " : "level", gic_test(g->group, idx),
        g->prio[idx], id < 32 ? 1u << cpu : g->target[idx],
        owner_name(g->owner[idx], owner_buf, sizeof(owner_buf)),
        gic_test(g->in_lr, idx));
    if (n >= 0 && id < GIC_NR_SGIS)
        n = fprintf(out, " sources 0x%02x", gic_sgi_sources_view(g, idx));
    if (n >= 0 && g->pirq[idx])
        n = fprintf(out, " hw %u", g->pirq[idx]);
    if (n >= 0)
        n = fputc('\n', out);
    return n < 0 ? -EIO : 1;
}

/* The per-vCPU header line: queue and LRs, or the CPU interface. */
static int dump_cpu(const struct gic *g, FILE *out, unsigned c)
{
    unsigned queued = atomic_load_explicit(&g->cpu[c].queued,
                                           memory_order_relaxed);
    if (!gic_is_cpuif(g))
        return fprintf(out, "vcpu %u: %u queued, %u in LRs\n", c, queued,
                       g->cpu[c].lr_count);
    const struct gic_cpuif *ci = &g->cpu[c].cpuif;
    const struct iface *f = &ci->regs;
    unsigned want = atomic_load_explicit(&ci->want, memory_order_relaxed);
    return fprintf(
        out,
        "cpu %u: %u queued, GICC_CTLR 0x%03x PMR 0x%02x BPR %u ABPR %u "
        "RPR 0x%02x APR %08x %08x %08x %08x NSAPR %08x %08x %08x %08x "
        "irq %u fiq %u\n",
        c, queued, f->ctlr, f->pmr, f->bpr, f->abpr, iface_running_priority(f),
        f->apr[0], f->apr[1], f->apr[2], f->apr[3], f->nsapr[0], f->nsapr[1],
        f->nsapr[2], f->nsapr[3], want & IFACE_LINE_IRQ ? 1u : 0u,
        want & IFACE_LINE_FIQ ? 1u : 0u);
}

int gic_dump(struct gic *gic, FILE *out)
{
    if (!gic || !out)
        return -EINVAL;
    int lines = 0, err = 0;
    vintc_lock(&gic->lock);
    char backend[16] = "cpu interface";
    if (!gic_is_cpuif(gic))
        snprintf(backend, sizeof(backend), "lrs %u", gic->cfg.nr_lrs);
    if (fprintf(out, "GICD_CTLR 0x%x  cpus %u  irqs %u  %s  priority bits %u\n",
                gic->ctlr, gic->cfg.nr_cpus, gic->cfg.nr_irqs, backend,
                gic->cfg.priority_bits) < 0)
        err = -EIO;
    for (unsigned c = 0; c < gic->cfg.nr_cpus && !err; c++)
        if (dump_cpu(gic, out, c) < 0)
            err = -EIO;
    for (unsigned c = 0; c < gic->cfg.nr_cpus && !err; c++)
        for (unsigned id = 0; id < 32 && !err; id++) {
            int r = dump_irq(gic, out, c, gic_idx(c, id));
            if (r < 0)
                err = r;
            else
                lines += r;
        }
    unsigned limit = gic->cfg.nr_irqs < VINTC_GIC_MAX_IRQS ? gic->cfg.nr_irqs
                                                           : VINTC_GIC_MAX_IRQS;
    for (unsigned id = 32; id < limit && !err; id++) {
        int r = dump_irq(gic, out, 0, gic_idx(0, id));
        if (r < 0)
            err = r;
        else
            lines += r;
    }
    vintc_unlock(&gic->lock);
    return err ? err : lines;
}

void gic_count_malformed(struct gic *g, unsigned cpu)
{
    if (!g)
        return;
    vintc_lock(&g->lock);
    gic_stats_of(g, cpu)->mmio_malformed++;
    vintc_unlock(&g->lock);
}
