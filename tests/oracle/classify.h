/* SPDX-License-Identifier: MIT */
/* Naming a disagreement: every mismatch gets a kind "<FRAME>_<REG>.<what>".
 * Kinds listed in the allow-list file (QEMU bugs and architecturally allowed
 * choices, each with its reason) are tolerated; any other kind fails. */
#ifndef ORACLE_CLASSIFY_H
#define ORACLE_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vintc/gicv2.h>

#include "op.h"

#define CLS_NR_IRQS 288u

/* Interrupts whose QEMU state went away from the architecture through a
 * known QEMU behaviour: private ones per CPU, SPIs in bank 0. A mismatch
 * whose differing bits all belong to tainted interrupts takes the taint's
 * kind. */
struct taints {
    const char *kind[VINTC_GIC_MAX_CPUS][CLS_NR_IRQS];
    /* A CPU interface whose active priorities differ since a tolerated
     * acknowledge: its RPR, APRs, IAR, HPPIR and lines take this kind until
     * both sides report nothing active (RPR 0xFF). */
    const char *cpuif[VINTC_GIC_MAX_CPUS];
};

struct vintc_side;

struct cls_ctx {
    unsigned nr_cpus;
    const struct op *op;              /* the operation being checked */
    const struct gic_vif *vif_before; /* GICV/GICH ops: the vif before it */
    const struct taints *taints;
    struct vintc_side *vs; /* to look at vintc's state */
    uint32_t rpr_before;   /* GICC ops: vintc's GICC_RPR before it */
};

/* The register name for kinds: "GICD_ISPENDR0", "GICV_IAR", ... */
void cls_reg_name(enum op_frame frame, uint32_t offset, char *buf, size_t cap);

/* Kind of a read that returned `q` on QEMU and `v` on vintc (q != v). */
void cls_read(const struct cls_ctx *ctx, enum op_frame frame, unsigned cpu,
              uint32_t offset, unsigned size, uint32_t q, uint32_t v,
              char *kind, size_t cap);

/* The kind of a tainted interrupt pending or active for `cpu` (vintc's
 * view), or NULL: a different choice of interrupt may come from it. */
const char *cls_candidate_taint(const struct cls_ctx *ctx, unsigned cpu);

/* The interrupts covered by bit/byte `diff` of distributor register
 * `offset` (as read by `cpu`): calls fn for each. */
void cls_dist_irqs(uint32_t offset, uint32_t diff,
                   void (*fn)(void *arg, unsigned irq), void *arg);

/* Allow-list: "kind reason..." lines, '#' comments. */
struct allowlist {
    unsigned n;
    char kind[128][96];
    char reason[128][200];
    unsigned seen[128];
};
int allowlist_load(struct allowlist *al, const char *path);
/* Index of `kind` or -1. */
int allowlist_find(const struct allowlist *al, const char *kind);

#endif
