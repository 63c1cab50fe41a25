/* SPDX-License-Identifier: MIT */
/* Software GICV model: shared field helpers and the functions the register
 * file (vif_regs.c) calls in the acknowledge/EOI logic (vif_ack.c).
 *
 * Every helper works on caller-owned state that may hold any bit pattern, so
 * nothing here assumes an LR, VMCR or APR value is one the library wrote. */
#ifndef VINTC_GICV2_VIF_INTERNAL_H
#define VINTC_GICV2_VIF_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <vintc/gicv2.h>

#include "common/bits.h"
#include "gicv2/iface_rules.h"

#define VIF_LR_STATE_INVALID 0u

/* GICV_CTLR bits kept in VMCR at the positions GICC_CTLR gives them:
 * EnableGrp0, EnableGrp1, AckCtl, FIQEn, CBPR, EOImode. */
#define VIF_CTLR_MASK                                                          \
    (VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_GRP1EN |                         \
     VINTC_GICH_VMCR_ACKCTL | VINTC_GICH_VMCR_FIQEN | VINTC_GICH_VMCR_CBPR |   \
     VINTC_GICH_VMCR_EOIMODE)

/* The other GICV fields of VMCR. */
#define VIF_PMR_FIELD (0x1Fu << VINTC_GICH_VMCR_PRIMASK_SHIFT)
#define VIF_BP_FIELD  (7u << VINTC_GICH_VMCR_BP_SHIFT)
#define VIF_ABP_FIELD (7u << VINTC_GICH_VMCR_ABP_SHIFT)
#define VIF_BPR_MIN   2u /* 5 priority bits: BPR >= 2, ABPR >= 3 */
#define VIF_ABPR_MIN  3u

/* GICV_PMR as the guest reads it: VMCR.VMPriMask is PMR[7:3]. */
static inline uint32_t vif_pmr(uint32_t vmcr)
{
    return (vmcr >> VINTC_GICH_VMCR_PRIMASK_SHIFT) << 3;
}

/* A virtual CPU interface as the shared priority rules (iface_rules.h) see
 * it: the CTLR bits, PMR, VMBP and VMABP from VMCR; 5 priority bits, so the
 * preemption level is the group priority >> 3; one active-priority word,
 * GICH_APR, for both groups. VMBP below its minimum of 2 (or VMABP below 3)
 * written by the host gives the same result as the minimum, because an LR
 * priority's low three bits are 0. */
static inline struct iface vif_iface(uint32_t vmcr, uint32_t apr)
{
    struct iface f = {
        .ctlr = vmcr & VIF_CTLR_MASK,
        .pmr = vif_pmr(vmcr),
        .bpr = (vmcr >> VINTC_GICH_VMCR_BP_SHIFT) & 7u,
        .abpr = (vmcr >> VINTC_GICH_VMCR_ABP_SHIFT) & 7u,
        .pre_shift = 3,
        .apr_words = 1,
        .split = false,
    };
    f.apr[0] = apr;
    return f;
}

/* nr_lrs is valid for every gic_vif_* entry point only in 1..VINTC_GIC_MAX_LRS.
 */
static inline bool vif_nr_lrs_ok(unsigned nr_lrs)
{
    return nr_lrs >= 1 && nr_lrs <= VINTC_GIC_MAX_LRS;
}

static inline uint32_t vif_lr_state(uint32_t lr)
{
    return lr & VINTC_GICH_LR_STATE_MASK;
}

static inline bool vif_lr_grp1(uint32_t lr)
{
    return (lr & VINTC_GICH_LR_GRP1) != 0;
}

/* The LR holds the top 5 bits of the 8-bit virtual priority. */
static inline uint32_t vif_lr_priority(uint32_t lr)
{
    return ((lr & VINTC_GICH_LR_PRIORITY_MASK) >> VINTC_GICH_LR_PRIORITY_SHIFT)
           << 3;
}

/* Selection filters for vif_select(). */
#define VIF_SEL_SIGNALLED (1u << 0) /* only if it would be signalled */

/* Index of the highest-priority LR in state pending (01) whose group is
 * enabled in VMCR; ties go to the lowest index. With VIF_SEL_SIGNALLED that LR
 * is returned only if it has sufficient priority to be signalled
 * (iface_would_signal()); a lower-priority LR is never returned in its place.
 * -1 when there is none. `p` (may be NULL) receives the pick for
 * iface_*_verdict(). */
int vif_select(const struct gic_vif *vif, unsigned nr_lrs, unsigned flags,
               struct iface_pick *p);

/* GICV_IAR (alias = false) and GICV_AIAR (alias = true) reads. */
uint32_t vif_acknowledge(struct gic_vif *vif, unsigned nr_lrs, bool alias);
/* GICV_HPPIR / GICV_AHPPIR reads. */
uint32_t vif_highest_pending(const struct gic_vif *vif, unsigned nr_lrs,
                             bool alias);
/* GICV_EOIR and GICV_AEOIR writes. */
void vif_end_of_interrupt(struct gic_vif *vif, unsigned nr_lrs, uint32_t val);
/* GICV_DIR writes. */
void vif_deactivate(struct gic_vif *vif, unsigned nr_lrs, uint32_t val);

#endif
