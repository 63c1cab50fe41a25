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
#include "gicv2/vif_prio.h"

#define VIF_LR_STATE_INVALID 0u

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

/* Selection filters for vif_select(). */
#define VIF_SEL_GRP1_ONLY  (1u << 0)  /* aliased registers: Group 1 only */
#define VIF_SEL_SIGNALLED  (1u << 1)  /* only if it would be signalled */

/* Index of the highest-priority LR in state pending (01) whose group is
 * enabled in VMCR (and, with VIF_SEL_GRP1_ONLY, that is Group 1); ties go to
 * the lowest index. With VIF_SEL_SIGNALLED that LR is returned only if it
 * has sufficient priority to be signalled (vif_hppi_signalled()); a
 * lower-priority LR is never returned in its place. -1 when there is none. */
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
