/* SPDX-License-Identifier: MIT */
/* Software GICV: acknowledge (IAR/AIAR), highest pending (HPPIR/AHPPIR),
 * priority drop and deactivation (EOIR/AEOIR/DIR) over the list registers.
 * These run on the guest's interrupt hot path: one pass over nr_lrs, no
 * allocation. */
#include "gicv2/vif_internal.h"

/* IDs 1020..1023 are special: an EOIR/AEOIR/DIR write of one is ignored. */
#define VIF_FIRST_SPECIAL_ID 1020u
#define VIF_NR_SGIS          16u

int vif_select(const struct gic_vif *vif, unsigned nr_lrs, unsigned flags)
{
    const uint32_t vmcr = vif->vmcr;
    struct vif_hppi best;
    vif_hppi_init(&best);

    for (unsigned i = 0; i < nr_lrs; i++) {
        const uint32_t lr = vif->lr[i];
        /* Only pending (01) competes; pending+active (11) is not
         * acknowledgeable until its active half is deactivated. */
        if (vif_lr_state(lr) != VINTC_GICH_LR_STATE_PENDING)
            continue;
        const bool grp1 = vif_lr_grp1(lr);
        if (!vif_group_enabled(vmcr, grp1))
            continue;
        if ((flags & VIF_SEL_GRP1_ONLY) && !grp1)
            continue;
        vif_hppi_offer(&best, vif_lr_priority(lr), grp1, (int)i);
    }
    if ((flags & VIF_SEL_SIGNALLED) && !vif_hppi_signalled(&best, vmcr, vif->apr))
        return -1;
    return best.index;
}

/* The ID an IAR/HPPIR read reports for an LR: VirtualID, plus the SGI source
 * CPUID in [12:10] when HW = 0 (with HW = 1 those bits are PhysicalID). */
static uint32_t vif_lr_report_id(uint32_t lr)
{
    if (lr & VINTC_GICH_LR_HW)
        return lr & VINTC_GICH_LR_VIRTUALID_MASK;
    return lr & (VINTC_GICH_LR_VIRTUALID_MASK | VINTC_GICH_LR_CPUID_MASK);
}

/* A Group 1 winner read through the non-aliased register with AckCtl = 0 is
 * reported as 1022 (IHI0048B, GICC_IAR/GICC_HPPIR with AckCtl). */
static bool vif_hidden_group1(uint32_t vmcr, uint32_t lr, bool alias)
{
    return !alias && vif_lr_grp1(lr) && !(vmcr & VINTC_GICH_VMCR_ACKCTL);
}

/* GICH_HCR.En = 0: the virtual CPU interface is disabled, IAR/AIAR read
 * the spurious ID and HPPIR/AHPPIR name nothing (IHI 0048B, GICH_HCR.En). */
static bool vif_enabled(const struct gic_vif *vif)
{
    return (vif->hcr & VINTC_GICH_HCR_EN) != 0;
}

uint32_t vif_acknowledge(struct gic_vif *vif, unsigned nr_lrs, bool alias)
{
    if (!vif_enabled(vif))
        return VINTC_GIC_SPURIOUS_ID;
    const int n = vif_select(vif, nr_lrs,
                             VIF_SEL_SIGNALLED | (alias ? VIF_SEL_GRP1_ONLY : 0u));
    if (n < 0)
        return VINTC_GIC_SPURIOUS_ID;

    uint32_t lr = vif->lr[n];
    if (vif_hidden_group1(vif->vmcr, lr, alias))
        return VINTC_GIC_GROUP1_HIDDEN_ID;            /* nothing acknowledged */

    const bool grp1 = vif_lr_grp1(lr);
    const uint32_t gprio = vif_group_priority(vif->vmcr, grp1, vif_lr_priority(lr));
    lr = (lr & ~VINTC_GICH_LR_STATE_MASK) | VINTC_GICH_LR_STATE_ACTIVE;
    vif->lr[n] = lr;
    vif->apr |= 1u << (gprio >> 3);             /* preemption level */
    return vif_lr_report_id(lr);
}

uint32_t vif_highest_pending(const struct gic_vif *vif, unsigned nr_lrs, bool alias)
{
    /* HPPIR is not masked by PMR or the running priority: it names the
     * highest-priority pending interrupt of an enabled group, whether or not
     * it would be signalled now. */
    if (!vif_enabled(vif))
        return VINTC_GIC_SPURIOUS_ID;
    const int n = vif_select(vif, nr_lrs, alias ? VIF_SEL_GRP1_ONLY : 0u);
    if (n < 0)
        return VINTC_GIC_SPURIOUS_ID;
    const uint32_t lr = vif->lr[n];
    if (vif_hidden_group1(vif->vmcr, lr, alias))
        return VINTC_GIC_GROUP1_HIDDEN_ID;
    return vif_lr_report_id(lr);
}

