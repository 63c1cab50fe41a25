/* SPDX-License-Identifier: MIT */
#include "vintc_side.h"

#include <string.h>

/* GICH offsets (IHI 0048B table 5-1). */
enum {
    GICH_HCR = 0x00,
    GICH_VTR = 0x04,
    GICH_VMCR = 0x08,
    GICH_MISR = 0x10,
    GICH_EISR0 = 0x20,
    GICH_EISR1 = 0x24,
    GICH_ELRSR0 = 0x30,
    GICH_ELRSR1 = 0x34,
    GICH_APR = 0xF0,
    GICH_LR0 = 0x100,
};

/* Writable fields, IHI 0048B 5.3: HCR [7:0] and EOICount [31:27]; VMCR
 * PriMask [31:27], BPR [23:21], ABPR [20:18], EOImode [9], [4:0]; LR [22:20]
 * reserved. */
#define GICH_HCR_WMASK  (0xFFu | VINTC_GICH_HCR_EOICOUNT_MASK)
#define GICH_VMCR_WMASK 0xF8FC021Fu
#define GICH_LR_WMASK   (~(7u << 20))
/* GICH_VTR: PRIbits - 1 [31:29], PREbits - 1 [28:26] (5 bits each, as the
 * LR priority field holds), ListRegs - 1 [5:0]. */
#define GICH_VTR_VALUE ((4u << 29) | (4u << 26) | (VS_NR_LRS - 1u))

static void vs_line_cb(void *opaque, unsigned cpu, unsigned line, bool level)
{
    struct vintc_side *vs = opaque;
    if (cpu >= VINTC_GIC_MAX_CPUS || line > 1) {
        vs->bad_callbacks++;
        return;
    }
    vs->line[cpu][line] = level;
}

int vs_create(struct vintc_side *vs, unsigned nr_cpus, bool cpuif)
{
    memset(vs, 0, sizeof(*vs));
    struct gic_config cfg = {
        .nr_cpus = nr_cpus,
        .nr_irqs = 288, /* GICD_TYPER.ITLinesNumber 8 on virt */
        .nr_lrs = VS_NR_LRS,
        .backend = cpuif ? GIC_BACKEND_CPUIF : GIC_BACKEND_LR,
        .priority_bits = 8,  /* QEMU's distributor keeps all 8 */
        .iidr = 0x0000043Bu, /* QEMU's GICD_IIDR: Arm, revision 0 */
    };
    struct vintc_host_ops ops;
    memset(&ops, 0, sizeof(ops));
    ops.set_irq_line = vs_line_cb;
    vs->nr_cpus = nr_cpus;
    vs->cpuif = cpuif;
    for (unsigned c = 0; c < VINTC_GIC_MAX_CPUS; c++)
        gic_vif_init(&vs->vif[c]);
    return gic_create(&cfg, &ops, vs, &vs->gic);
}

void vs_destroy(struct vintc_side *vs)
{
    gic_destroy(vs->gic);
    vs->gic = NULL;
}

uint32_t vs_peek_dist(struct vintc_side *vs, unsigned cpu, uint32_t offset)
{
    uint32_t v = 0;
    (void)gic_dist_mmio_read(vs->gic, cpu, offset, 4, &v);
    return v;
}

static uint32_t gich_read(const struct gic_vif *vif, uint32_t off)
{
    switch (off) {
    case GICH_HCR:
        return vif->hcr;
    case GICH_VTR:
        return GICH_VTR_VALUE;
    case GICH_VMCR:
        return vif->vmcr;
    case GICH_MISR:
        return gic_vif_misr(vif, VS_NR_LRS);
    case GICH_EISR0:
        return (uint32_t)gic_vif_eisr(vif, VS_NR_LRS);
    case GICH_EISR1:
        return (uint32_t)(gic_vif_eisr(vif, VS_NR_LRS) >> 32);
    case GICH_ELRSR0:
        return (uint32_t)gic_vif_elrsr(vif, VS_NR_LRS);
    case GICH_ELRSR1:
        return (uint32_t)(gic_vif_elrsr(vif, VS_NR_LRS) >> 32);
    case GICH_APR:
        return vif->apr;
    default:
        if (off >= GICH_LR0 && off < GICH_LR0 + 4 * VS_NR_LRS)
            return vif->lr[(off - GICH_LR0) / 4];
        return 0;
    }
}

static void gich_write(struct gic_vif *vif, uint32_t off, uint32_t val)
{
    switch (off) {
    case GICH_HCR:
        vif->hcr = val & GICH_HCR_WMASK;
        break;
    case GICH_VMCR: {
        /* VMBP and VMABP alias GICV_BPR and GICV_ABPR, whose minimums (2 and
         * 3 with 5 priority bits) a smaller write is raised to (IHI 0048B
         * 5.3.5 and 4.4.3). */
        uint32_t bp = (val >> VINTC_GICH_VMCR_BP_SHIFT) & 7u;
        uint32_t abp = (val >> VINTC_GICH_VMCR_ABP_SHIFT) & 7u;
        val &= GICH_VMCR_WMASK & ~(0x3Fu << VINTC_GICH_VMCR_ABP_SHIFT);
        val |= (bp < 2 ? 2u : bp) << VINTC_GICH_VMCR_BP_SHIFT;
        val |= (abp < 3 ? 3u : abp) << VINTC_GICH_VMCR_ABP_SHIFT;
        vif->vmcr = val;
        break;
    }
    case GICH_APR:
        vif->apr = val;
        break;
    default:
        if (off >= GICH_LR0 && off < GICH_LR0 + 4 * VS_NR_LRS)
            vif->lr[(off - GICH_LR0) / 4] = val & GICH_LR_WMASK;
        break;
    }
}

