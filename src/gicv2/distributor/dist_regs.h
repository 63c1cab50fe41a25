/* SPDX-License-Identifier: MIT */
/* Distributor register handlers. The dispatcher (dist_regs.c) has already
 * checked width, alignment and that `id` (the first interrupt ID the access
 * covers, for per-interrupt registers) exists; handlers run under gic->lock.
 * A handler that changes anything about an interrupt (state, enable, group,
 * priority, target, trigger) ends by calling gic_irq_changed() for it, or
 * gic_update_all() for GICD_CTLR: that is the one place that re-files the
 * interrupt and kicks the vCPU it became deliverable to. */
#ifndef VINTC_DIST_REGS_H
#define VINTC_DIST_REGS_H

#include "gicv2/core/gic_internal.h"

typedef uint32_t dist_read_fn(struct gic *g, unsigned cpu, uint32_t off,
                              unsigned id, unsigned size);
typedef void dist_write_fn(struct gic *g, unsigned cpu, uint32_t off,
                           unsigned id, unsigned size, uint32_t val);

/* dist_ctrl.c: GICD_CTLR, TYPER, IIDR, identification registers */
dist_read_fn dist_ctlr_read, dist_typer_read, dist_iidr_read, dist_idreg_read;
dist_write_fn dist_ctlr_write;

/* dist_bits.c: one bit per interrupt */
dist_read_fn dist_igroupr_read, dist_enabler_read, dist_pendr_read,
    dist_activer_read;
dist_write_fn dist_igroupr_write, dist_isenabler_write, dist_icenabler_write,
    dist_ispendr_write, dist_icpendr_write, dist_isactiver_write,
    dist_icactiver_write;

/* dist_bytes.c: one byte per interrupt */
dist_read_fn dist_ipriorityr_read, dist_itargetsr_read;
dist_write_fn dist_ipriorityr_write, dist_itargetsr_write;

/* dist_cfg.c: GICD_ICFGR */
dist_read_fn dist_icfgr_read;
dist_write_fn dist_icfgr_write;

/* dist_sgi.c: GICD_SGIR, CPENDSGIR, SPENDSGIR */
dist_write_fn dist_sgir_write, dist_cpendsgir_write, dist_spendsgir_write;
dist_read_fn dist_sgi_sources_read;

#endif
