/* SPDX-License-Identifier: MIT */
/* Software GICV: reset and the guest-visible register file of the virtual
 * CPU interface frame (IHI0048B 5.3). CTLR, PMR, BPR and ABPR live in
 * GICH_VMCR, APR0 is GICH_APR; everything else is derived from the LRs. */
#include <errno.h>
#include <string.h>

#include "gicv2/virtual_cpu_interface/vif_internal.h"

void gic_vif_init(struct gic_vif *vif)
{
    if (!vif)
        return;
    memset(vif, 0, sizeof(*vif));
    vif->vmcr = VINTC_GICH_VMCR_RESET;
}

/* -EINVAL for an access the bus could not have made; 0 otherwise. */
static int vif_check_access(const struct gic_vif *vif, unsigned nr_lrs,
                            uint32_t offset, unsigned size)
{
    if (!vif || !vif_nr_lrs_ok(nr_lrs))
        return -EINVAL;
    if (size != 1 && size != 2 && size != 4)
        return -EINVAL;
    if ((offset & (size - 1u)) != 0 || offset >= VINTC_GIC_CPU_SIZE)
        return -EINVAL;
    return 0;
}

int gic_vif_mmio_read(struct gic_vif *vif, unsigned nr_lrs, uint32_t offset,
                      unsigned size, uint32_t *val)
{
    if (!val)
        return -EINVAL;
    *val = 0;
    int err = vif_check_access(vif, nr_lrs, offset, size);
    if (err)
        return err;
    if (size != 4)
        return 0; /* byte and halfword accesses: RAZ */

    const uint32_t vmcr = vif->vmcr;
    switch (offset) {
    case VINTC_GICV_CTLR:
        *val = vmcr & VIF_CTLR_MASK;
        break;
    case VINTC_GICV_PMR:
        *val = vif_pmr(vmcr);
        break;
    case VINTC_GICV_BPR:
        *val = (vmcr & VIF_BP_FIELD) >> VINTC_GICH_VMCR_BP_SHIFT;
        break;
    case VINTC_GICV_ABPR:
        *val = (vmcr & VIF_ABP_FIELD) >> VINTC_GICH_VMCR_ABP_SHIFT;
        break;
    case VINTC_GICV_IAR:
        *val = vif_acknowledge(vif, nr_lrs, false);
        break;
    case VINTC_GICV_AIAR:
        *val = vif_acknowledge(vif, nr_lrs, true);
        break;
    case VINTC_GICV_RPR: {
        const struct iface f = vif_iface(vmcr, vif->apr);
        *val = iface_running_priority(&f);
        break;
    }
    case VINTC_GICV_HPPIR:
        *val = vif_highest_pending(vif, nr_lrs, false);
        break;
    case VINTC_GICV_AHPPIR:
        *val = vif_highest_pending(vif, nr_lrs, true);
        break;
    case VINTC_GICV_APR0:
        *val = vif->apr;
        break;
    case VINTC_GICV_IIDR:
        *val = VINTC_GICV_IIDR_VALUE;
        break;
    default:
        break; /* reserved, APR1-3, write-only: RAZ */
    }
    return 0;
}

static uint32_t vif_set_field(uint32_t reg, uint32_t field, unsigned shift,
                              uint32_t v)
{
    return (reg & ~field) | ((v << shift) & field);
}

int gic_vif_mmio_write(struct gic_vif *vif, unsigned nr_lrs, uint32_t offset,
                       unsigned size, uint32_t val)
{
    int err = vif_check_access(vif, nr_lrs, offset, size);
    if (err)
        return err;
    if (size != 4)
        return 0; /* byte and halfword accesses: WI */

    switch (offset) {
    case VINTC_GICV_CTLR:
        vif->vmcr = (vif->vmcr & ~VIF_CTLR_MASK) | (val & VIF_CTLR_MASK);
        break;
    case VINTC_GICV_PMR: /* PMR[2:0] are RAZ/WI */
        vif->vmcr = vif_set_field(vif->vmcr, VIF_PMR_FIELD,
                                  VINTC_GICH_VMCR_PRIMASK_SHIFT,
                                  (val & 0xFFu) >> 3);
        break;
    case VINTC_GICV_BPR:
        vif->vmcr = vif_set_field(vif->vmcr, VIF_BP_FIELD,
                                  VINTC_GICH_VMCR_BP_SHIFT,
                                  iface_binary_point(val, VIF_BPR_MIN));
        break;
    case VINTC_GICV_ABPR:
        vif->vmcr = vif_set_field(vif->vmcr, VIF_ABP_FIELD,
                                  VINTC_GICH_VMCR_ABP_SHIFT,
                                  iface_binary_point(val, VIF_ABPR_MIN));
        break;
    case VINTC_GICV_EOIR:
    case VINTC_GICV_AEOIR: /* AEOIR: same as EOIR, see gicv2.h */
        vif_end_of_interrupt(vif, nr_lrs, val);
        break;
    case VINTC_GICV_DIR:
        vif_deactivate(vif, nr_lrs, val);
        break;
    case VINTC_GICV_APR0:
        vif->apr = val;
        break;
    default:
        break; /* reserved, APR1-3, read-only: WI */
    }
    return 0;
}
