/* SPDX-License-Identifier: MIT */
/* Seeded random operation sequences. The choices depend on the seed alone,
 * so a seed and the options reproduce a sequence exactly. */
#ifndef ORACLE_GEN_H
#define ORACLE_GEN_H

#include <stdbool.h>
#include <stdint.h>

#include "op.h"

struct gen {
    uint64_t state;
    unsigned nr_cpus;
    bool vif;  /* GICH/GICV operations */
    bool gicc; /* GICC operations and ISR_EL1 reads */
};

void gen_init(struct gen *g, uint64_t seed, unsigned nr_cpus, bool vif,
              bool gicc);
uint32_t gen_u32(struct gen *g);
/* Uniform in [0, n). */
unsigned gen_below(struct gen *g, unsigned n);
void gen_op(struct gen *g, struct op *op);

/* SPIs whose input lines no board device drives (free for the test). */
#define GEN_FIRST_FREE_SPI 208u
#define GEN_NR_FREE_SPIS   80u
/* PPIs without a board device: 16..22. */
#define GEN_FIRST_FREE_PPI 16u
#define GEN_NR_FREE_PPIS   7u

#endif
