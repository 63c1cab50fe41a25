/* SPDX-License-Identifier: MIT */
/* The GICC register file of the CPU-interface backend, without the
 * Security Extensions (IHI0048B 4.4): CTLR, PMR, BPR, IAR, EOIR, RPR, HPPIR,
 * ABPR, AIAR, AEOIR, AHPPIR, APR0..3, NSAPR0..3, IIDR and DIR at 0x1000.
 * Every register is 32 bits wide; accesses are checked as the distributor
 * checks its own (gic_dist_mmio_read). */
#include <errno.h>

#include "common/trace.h"
#include "gicv2/cpu_interface/cpuif_internal.h"

#define CPUIF_APR_END   (VINTC_GICC_APR0 + 4 * IFACE_APR_WORDS)
#define CPUIF_NSAPR_END (VINTC_GICC_NSAPR0 + 4 * IFACE_APR_WORDS)

void cpuif_reset_regs(struct gic *g)
{
    unsigned bpr = cpuif_min_bpr(g);
    for (unsigned c = 0; c < VINTC_GIC_MAX_CPUS; c++) {
        struct iface *f = &g->cpu[c].cpuif.regs;
        *f = (struct iface){
            .bpr = bpr,      /* BPR resets to its minimum, */
            .abpr = bpr + 1, /* ABPR to the minimum + 1 */
            .pre_shift = bpr + 1,
            .apr_words = (cpuif_apr_mask(g, 3)   ? 4
                          : cpuif_apr_mask(g, 1) ? 2
                                                 : 1),
            .split = true,
        };
    }
}

static uint32_t regs_read(struct gic *g, unsigned cpu, uint32_t off,
                          bool *razwi)
{
    struct iface *f = &g->cpu[cpu].cpuif.regs;
    switch (off) {
    case VINTC_GICC_CTLR:
        return f->ctlr;
    case VINTC_GICC_PMR:
        return f->pmr;
    case VINTC_GICC_BPR:
        return f->bpr;
    case VINTC_GICC_ABPR:
        return f->abpr;
    case VINTC_GICC_IAR:
        return cpuif_acknowledge(g, cpu, false);
    case VINTC_GICC_AIAR:
        return cpuif_acknowledge(g, cpu, true);
    case VINTC_GICC_RPR:
        return iface_running_priority(f);
    case VINTC_GICC_HPPIR:
        return cpuif_highest_pending(g, cpu, false);
    case VINTC_GICC_AHPPIR:
        return cpuif_highest_pending(g, cpu, true);
    case VINTC_GICC_IIDR:
        return VINTC_GICC_IIDR_VALUE;
    default:
        break;
    }
    if (off >= VINTC_GICC_APR0 && off < CPUIF_APR_END)
        return f->apr[(off - VINTC_GICC_APR0) / 4];
    if (off >= VINTC_GICC_NSAPR0 && off < CPUIF_NSAPR_END)
        return f->nsapr[(off - VINTC_GICC_NSAPR0) / 4];
    *razwi = true; /* reserved, IMPDEF, EOIR, AEOIR, DIR */
    return 0;
}