static void vif_bump_eoicount(struct gic_vif *vif)
{
    /* EOICount is 5 bits and wraps from 31 to 0. It is the top field of
     * HCR ([31:27]), so unsigned wrap-around does exactly that and leaves
     * the bits below alone. */
    vif->hcr += 1u << VINTC_GICH_HCR_EOICOUNT_SHIFT;
}

/* Deactivate the LR holding the written ID in state active or
 * pending+active: active -> invalid, pending+active -> pending. For SGIs
 * (ID < 16, HW = 0) the source CPUID must match too; the lowest matching LR
 * wins if the hypervisor put the same ID in two LRs (UNPREDICTABLE).
 * Returns false when no LR matched. The EOI bit is left as it is, so an
 * LR with EOI = 1 reads back in GICH_EISR. */
static bool vif_deactivate_lr(struct gic_vif *vif, unsigned nr_lrs, uint32_t val)
{
    const uint32_t id = val & VINTC_GICH_LR_VIRTUALID_MASK;
    const uint32_t cpuid = val & VINTC_GICH_LR_CPUID_MASK;

    for (unsigned i = 0; i < nr_lrs; i++) {
        const uint32_t lr = vif->lr[i];
        if (!(lr & VINTC_GICH_LR_STATE_ACTIVE) || (lr & VINTC_GICH_LR_VIRTUALID_MASK) != id)
            continue;
        if (id < VIF_NR_SGIS && !(lr & VINTC_GICH_LR_HW) && (lr & VINTC_GICH_LR_CPUID_MASK) != cpuid)
            continue;
        vif->lr[i] = lr & ~VINTC_GICH_LR_STATE_ACTIVE;
        return true;
    }
    return false;
}

void vif_end_of_interrupt(struct gic_vif *vif, unsigned nr_lrs, uint32_t val)
{
    if ((val & VINTC_GICH_LR_VIRTUALID_MASK) >= VIF_FIRST_SPECIAL_ID)
        return;
    /* Nothing to drop: no deactivation and no EOICount either (EOIs that do
     * not clear an APR bit are not counted; with nothing active the EOI is
     * UNPREDICTABLE, and ignoring it is the conservative reading). */
    if (vif->apr == 0)
        return;
    vif->apr &= vif->apr - 1u;      /* priority drop: lowest set bit */
    if (vif->vmcr & VINTC_GICH_VMCR_EOIMODE)
        return;                     /* EOImode 1: deactivation is GICV_DIR's */
    if (!vif_deactivate_lr(vif, nr_lrs, val))
        vif_bump_eoicount(vif);     /* an interrupt the hypervisor holds */
}

/* Software-only record of a DIR that named no active LR: the interrupt is
 * active outside the LRs (or the write is bogus), and gic_lr_sync()
 * deactivates exactly what was named. Repeats of an ID only set its bit
 * again; dir_count counts every such write, as EOICount does. */
static void vif_record_dir(struct gic_vif *vif, uint32_t val)
{
    const uint32_t id = val & VINTC_GICH_LR_VIRTUALID_MASK;
    if (id < VIF_NR_SGIS)
        vif->dir_sgi_src[id] |= (uint8_t)(1u << ((val & VINTC_GICH_LR_CPUID_MASK) >>
                                                 VINTC_GICH_LR_CPUID_SHIFT));
    else
        vif->dir_ids[id / 32] |= 1u << (id % 32);
    vif->dir_count++;           /* wraps harmlessly: only counted mod 32 */
}

void vif_deactivate(struct gic_vif *vif, unsigned nr_lrs, uint32_t val)
{
    /* DIR with EOImode 0 is UNPREDICTABLE: ignored. */
    if (!(vif->vmcr & VINTC_GICH_VMCR_EOIMODE))
        return;
    if ((val & VINTC_GICH_LR_VIRTUALID_MASK) >= VIF_FIRST_SPECIAL_ID)
        return;
    if (vif_deactivate_lr(vif, nr_lrs, val))
        return;
    /* No LR holds it active: hardware counts it in EOICount (IHI 0048B,
     * GICH_HCR.EOICount and GICV_DIR; QEMU gic_deactivate_irq()). */
    vif_bump_eoicount(vif);
    vif_record_dir(vif, val);
}
