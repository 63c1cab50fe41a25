/* SPDX-License-Identifier: MIT */
/* CPU-interface backend: the GICC of each CPU and its IRQ/FIQ lines.
 * cpuif_select.h picks the interrupt a CPU interface presents,
 * cpuif_ack.c acknowledges and ends interrupts, cpuif_regs.c is the GICC
 * register file, cpuif_lines.h/.c drive the output lines. The priority rules
 * themselves are iface_rules.h, shared with the software GICV. */
#ifndef VINTC_GICV2_CPUIF_INTERNAL_H
#define VINTC_GICV2_CPUIF_INTERNAL_H

#include "gicv2/core/gic_internal.h"
#include "gicv2/cpu_interface/cpuif_lines.h"
#include "gicv2/cpu_interface/cpuif_select.h"

/* IDs 1020..1023 are special; an EOIR/AEOIR/DIR write of one is ignored. */
#define CPUIF_FIRST_SPECIAL_ID 1020u

/* GICC_CTLR without Security Extensions: EnableGrp0, EnableGrp1, AckCtl,
 * FIQEn, CBPR, EOImode. The bypass-disable bits [8:5] are RAZ/WI: there is
 * no legacy bypass signal to disable. */
#define CPUIF_CTLR_MASK                                                        \
    (VINTC_GICC_CTLR_ENABLE_GRP0 | VINTC_GICC_CTLR_ENABLE_GRP1 |               \
     VINTC_GICC_CTLR_ACKCTL | VINTC_GICC_CTLR_FIQEN | VINTC_GICC_CTLR_CBPR |   \
     VINTC_GICC_CTLR_EOIMODE)

/* With n priority bits, min(n, 7) of them are group priority at the
 * smallest binary point: BPR's minimum is 7 - min(n, 7), the preemption
 * level is the group priority >> (minimum + 1) and there are 2^min(n, 7)
 * levels, one active-priority bit each (IHI0048B 3.3, GICC_APRn). */
static inline unsigned cpuif_min_bpr(const struct gic *g)
{
    unsigned bits = g->cfg.priority_bits < 7 ? g->cfg.priority_bits : 7;
    return 7 - bits;
}

/* Implemented bits of APRn/NSAPRn word w. */
static inline uint32_t cpuif_apr_mask(const struct gic *g, unsigned w)
{
    unsigned levels = 1u << (7 - cpuif_min_bpr(g));
    return levels <= 32 * w ? 0 : vintc_mask32(levels - 32 * w);
}

/* Put every CPU interface register to its reset value (lines are handled
 * by the caller). */
void cpuif_reset_regs(struct gic *g);

/* Level-triggered interrupts deactivated under the lock, reported through
 * irq_eoi once it is dropped. One GICC write deactivates at most one. */
struct cpuif_eoi {
    bool notify;
    unsigned id;
};

/* GICC_IAR (alias = false) / GICC_AIAR (alias = true). */
uint32_t cpuif_acknowledge(struct gic *g, unsigned cpu, bool alias);
/* GICC_HPPIR / GICC_AHPPIR. */
uint32_t cpuif_highest_pending(const struct gic *g, unsigned cpu, bool alias);
/* GICC_EOIR / GICC_AEOIR. */
void cpuif_end_of_interrupt(struct gic *g, unsigned cpu, uint32_t val,
                            struct cpuif_eoi *eoi);
/* GICC_DIR. */
void cpuif_deactivate(struct gic *g, unsigned cpu, uint32_t val,
                      struct cpuif_eoi *eoi);

#endif