/* The maintenance interrupt is a level-sensitive PPI of the distributor:
 * drive it from the vif after every change, as the board's wire does. */
static int vs_sync_maintenance(struct vintc_side *vs, unsigned cpu)
{
    bool level = gic_vif_maintenance(&vs->vif[cpu], VS_NR_LRS);
    if (level == vs->maint[cpu])
        return 0;
    vs->maint[cpu] = level;
    return gic_set_irq(vs->gic, cpu, VS_MAINT_PPI, level);
}

/* A guest deactivation of a HW = 1 LR deactivates its physical interrupt
 * in the distributor (IHI 0048B 5.2.1, GICH_LRn.HW): the board's GIC does
 * that itself, so the vintc side does it through the distributor frame. */
static int vs_hw_deactivate(struct vintc_side *vs, unsigned cpu,
                            const struct gic_vif *before)
{
    for (unsigned i = 0; i < VS_NR_LRS; i++) {
        uint32_t old = before->lr[i], now = vs->vif[cpu].lr[i];
        if (!(old & VINTC_GICH_LR_HW) || !(old & VINTC_GICH_LR_STATE_ACTIVE) ||
            (now & VINTC_GICH_LR_STATE_ACTIVE))
            continue;
        uint32_t pid = (old & VINTC_GICH_LR_PHYSID_MASK) >>
                       VINTC_GICH_LR_PHYSID_SHIFT;
        if (pid < 16 || pid >= 288)
            continue;
        int rc = gic_dist_mmio_write(vs->gic, cpu,
                                     VINTC_GICD_ICACTIVER + 4 * (pid / 32), 4,
                                     1u << (pid % 32));
        if (rc)
            return rc;
        vs->hw_deactivations++;
    }
    return 0;
}

int vs_apply(struct vintc_side *vs, const struct op *op, uint32_t *val)
{
    uint32_t scratch = 0;
    if (!val)
        val = &scratch;
    int rc = 0;
    switch (op->frame) {
    case FR_GICD:
        if (op->write)
            return gic_dist_mmio_write(vs->gic, op->cpu, op->offset, op->size,
                                       op->value);
        return gic_dist_mmio_read(vs->gic, op->cpu, op->offset, op->size, val);
    case FR_GICC:
#ifdef ORACLE_WITH_GICC
        if (op->write)
            return gic_cpuif_mmio_write(vs->gic, op->cpu, op->offset, op->size,
                                        op->value);
        return gic_cpuif_mmio_read(vs->gic, op->cpu, op->offset, op->size, val);
#else
        return -95; /* built without the GICC comparison */
#endif
    case FR_GICH:
        /* Only 32-bit accesses are generated for GICH. */
        if (op->write)
            gich_write(&vs->vif[op->cpu], op->offset, op->value);
        else
            *val = gich_read(&vs->vif[op->cpu], op->offset);
        return vs_sync_maintenance(vs, op->cpu);
    case FR_GICV:
        if (op->write) {
            struct gic_vif before = vs->vif[op->cpu];
            rc = gic_vif_mmio_write(&vs->vif[op->cpu], VS_NR_LRS, op->offset,
                                    op->size, op->value);
            if (!rc)
                rc = vs_hw_deactivate(vs, op->cpu, &before);
        } else
            rc = gic_vif_mmio_read(&vs->vif[op->cpu], VS_NR_LRS, op->offset,
                                   op->size, val);
        if (rc)
            return rc;
        return vs_sync_maintenance(vs, op->cpu);
    case FR_LINE:
        return gic_set_irq(vs->gic, op->cpu, op->offset, op->value != 0);
    case FR_ISR:
        *val = (vs->line[op->cpu][0] ? 1u << 7 : 0u) |
               (vs->line[op->cpu][1] ? 1u << 6 : 0u);
        return 0;
    }
    return -22;
}

uint32_t vs_gich_read(struct vintc_side *vs, unsigned cpu, uint32_t off)
{
    return gich_read(&vs->vif[cpu], off);
}

int vs_vif_resync(struct vintc_side *vs, unsigned cpu, const uint32_t *gich)
{
    struct gic_vif *vif = &vs->vif[cpu];
    vif->hcr = gich[GICH_HCR / 4];
    vif->vmcr = gich[GICH_VMCR / 4];
    vif->apr = gich[GICH_APR / 4];
    for (unsigned i = 0; i < VS_NR_LRS; i++)
        vif->lr[i] = gich[GICH_LR0 / 4 + i];
    return vs_sync_maintenance(vs, cpu);
}

uint32_t vs_peek_cpuif(struct vintc_side *vs, unsigned cpu, uint32_t offset)
{
    uint32_t v = 0;
#ifdef ORACLE_WITH_GICC
    if (vs->cpuif && offset != VINTC_GICC_IAR && offset != VINTC_GICC_AIAR)
        (void)gic_cpuif_mmio_read(vs->gic, cpu, offset, 4, &v);
#else
    (void)vs;
    (void)cpu;
    (void)offset;
#endif
    return v;
}