static void regs_write(struct gic *g, unsigned cpu, uint32_t off, uint32_t val,
                       bool *razwi, struct cpuif_eoi *eoi)
{
    struct iface *f = &g->cpu[cpu].cpuif.regs;
    switch (off) {
    case VINTC_GICC_CTLR:
        f->ctlr = val & CPUIF_CTLR_MASK;
        break;
    case VINTC_GICC_PMR: /* unimplemented low-order bits are RAZ/WI */
        f->pmr = val & g->prio_mask;
        break;
    case VINTC_GICC_BPR:
        f->bpr = iface_binary_point(val, cpuif_min_bpr(g));
        break;
    case VINTC_GICC_ABPR:
        f->abpr = iface_binary_point(val, cpuif_min_bpr(g) + 1);
        break;
    case VINTC_GICC_EOIR:
    case VINTC_GICC_AEOIR: /* AEOIR: as EOIR, see gicv2.h */
        cpuif_end_of_interrupt(g, cpu, val, eoi);
        return;
    case VINTC_GICC_DIR:
        cpuif_deactivate(g, cpu, val, eoi);
        return;
    default:
        if (off >= VINTC_GICC_APR0 && off < CPUIF_APR_END) {
            unsigned w = (off - VINTC_GICC_APR0) / 4;
            f->apr[w] = val & cpuif_apr_mask(g, w);
        } else if (off >= VINTC_GICC_NSAPR0 && off < CPUIF_NSAPR_END) {
            unsigned w = (off - VINTC_GICC_NSAPR0) / 4;
            f->nsapr[w] = val & cpuif_apr_mask(g, w);
        } else {
            *razwi = true; /* reserved, IMPDEF and read-only registers */
            return;
        }
        break;
    }
    gic_lines_touch(g, 1u << cpu);
}

/* 0 for a well-formed access to a CPU-interface GIC; the error otherwise. */
static int check_access(const struct gic *g, unsigned cpu, uint32_t off,
                        unsigned size)
{
    if (!g)
        return -EINVAL;
    if (!gic_is_cpuif(g))
        return -EOPNOTSUPP;
    /* Sizes 1, 2 and 4: bits 1, 2 and 4 of 0x16. */
    if (cpu >= g->cfg.nr_cpus || size > 4 || !((0x16u >> size) & 1u) ||
        off >= VINTC_GIC_CPU_SIZE || (off & (size - 1)) != 0)
        return -EINVAL;
    return 0;
}

int gic_cpuif_mmio_read(struct gic *gic, unsigned cpu, uint32_t offset,
                        unsigned size, uint32_t *val)
{
    if (val)
        *val = 0;
    int err = val ? check_access(gic, cpu, offset, size) : -EINVAL;
    if (err) {
        if (err == -EINVAL)
            gic_count_malformed(gic, cpu);
        return err;
    }
    bool razwi = size != 4; /* byte and halfword accesses: RAZ */
    uint32_t v = 0;
    vintc_lock(&gic->lock);
    struct gic_stats *st = &gic->cpu[cpu].stats;
    st->cpuif_reads++;
    if (!razwi)
        v = regs_read(gic, cpu, offset, &razwi);
    if (razwi)
        st->cpuif_razwi++;
    gic_unlock_and_kick(gic);
    *val = v;
    vintc_trace(&gic->ops, gic->opaque, VINTC_TRACE_GIC_CPUIF_READ, cpu, offset,
                v, size, 0);
    return 0;
}

int gic_cpuif_mmio_write(struct gic *gic, unsigned cpu, uint32_t offset,
                         unsigned size, uint32_t val)
{
    int err = check_access(gic, cpu, offset, size);
    if (err) {
        if (err == -EINVAL)
            gic_count_malformed(gic, cpu);
        return err;
    }
    if (size < 4)
        val &= vintc_mask32(size * 8);
    bool razwi = size != 4; /* byte and halfword accesses: WI */
    struct cpuif_eoi eoi = { false, 0 };
    vintc_lock(&gic->lock);
    struct gic_stats *st = &gic->cpu[cpu].stats;
    st->cpuif_writes++;
    if (!razwi)
        regs_write(gic, cpu, offset, val, &razwi, &eoi);
    if (razwi)
        st->cpuif_razwi++;
    gic_unlock_and_kick(gic);
    if (eoi.notify) {
        vintc_trace(&gic->ops, gic->opaque, VINTC_TRACE_GIC_EOI_NOTIFY, cpu,
                    eoi.id, 0, 0, 0);
        if (gic->ops.irq_eoi)
            gic->ops.irq_eoi(gic->opaque, cpu, eoi.id);
    }
    vintc_trace(&gic->ops, gic->opaque, VINTC_TRACE_GIC_CPUIF_WRITE, cpu,
                offset, val, size, 0);
    return 0;
}
