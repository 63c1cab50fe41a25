/* SPDX-License-Identifier: MIT */
/* The GICv2 priority rules of a CPU interface, in one place: priority mask,
 * group priority under the binary points, running priority from the active
 * priorities, preemption, and which pending interrupt is signalled and
 * acknowledged. The software GICV model (vif_*.c) and gic_cpu_pending() use
 * them over a GICH_VMCR-format control word and a GICH_APR-format active
 * priority word; a CPU interface keeps its GICC state in the same formats to
 * share them.
 *
 * The state may hold any bit pattern (it is guest- or host-written), so
 * nothing here assumes a value the library wrote. */
#ifndef VINTC_GICV2_VIF_PRIO_H
#define VINTC_GICV2_VIF_PRIO_H

#include <stdbool.h>
#include <stdint.h>

#include <vintc/gicv2_regs.h>

#include "common/bits.h"

#define VIF_IDLE_PRIORITY    0xFFu   /* GICV_RPR with nothing active */
#define VIF_NO_PRIORITY      0x100u  /* below every real priority */

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

/* Has an interrupt of this group and (5-bit) priority sufficient priority
 * to be signalled: group enabled in VMCR, priority strictly below PMR, and
 * group priority above the running priority (IHI0048B 3.3, Priority masking
 * and Preemption). */
static inline bool vif_would_signal(uint32_t vmcr, uint32_t apr, bool grp1,
                                    uint32_t prio)
{
    return vif_group_enabled(vmcr, grp1) && prio < vif_pmr(vmcr) &&
           vif_group_priority(vmcr, grp1, prio) < vif_running_priority(apr);
}

/* The highest-priority pending interrupt among candidates offered one at a
 * time. The CPU interface signals - and IAR acknowledges - only this one
 * interrupt, and only if vif_would_signal() holds for it; a lower-priority
 * pending interrupt is never taken in its place, even when split binary
 * points (CBPR = 0, VMABP != VMBP + 1) give it a group priority that would
 * preempt (IHI0048B 3.2 "General handling of interrupts"). */
struct vif_hppi {
    uint32_t prio;      /* VIF_NO_PRIORITY while nothing was offered */
    bool grp1;
    int index;          /* the caller's handle of the winner, -1 if none */
};

static inline void vif_hppi_init(struct vif_hppi *h)
{
    h->prio = VIF_NO_PRIORITY;
    h->grp1 = false;
    h->index = -1;
}

/* Offer a pending candidate whose group is enabled. Strictly higher
 * priority wins, so at equal priority the first one offered stays. */
static inline void vif_hppi_offer(struct vif_hppi *h, uint32_t prio, bool grp1,
                                  int index)
{
    if (prio >= h->prio)
        return;
    h->prio = prio;
    h->grp1 = grp1;
    h->index = index;
}

/* Is the winner signalled (and acknowledgeable) now? */
static inline bool vif_hppi_signalled(const struct vif_hppi *h, uint32_t vmcr,
                                      uint32_t apr)
{
    return h->index >= 0 && vif_would_signal(vmcr, apr, h->grp1, h->prio);
}

#endif
