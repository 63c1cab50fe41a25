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

#define VIF_LR_STATE_INVALID 0u
#define VIF_IDLE_PRIORITY    0xFFu   /* GICV_RPR with nothing active */

/* nr_lrs is valid for every gic_vif_* entry point only in 1..VINTC_GIC_MAX_LRS. */
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
    return ((lr & VINTC_GICH_LR_PRIORITY_MASK) >> VINTC_GICH_LR_PRIORITY_SHIFT) << 3;
}

/* GICV_PMR as the guest reads it: VMCR.VMPriMask is PMR[7:3]. */
static inline uint32_t vif_pmr(uint32_t vmcr)
{
    return (vmcr >> VINTC_GICH_VMCR_PRIMASK_SHIFT) << 3;
}

static inline bool vif_group_enabled(uint32_t vmcr, bool grp1)
{
    return (vmcr & (grp1 ? VINTC_GICH_VMCR_GRP1EN : VINTC_GICH_VMCR_GRP0EN)) != 0;
}

/* Group priority (IHI0048B 3.3 "Priority grouping"). Group 0, and Group 1
 * when CBPR = 1, use VMBP: the group field is [7:VMBP+1]. Group 1 with
 * CBPR = 0 uses VMABP: the group field is [7:VMABP]. The priority's low three
 * bits are always 0, so a VMBP below its minimum of 2 (or a VMABP below 3)
 * written by the host through VMCR gives the same result as the minimum. */
static inline uint32_t vif_group_priority(uint32_t vmcr, bool grp1, uint32_t prio)
{
    unsigned shift;
    if (grp1 && !(vmcr & VINTC_GICH_VMCR_CBPR))
        shift = (vmcr >> VINTC_GICH_VMCR_ABP_SHIFT) & 7u;
    else
        shift = ((vmcr >> VINTC_GICH_VMCR_BP_SHIFT) & 7u) + 1u;
    return prio & (0xFFu << shift) & 0xFFu;
}

/* Running priority from GICH_APR: bit k is preemption level k = group
 * priority >> 3, so the lowest set bit is the highest active priority. */
static inline uint32_t vif_running_priority(uint32_t apr)
{
    return apr ? vintc_ctz32(apr) << 3 : VIF_IDLE_PRIORITY;
}

/* Would the virtual CPU interface signal an interrupt of this group and
 * (LR, 5-bit) priority: group enabled in VMCR, priority strictly below PMR,
 * and group priority above the running priority (IHI0048B 3.2.1, 5.3.2). */
static inline bool vif_would_signal(uint32_t vmcr, uint32_t apr, bool grp1,
                                    uint32_t prio)
{
    return vif_group_enabled(vmcr, grp1) && prio < vif_pmr(vmcr) &&
           vif_group_priority(vmcr, grp1, prio) < vif_running_priority(apr);
}

/* Selection filters for vif_select(). */
#define VIF_SEL_GRP1_ONLY  (1u << 0)  /* aliased registers: Group 1 only */
#define VIF_SEL_SIGNALLED  (1u << 1)  /* also PMR and running priority */

/* Index of the highest-priority LR in state pending (01) whose group is
 * enabled in VMCR and that passes `flags`; ties go to the lowest index.
 * Returns -1 when there is none. */
int vif_select(const struct gic_vif *vif, unsigned nr_lrs, unsigned flags);

/* GICV_IAR (alias = false) and GICV_AIAR (alias = true) reads. */
uint32_t vif_acknowledge(struct gic_vif *vif, unsigned nr_lrs, bool alias);
/* GICV_HPPIR / GICV_AHPPIR reads. */
uint32_t vif_highest_pending(const struct gic_vif *vif, unsigned nr_lrs, bool alias);
/* GICV_EOIR and GICV_AEOIR writes. */
void vif_end_of_interrupt(struct gic_vif *vif, unsigned nr_lrs, uint32_t val);
/* GICV_DIR writes. */
void vif_deactivate(struct gic_vif *vif, unsigned nr_lrs, uint32_t val);

#endif
