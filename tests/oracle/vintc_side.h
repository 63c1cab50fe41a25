/* SPDX-License-Identifier: MIT */
/* The vintc side of the differential test: a GIC configured like QEMU's virt
 * board, and one software virtual interface (struct gic_vif) per CPU that
 * mirrors what the guest writes to GICH. */
#ifndef ORACLE_VINTC_SIDE_H
#define ORACLE_VINTC_SIDE_H

#include <stdbool.h>
#include <stdint.h>

#include <vintc/gicv2.h>

#include "op.h"

#define VS_NR_LRS    4u
#define VS_MAINT_PPI 25u /* the board wires GICH's maintenance output here */

struct vintc_side {
    struct gic *gic;
    unsigned nr_cpus;
    bool cpuif; /* GIC_BACKEND_CPUIF in use */
    struct gic_vif vif[VINTC_GIC_MAX_CPUS];
    bool maint[VINTC_GIC_MAX_CPUS];   /* maintenance level driven */
    bool line[VINTC_GIC_MAX_CPUS][2]; /* set_irq_line: IRQ, FIQ */
    unsigned bad_callbacks;           /* line callbacks out of range */
    unsigned long hw_deactivations;   /* HW = 1 LRs passed to the GICD */
};

/* 0 or a negative errno from gic_create. */
int vs_create(struct vintc_side *vs, unsigned nr_cpus, bool cpuif);
void vs_destroy(struct vintc_side *vs);

/* Apply `op`; for a load, *val receives the value read. Returns the library
 * call's result (0 or a negative errno). */
int vs_apply(struct vintc_side *vs, const struct op *op, uint32_t *val);

/* The distributor word at `offset` as CPU `cpu` reads it, without side
 * effects (generator and classifier use it to look at vintc's state). */
uint32_t vs_peek_dist(struct vintc_side *vs, unsigned cpu, uint32_t offset);

/* A GICC register of `cpu` without side effects (0 without the
 * CPU-interface backend or for IAR/AIAR). */
uint32_t vs_peek_cpuif(struct vintc_side *vs, unsigned cpu, uint32_t offset);

/* GICH register `off` of CPU `cpu`'s virtual interface, as vintc derives
 * it (HCR, VTR, VMCR, MISR, EISR0/1, ELRSR0/1, APR, LRn; others 0). */
uint32_t vs_gich_read(struct vintc_side *vs, unsigned cpu, uint32_t off);

/* Take QEMU's GICH state (`gich` = words 0x000..0x10C of the frame) as the
 * vif of `cpu`, after a tolerated disagreement changed it. */
int vs_vif_resync(struct vintc_side *vs, unsigned cpu, const uint32_t *gich);

#endif
