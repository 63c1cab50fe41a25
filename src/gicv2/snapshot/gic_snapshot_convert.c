/* SPDX-License-Identifier: MIT */
/* Moving the guest's CPU-interface state between the backends: GICH_VMCR
 * and GICH_APR of the LR backend (a virtual CPU interface with 5 priority
 * bits, IHI0048B 5.3) against GICC_CTLR/PMR/BPR/ABPR and APRn/NSAPRn of the
 * CPU-interface backend (priority_bits, IHI0048B 4.4). Only exact
 * conversions are made; docs/snapshot-format.md lists them. */
#include "gicv2/snapshot/gic_snapshot.h"
#include "gicv2/virtual_cpu_interface/vif_internal.h"

/* Every GICH_VMCR bit that holds a field. */
#define VMCR_FIELDS                                                            \
    (VIF_CTLR_MASK | VIF_PMR_FIELD | VIF_BP_FIELD | VIF_ABP_FIELD)

bool gic_snap_vmcr_to_gicc(const struct gic *g, uint32_t vmcr, uint32_t apr,
                           struct iface *f)
{
    uint32_t pmr = vif_pmr(vmcr);
    if ((vmcr & ~VMCR_FIELDS) || (pmr & ~(uint32_t)g->prio_mask))
        return false;
    unsigned min = cpuif_min_bpr(g);
    f->ctlr = vmcr & VIF_CTLR_MASK; /* the same bit positions as GICC_CTLR */
    f->pmr = pmr;
    f->bpr = iface_binary_point(vmcr >> VINTC_GICH_VMCR_BP_SHIFT, min);
    f->abpr = iface_binary_point(vmcr >> VINTC_GICH_VMCR_ABP_SHIFT, min + 1);
    for (unsigned w = 0; w < IFACE_APR_WORDS; w++)
        f->apr[w] = f->nsapr[w] = 0;
    /* GICH_APR bit n is the preemption level of group priority n << 3; the
     * GICC level of that priority is priority >> pre_shift, which exists
     * only when the priority has no bit below the GICC's group field. */
    for (uint32_t bits = apr; bits; bits &= bits - 1) {
        uint32_t prio = vintc_ctz32(bits) << 3;
        if (prio & vintc_mask32(f->pre_shift))
            return false;
        unsigned level = prio >> f->pre_shift;
        f->apr[level / 32] |= 1u << (level % 32);
    }
    return true;
}

bool gic_snap_gicc_to_vmcr(const struct iface *f, uint32_t *vmcr, uint32_t *apr)
{
    /* VMPriMask holds PMR[7:3]: PMR[2:0] must be 0. */
    if (f->pmr & 7u)
        return false;
    uint32_t a = 0;
    for (unsigned w = 0; w < f->apr_words && w < IFACE_APR_WORDS; w++)
        for (uint32_t bits = f->apr[w] | f->nsapr[w]; bits; bits &= bits - 1) {
            uint32_t prio = ((w * 32u + vintc_ctz32(bits)) << f->pre_shift) &
                            0xFFu;
            if (prio & 7u)
                return false;
            a |= 1u << (prio >> 3);
        }
    *vmcr = (f->ctlr & VIF_CTLR_MASK) |
            (f->pmr >> 3) << VINTC_GICH_VMCR_PRIMASK_SHIFT |
            iface_binary_point(f->bpr, VIF_BPR_MIN)
                << VINTC_GICH_VMCR_BP_SHIFT |
            iface_binary_point(f->abpr, VIF_ABPR_MIN)
                << VINTC_GICH_VMCR_ABP_SHIFT;
    *apr = a;
    return true;
}
