/* SPDX-License-Identifier: MIT */
/* Guest accesses to the software GICV that must succeed. */
#ifndef VINTC_VIF_TEST_UTIL_H
#define VINTC_VIF_TEST_UTIL_H

#include <check.h>
#include <vintc/gicv2.h>

static inline uint32_t vif_rd(struct gic_vif *vif, unsigned nr_lrs,
                              uint32_t offset)
{
    uint32_t v = 0xDEADBEEFu;
    ck_assert_int_eq(gic_vif_mmio_read(vif, nr_lrs, offset, 4, &v), 0);
    return v;
}

static inline void vif_wr(struct gic_vif *vif, unsigned nr_lrs, uint32_t offset,
                          uint32_t v)
{
    ck_assert_int_eq(gic_vif_mmio_write(vif, nr_lrs, offset, 4, v), 0);
}

#endif
