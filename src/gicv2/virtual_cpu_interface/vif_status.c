/* SPDX-License-Identifier: MIT */
/* GICH status derived from a struct gic_vif: EISR, ELRSR, MISR, the
 * maintenance interrupt level and the virtual IRQ and FIQ lines (IHI0048B
 * 5.3). Only
 * LRs 0..nr_lrs-1 exist; the rest of the array is never read. */
#include "gicv2/virtual_cpu_interface/vif_internal.h"

/* Bits of the invalid LRs that hold (EISR) or do not hold (ELRSR) an
 * unserviced EOI maintenance request: HW = 0 and EOI = 1. With HW = 1,
 * bit 19 is part of PhysicalID, not EOI. */
static uint64_t vif_invalid_lrs(const struct gic_vif *vif, unsigned nr_lrs,
                                bool eoi_request)
{
    if (!vif || !vif_nr_lrs_ok(nr_lrs))
        return 0;
    uint64_t bits = 0;
    for (unsigned i = 0; i < nr_lrs; i++) {
        const uint32_t lr = vif->lr[i];
        if (vif_lr_state(lr) == VIF_LR_STATE_INVALID &&
            ((lr & (VINTC_GICH_LR_HW | VINTC_GICH_LR_EOI)) ==
             VINTC_GICH_LR_EOI) == eoi_request)
            bits |= UINT64_C(1) << i;
    }
    return bits;
}

uint64_t gic_vif_eisr(const struct gic_vif *vif, unsigned nr_lrs)
{
    return vif_invalid_lrs(vif, nr_lrs, true);
}

uint64_t gic_vif_elrsr(const struct gic_vif *vif, unsigned nr_lrs)
{
    return vif_invalid_lrs(vif, nr_lrs, false);
}

uint32_t gic_vif_misr(const struct gic_vif *vif, unsigned nr_lrs)
{
    if (!vif || !vif_nr_lrs_ok(nr_lrs))
        return 0;
    const uint32_t hcr = vif->hcr;
    const uint32_t vmcr = vif->vmcr;
    unsigned valid = 0;
    bool pending = false;
    for (unsigned i = 0; i < nr_lrs; i++) {
        const uint32_t state = vif_lr_state(vif->lr[i]);
        if (state != VIF_LR_STATE_INVALID)
            valid++;
        if (state == VINTC_GICH_LR_STATE_PENDING) /* 01 only, not 11 */
            pending = true;
    }

    uint32_t misr = 0;
    if (gic_vif_eisr(vif, nr_lrs))
        misr |= VINTC_GICH_MISR_EOI;
    if ((hcr & VINTC_GICH_HCR_UIE) && valid <= 1)
        misr |= VINTC_GICH_MISR_U;
    if ((hcr & VINTC_GICH_HCR_LRENPIE) && (hcr & VINTC_GICH_HCR_EOICOUNT_MASK))
        misr |= VINTC_GICH_MISR_LRENP;
    if ((hcr & VINTC_GICH_HCR_NPIE) && !pending)
        misr |= VINTC_GICH_MISR_NP;
    const bool g0 = (vmcr & VINTC_GICH_VMCR_GRP0EN) != 0;
    const bool g1 = (vmcr & VINTC_GICH_VMCR_GRP1EN) != 0;
    if ((hcr & VINTC_GICH_HCR_VGRP0EIE) && g0)
        misr |= VINTC_GICH_MISR_VGRP0E;
    if ((hcr & VINTC_GICH_HCR_VGRP0DIE) && !g0)
        misr |= VINTC_GICH_MISR_VGRP0D;
    if ((hcr & VINTC_GICH_HCR_VGRP1EIE) && g1)
        misr |= VINTC_GICH_MISR_VGRP1E;
    if ((hcr & VINTC_GICH_HCR_VGRP1DIE) && !g1)
        misr |= VINTC_GICH_MISR_VGRP1D;
    return misr;
}

/* "GICH_HCR.En must be set to 1 for any virtual or maintenance interrupt to
 * be asserted." */
bool gic_vif_maintenance(const struct gic_vif *vif, unsigned nr_lrs)
{
    if (!vif || !(vif->hcr & VINTC_GICH_HCR_EN))
        return false;
    return gic_vif_misr(vif, nr_lrs) != 0;
}

/* The virtual lines (IFACE_LINE_*) the interface drives: none with
 * HCR.En = 0 or no LR that would be signalled; for the winner FIQ when it is
 * Group 0 and VMCR.VMFIQEn (GICV_CTLR.FIQEn) is set, IRQ otherwise
 * (IHI 0048B 5.3, GICV_CTLR). */
static unsigned vif_lines(const struct gic_vif *vif, unsigned nr_lrs)
{
    if (!vif || !vif_nr_lrs_ok(nr_lrs) || !(vif->hcr & VINTC_GICH_HCR_EN))
        return 0;
    struct iface_pick p;
    if (vif_select(vif, nr_lrs, VIF_SEL_SIGNALLED, &p) < 0)
        return 0;
    const struct iface f = vif_iface(vif->vmcr, vif->apr);
    return iface_lines(&f, &p);
}

bool gic_vif_irq_line(const struct gic_vif *vif, unsigned nr_lrs)
{
    return (vif_lines(vif, nr_lrs) & IFACE_LINE_IRQ) != 0;
}

bool gic_vif_fiq_line(const struct gic_vif *vif, unsigned nr_lrs)
{
    return (vif_lines(vif, nr_lrs) & IFACE_LINE_FIQ) != 0;
}
