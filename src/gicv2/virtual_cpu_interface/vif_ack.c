/* SPDX-License-Identifier: MIT */
/* Software GICV: acknowledge (IAR/AIAR), highest pending (HPPIR/AHPPIR),
 * priority drop and deactivation (EOIR/AEOIR/DIR) over the list registers.
 * These run on the guest's interrupt hot path: one pass over nr_lrs, no
 * allocation. */
#include "gicv2/virtual_cpu_interface/vif_internal.h"

/* IDs 1020..1023 are special: an EOIR/AEOIR/DIR write of one is ignored. */
#define VIF_FIRST_SPECIAL_ID 1020u
#define VIF_NR_SGIS          16u

int vif_select(const struct gic_vif *vif, unsigned nr_lrs, unsigned flags,
               struct iface_pick *p)
{
    const struct iface f = vif_iface(vif->vmcr, vif->apr);
    struct iface_pick local;
    if (!p)
        p = &local;
    iface_pick_init(p);
    int best = -1;

    for (unsigned i = 0; i < nr_lrs; i++) {
        const uint32_t lr = vif->lr[i];
        /* Only pending (01) competes; pending+active (11) is not
         * acknowledgeable until its active half is deactivated. */
        if (vif_lr_state(lr) != VINTC_GICH_LR_STATE_PENDING)
            continue;
        if (iface_offer(&f, p, vif_lr_grp1(lr), vif_lr_priority(lr), i))
            best = (int)i;
    }
    if ((flags & VIF_SEL_SIGNALLED) && best >= 0 &&
        !iface_would_signal(&f, p->grp1, p->prio))
        return -1;
    return best;
}

/* The ID an IAR/HPPIR read reports for an LR: VirtualID, plus the SGI source
 * CPUID in [12:10] when HW = 0 (with HW = 1 those bits are PhysicalID). */
static uint32_t vif_lr_report_id(uint32_t lr)
{
    if (lr & VINTC_GICH_LR_HW)
        return lr & VINTC_GICH_LR_VIRTUALID_MASK;
    return lr & (VINTC_GICH_LR_VIRTUALID_MASK | VINTC_GICH_LR_CPUID_MASK);
}

/* GICH_HCR.En = 0: the virtual CPU interface is disabled, IAR/AIAR read
 * the spurious ID and HPPIR/AHPPIR name nothing (IHI 0048B, GICH_HCR.En). */
static bool vif_enabled(const struct gic_vif *vif)
{
    return (vif->hcr & VINTC_GICH_HCR_EN) != 0;
}

/* The highest-priority pending LR and what IAR (ack = true) or HPPIR report
 * for it under the shared rules: 1023 (also a Group 0 LR read through the
 * aliased register), 1022 (a Group 1 LR read through the non-aliased
 * register with AckCtl = 0) or the LR's ID. */
static int vif_verdict(const struct gic_vif *vif, const struct iface *f,
                       unsigned nr_lrs, bool alias, bool ack,
                       struct iface_pick *p, uint32_t *id)
{
    if (!vif_enabled(vif)) {
        *id = VINTC_GIC_SPURIOUS_ID;
        return -1;
    }
    const int n = vif_select(vif, nr_lrs, 0u, p);
    enum iface_verdict v = ack ? iface_ack_verdict(f, p, alias)
                               : iface_hppi_verdict(f, p, alias);
    if (v == IFACE_TAKE) {
        *id = vif_lr_report_id(vif->lr[n]);
        return n;
    }
    *id = v == IFACE_HIDDEN ? VINTC_GIC_GROUP1_HIDDEN_ID
                            : VINTC_GIC_SPURIOUS_ID;
    return -1; /* nothing acknowledged */
}

uint32_t vif_acknowledge(struct gic_vif *vif, unsigned nr_lrs, bool alias)
{
    struct iface f = vif_iface(vif->vmcr, vif->apr);
    struct iface_pick p;
    uint32_t id;
    const int n = vif_verdict(vif, &f, nr_lrs, alias, true, &p, &id);
    if (n < 0)
        return id;
    vif->lr[n] = (vif->lr[n] & ~VINTC_GICH_LR_STATE_MASK) |
                 VINTC_GICH_LR_STATE_ACTIVE;
    iface_activate(&f, p.grp1, p.prio); /* its preemption level's APR bit */
    vif->apr = f.apr[0];
    return id;
}

uint32_t vif_highest_pending(const struct gic_vif *vif, unsigned nr_lrs,
                             bool alias)
{
    /* HPPIR is not masked by PMR or the running priority: it names the
     * highest-priority pending interrupt of an enabled group, whether or not
     * it would be signalled now. */
    const struct iface f = vif_iface(vif->vmcr, vif->apr);
    struct iface_pick p;
    uint32_t id;
    vif_verdict(vif, &f, nr_lrs, alias, false, &p, &id);
    return id;
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
static bool vif_deactivate_lr(struct gic_vif *vif, unsigned nr_lrs,
                              uint32_t val)
{
    const uint32_t id = val & VINTC_GICH_LR_VIRTUALID_MASK;
    const uint32_t cpuid = val & VINTC_GICH_LR_CPUID_MASK;

    for (unsigned i = 0; i < nr_lrs; i++) {
        const uint32_t lr = vif->lr[i];
        if (!(lr & VINTC_GICH_LR_STATE_ACTIVE) ||
            (lr & VINTC_GICH_LR_VIRTUALID_MASK) != id)
            continue;
        if (id < VIF_NR_SGIS && !(lr & VINTC_GICH_LR_HW) &&
            (lr & VINTC_GICH_LR_CPUID_MASK) != cpuid)
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
    struct iface f = vif_iface(vif->vmcr, vif->apr);
    if (!iface_drop(&f)) /* priority drop: lowest set bit */
        return;
    vif->apr = f.apr[0];
    if (vif->vmcr & VINTC_GICH_VMCR_EOIMODE)
        return; /* EOImode 1: deactivation is GICV_DIR's */
    if (!vif_deactivate_lr(vif, nr_lrs, val))
        vif_bump_eoicount(vif); /* an interrupt the hypervisor holds */
}

/* Software-only record of a DIR that named no active LR: the interrupt is
 * active outside the LRs (or the write is bogus), and gic_lr_sync()
 * deactivates exactly what was named. Repeats of an ID only set its bit
 * again; dir_count counts every such write, as EOICount does. */
static void vif_record_dir(struct gic_vif *vif, uint32_t val)
{
    const uint32_t id = val & VINTC_GICH_LR_VIRTUALID_MASK;
    if (id < VIF_NR_SGIS)
        vif->dir_sgi_src[id] |= (uint8_t)(1u << ((val &
                                                  VINTC_GICH_LR_CPUID_MASK) >>
                                                 VINTC_GICH_LR_CPUID_SHIFT));
    else
        vif->dir_ids[id / 32] |= 1u << (id % 32);
    vif->dir_count++; /* wraps harmlessly: only counted mod 32 */
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
