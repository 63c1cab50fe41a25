/* SPDX-License-Identifier: MIT */
/* GICH status derived from a struct gic_vif: EISR, ELRSR, every MISR bit,
 * the maintenance interrupt level and the virtual IRQ and FIQ lines. */
#include <vintc/gicv2.h>

#include "test_util.h"

#define PEND VINTC_GICH_LR_STATE_PENDING
#define ACT  VINTC_GICH_LR_STATE_ACTIVE
#define PACT (VINTC_GICH_LR_STATE_PENDING | VINTC_GICH_LR_STATE_ACTIVE)

static uint32_t mklr(uint32_t id, uint32_t prio, uint32_t bits)
{
    return id | (prio >> 3) << VINTC_GICH_LR_PRIORITY_SHIFT | bits;
}

/* Every LR shape, and whether it is in EISR / ELRSR. */
static const struct {
    uint32_t lr;
    bool eisr, elrsr;
} shapes[] = {
    { 0, false, true },
    { VINTC_GICH_LR_EOI, true, false },
    { VINTC_GICH_LR_EOI | VINTC_GICH_LR_GRP1 | 40u, true, false },
    { VINTC_GICH_LR_HW, false, true },
    { VINTC_GICH_LR_HW | VINTC_GICH_LR_EOI, false,
      true }, /* bit 19 = PhysicalID */
    { PEND, false, false },
    { PEND | VINTC_GICH_LR_EOI, false, false },
    { ACT | VINTC_GICH_LR_EOI, false, false },
    { PACT | VINTC_GICH_LR_EOI, false, false },
    { ACT | VINTC_GICH_LR_HW, false, false },
};
#define NR_SHAPES (sizeof(shapes) / sizeof(shapes[0]))

/* Loop over shapes: each shape in every LR position of a 64-LR vif whose
 * other LRs are pending (neither EISR nor ELRSR). */
START_TEST(eisr_and_elrsr_follow_lr_state)
{
    struct gic_vif vif;
    gic_vif_init(&vif);
    for (unsigned n = 0; n < VINTC_GIC_MAX_LRS; n++) {
        for (unsigned i = 0; i < VINTC_GIC_MAX_LRS; i++)
            vif.lr[i] = mklr(i + 32, 0x80, PEND | VINTC_GICH_LR_EOI);
        vif.lr[n] = shapes[_i].lr;
        const uint64_t bit = UINT64_C(1) << n;
        ck_assert_uint_eq(gic_vif_eisr(&vif, VINTC_GIC_MAX_LRS),
                          shapes[_i].eisr ? bit : 0);
        ck_assert_uint_eq(gic_vif_elrsr(&vif, VINTC_GIC_MAX_LRS),
                          shapes[_i].elrsr ? bit : 0);
        ck_assert_uint_eq(
            (gic_vif_misr(&vif, VINTC_GIC_MAX_LRS) & VINTC_GICH_MISR_EOI) != 0,
            shapes[_i].eisr);
    }
}
END_TEST

/* Loop over nr_lrs 1..64: bits at and above nr_lrs are 0. */
START_TEST(status_covers_only_nr_lrs)
{
    const unsigned nr = (unsigned)_i;
    const uint64_t all = nr == 64 ? ~UINT64_C(0) : (UINT64_C(1) << nr) - 1;
    struct gic_vif vif;
    gic_vif_init(&vif);
    ck_assert_uint_eq(gic_vif_elrsr(&vif, nr), all);
    ck_assert_uint_eq(gic_vif_eisr(&vif, nr), 0);
    for (unsigned i = 0; i < VINTC_GIC_MAX_LRS; i++)
        vif.lr[i] = VINTC_GICH_LR_EOI;
    ck_assert_uint_eq(gic_vif_eisr(&vif, nr), all);
    ck_assert_uint_eq(gic_vif_elrsr(&vif, nr), 0);

    /* MISR, maintenance and the IRQ line ignore LRs beyond nr_lrs. */
    gic_vif_init(&vif);
    vif.hcr = VINTC_GICH_HCR_EN | VINTC_GICH_HCR_NPIE | VINTC_GICH_HCR_UIE;
    vif.vmcr |= VINTC_GICH_VMCR_GRP0EN | 0x1Fu << VINTC_GICH_VMCR_PRIMASK_SHIFT;
    for (unsigned i = nr; i < VINTC_GIC_MAX_LRS; i++)
        vif.lr[i] = mklr(40, 0x00, PEND | VINTC_GICH_LR_EOI);
    ck_assert_uint_eq(gic_vif_misr(&vif, nr),
                      VINTC_GICH_MISR_NP | VINTC_GICH_MISR_U);
    ck_assert(gic_vif_maintenance(&vif, nr));
    ck_assert(!gic_vif_irq_line(&vif, nr));
    vif.lr[nr - 1] = mklr(40, 0x00, PEND);
    ck_assert_uint_eq(gic_vif_misr(&vif, nr), VINTC_GICH_MISR_U);
    ck_assert(gic_vif_irq_line(&vif, nr));
}
END_TEST

START_TEST(bad_arguments_give_zero)
{
    struct gic_vif vif;
    gic_vif_init(&vif);
    vif.hcr = 0xFFFFFFFFu;
    vif.lr[0] = mklr(40, 0, PEND);
    vif.lr[1] = VINTC_GICH_LR_EOI;
    vif.vmcr = 0xFFFFFFFFu;
    const unsigned bad[] = { 0, 65, ~0u };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        ck_assert_uint_eq(gic_vif_misr(&vif, bad[i]), 0);
        ck_assert_uint_eq(gic_vif_eisr(&vif, bad[i]), 0);
        ck_assert_uint_eq(gic_vif_elrsr(&vif, bad[i]), 0);
        ck_assert(!gic_vif_maintenance(&vif, bad[i]));
        ck_assert(!gic_vif_irq_line(&vif, bad[i]));
    }
    ck_assert_uint_eq(gic_vif_misr(NULL, 4), 0);
    ck_assert_uint_eq(gic_vif_eisr(NULL, 4), 0);
    ck_assert_uint_eq(gic_vif_elrsr(NULL, 4), 0);
    ck_assert(!gic_vif_maintenance(NULL, 4));
    ck_assert(!gic_vif_irq_line(NULL, 4));
    /* The same vif is valid with a valid nr_lrs. */
    ck_assert_uint_ne(gic_vif_misr(&vif, 4), 0);
    ck_assert(gic_vif_maintenance(&vif, 4));
}
END_TEST

/* Loop over the number of LRs not invalid (0..3): U iff UIE and <= 1. */
START_TEST(misr_underflow)
{
    const uint32_t states[] = { PEND, ACT, PACT };
    const unsigned used = (unsigned)_i;
    struct gic_vif vif;
    gic_vif_init(&vif);
    for (unsigned i = 0; i < used; i++)
        vif.lr[i] = mklr(40 + i, 0x80, states[i]);
    vif.lr[3] = VINTC_GICH_LR_EOI; /* invalid: does not count */
    ck_assert_uint_eq(gic_vif_misr(&vif, 4) & VINTC_GICH_MISR_U, 0);
    vif.hcr = VINTC_GICH_HCR_UIE;
    ck_assert_uint_eq(gic_vif_misr(&vif, 4) & VINTC_GICH_MISR_U,
                      used <= 1 ? VINTC_GICH_MISR_U : 0);
}
END_TEST

START_TEST(misr_lrenp_follows_eoicount)
{
    struct gic_vif vif;
    gic_vif_init(&vif);
    vif.hcr = VINTC_GICH_HCR_LRENPIE;
    ck_assert_uint_eq(gic_vif_misr(&vif, 4), 0);
    for (uint32_t c = 1; c < 32; c++) {
        vif.hcr = VINTC_GICH_HCR_LRENPIE | c << VINTC_GICH_HCR_EOICOUNT_SHIFT;
        ck_assert_uint_eq(gic_vif_misr(&vif, 4), VINTC_GICH_MISR_LRENP);
        vif.hcr = c << VINTC_GICH_HCR_EOICOUNT_SHIFT;
        ck_assert_uint_eq(gic_vif_misr(&vif, 4), 0);
    }
}
END_TEST

START_TEST(misr_no_pending)
{
    struct gic_vif vif;
    gic_vif_init(&vif);
    vif.hcr = VINTC_GICH_HCR_NPIE;
    ck_assert_uint_eq(gic_vif_misr(&vif, 4), VINTC_GICH_MISR_NP);
    vif.lr[0] = mklr(40, 0x80, PACT); /* pending+active is not pending */
    vif.lr[1] = mklr(41, 0x80, ACT);
    ck_assert_uint_eq(gic_vif_misr(&vif, 4), VINTC_GICH_MISR_NP);
    vif.lr[3] = mklr(43, 0x80, PEND);
    ck_assert_uint_eq(gic_vif_misr(&vif, 4), 0);
    vif.hcr = 0;
    vif.lr[3] = 0;
    ck_assert_uint_eq(gic_vif_misr(&vif, 4), 0);
}
END_TEST

/* Loop over all 16 combinations of the four VGrp*IE bits, for each of the
 * four combinations of VMGrp0En/VMGrp1En. */
START_TEST(misr_group_enable_bits)
{
    const uint32_t ie = (uint32_t)_i & 0xFu;
    for (uint32_t en = 0; en < 4; en++) {
        struct gic_vif vif;
        gic_vif_init(&vif);
        vif.lr[0] = mklr(40, 0x80, ACT);
        vif.lr[1] = mklr(41, 0x80, ACT); /* no U even if set */
        vif.hcr = ie << 4;
        vif.vmcr |= en;
        const bool g0 = en & 1, g1 = en & 2;
        uint32_t want = 0;
        if ((ie & 1) && g0)
            want |= VINTC_GICH_MISR_VGRP0E;
        if ((ie & 2) && !g0)
            want |= VINTC_GICH_MISR_VGRP0D;
        if ((ie & 4) && g1)
            want |= VINTC_GICH_MISR_VGRP1E;
        if ((ie & 8) && !g1)
            want |= VINTC_GICH_MISR_VGRP1D;
        ck_assert_uint_eq(gic_vif_misr(&vif, 4), want);
        ck_assert(gic_vif_maintenance(&vif, 4) == false); /* En = 0 */
        vif.hcr |= VINTC_GICH_HCR_EN;
        ck_assert(gic_vif_maintenance(&vif, 4) == (want != 0));
    }
}
END_TEST

START_TEST(misr_bit_positions)
{
    ck_assert_uint_eq(VINTC_GICH_MISR_EOI, 1u << 0);
    ck_assert_uint_eq(VINTC_GICH_MISR_U, 1u << 1);
    ck_assert_uint_eq(VINTC_GICH_MISR_LRENP, 1u << 2);
    ck_assert_uint_eq(VINTC_GICH_MISR_NP, 1u << 3);
    ck_assert_uint_eq(VINTC_GICH_MISR_VGRP0E, 1u << 4);
    ck_assert_uint_eq(VINTC_GICH_MISR_VGRP0D, 1u << 5);
    ck_assert_uint_eq(VINTC_GICH_MISR_VGRP1E, 1u << 6);
    ck_assert_uint_eq(VINTC_GICH_MISR_VGRP1D, 1u << 7);
    /* Everything at once. */
    struct gic_vif vif;
    gic_vif_init(&vif);
    vif.hcr = 0xFFu | 1u << VINTC_GICH_HCR_EOICOUNT_SHIFT;
    vif.lr[0] = VINTC_GICH_LR_EOI;
    ck_assert_uint_eq(gic_vif_misr(&vif, 4),
                      VINTC_GICH_MISR_EOI | VINTC_GICH_MISR_U |
                          VINTC_GICH_MISR_LRENP | VINTC_GICH_MISR_NP |
                          VINTC_GICH_MISR_VGRP0D | VINTC_GICH_MISR_VGRP1D);
    vif.vmcr |= VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_GRP1EN;
    ck_assert_uint_eq(gic_vif_misr(&vif, 4),
                      VINTC_GICH_MISR_EOI | VINTC_GICH_MISR_U |
                          VINTC_GICH_MISR_LRENP | VINTC_GICH_MISR_NP |
                          VINTC_GICH_MISR_VGRP0E | VINTC_GICH_MISR_VGRP1E);
}
END_TEST

START_TEST(maintenance_needs_en)
{
    struct gic_vif vif;
    gic_vif_init(&vif);
    vif.lr[2] = VINTC_GICH_LR_EOI; /* MISR.EOI */
    ck_assert_uint_eq(gic_vif_misr(&vif, 4), VINTC_GICH_MISR_EOI);
    ck_assert(!gic_vif_maintenance(&vif, 4));
    vif.hcr = VINTC_GICH_HCR_EN;
    ck_assert(gic_vif_maintenance(&vif, 4));
    vif.lr[2] = 0; /* MISR 0 */
    ck_assert(!gic_vif_maintenance(&vif, 4));
}
END_TEST

START_TEST(irq_line_follows_signalling_rules)
{
    struct gic_vif vif;
    gic_vif_init(&vif);
    vif.vmcr |= VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_GRP1EN |
                0x10u << VINTC_GICH_VMCR_PRIMASK_SHIFT; /* PMR 0x80 */
    vif.lr[1] = mklr(40, 0x78, PEND);
    ck_assert(!gic_vif_irq_line(&vif, 4)); /* En = 0 */
    vif.hcr = VINTC_GICH_HCR_EN;
    ck_assert(gic_vif_irq_line(&vif, 4));
    vif.lr[1] = mklr(40, 0x80, PEND); /* == PMR: masked */
    ck_assert(!gic_vif_irq_line(&vif, 4));
    vif.lr[1] = mklr(40, 0x78, PACT); /* not pending */
    ck_assert(!gic_vif_irq_line(&vif, 4));
    vif.lr[1] = mklr(40, 0x78, ACT);
    ck_assert(!gic_vif_irq_line(&vif, 4));
    vif.lr[1] = mklr(40, 0x78, PEND);
    vif.apr = 1u << 15; /* running 0x78: equal */
    ck_assert(!gic_vif_irq_line(&vif, 4));
    vif.apr = 1u << 16; /* running 0x80: preempts */
    ck_assert(gic_vif_irq_line(&vif, 4));
    vif.vmcr &= ~VINTC_GICH_VMCR_GRP0EN; /* group disabled */
    ck_assert(!gic_vif_irq_line(&vif, 4));
    /* Group 1 is signalled with AckCtl = 0 (IAR would return 1022). */
    vif.lr[1] |= VINTC_GICH_LR_GRP1;
    ck_assert_uint_eq(vif.vmcr & VINTC_GICH_VMCR_ACKCTL, 0);
    ck_assert(gic_vif_irq_line(&vif, 4));
    vif.vmcr &= ~VINTC_GICH_VMCR_GRP1EN;
    ck_assert(!gic_vif_irq_line(&vif, 4));
}
END_TEST

/* GICV_CTLR.FIQEn (GICH_VMCR.VMFIQEn): a Group 0 virtual interrupt is
 * signalled as virtual FIQ, Group 1 always as virtual IRQ (IHI 0048B 5.3,
 * GICV_CTLR; the same rule as GICC_CTLR.FIQEn, 4.4.1). Only the winner
 * drives a line: the other stays low. */
START_TEST(fiq_line_for_group0_with_fiqen)
{
    struct gic_vif vif;
    gic_vif_init(&vif);
    vif.hcr = VINTC_GICH_HCR_EN;
    vif.vmcr |= VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_GRP1EN |
                0x1Fu << VINTC_GICH_VMCR_PRIMASK_SHIFT; /* PMR 0xF8 */
    vif.lr[0] = mklr(40, 0x40, PEND);
    ck_assert(gic_vif_irq_line(&vif, 4)); /* FIQEn = 0: Group 0 as IRQ */
    ck_assert(!gic_vif_fiq_line(&vif, 4));
    vif.vmcr |= VINTC_GICH_VMCR_FIQEN;
    ck_assert(!gic_vif_irq_line(&vif, 4));
    ck_assert(gic_vif_fiq_line(&vif, 4));
    /* A higher-priority Group 1 LR wins: IRQ, and the FIQ drops. */
    vif.lr[1] = mklr(41, 0x20, PEND | VINTC_GICH_LR_GRP1);
    ck_assert(gic_vif_irq_line(&vif, 4));
    ck_assert(!gic_vif_fiq_line(&vif, 4));
    /* Acknowledged (GICV_AIAR), it runs at 0x20: the Group 0 LR at 0x40
     * does not preempt, so neither line is asserted. */
    uint32_t id = 0;
    ck_assert_int_eq(gic_vif_mmio_read(&vif, 4, VINTC_GICV_AIAR, 4, &id), 0);
    ck_assert_uint_eq(id, 41);
    ck_assert(!gic_vif_irq_line(&vif, 4));
    ck_assert(!gic_vif_fiq_line(&vif, 4));
    /* Its EOI lets the Group 0 LR through again, as FIQ. */
    ck_assert_int_eq(gic_vif_mmio_write(&vif, 4, VINTC_GICV_AEOIR, 4, 41), 0);
    ck_assert(!gic_vif_irq_line(&vif, 4));
    ck_assert(gic_vif_fiq_line(&vif, 4));
    /* Masked by PMR, its group disabled, or the interface disabled: low. */
    vif.vmcr &= ~(0x1Fu << VINTC_GICH_VMCR_PRIMASK_SHIFT);
    vif.vmcr |= 0x08u << VINTC_GICH_VMCR_PRIMASK_SHIFT; /* PMR 0x40 */
    ck_assert(!gic_vif_fiq_line(&vif, 4));
    vif.vmcr |= 0x1Fu << VINTC_GICH_VMCR_PRIMASK_SHIFT;
    ck_assert(gic_vif_fiq_line(&vif, 4));
    vif.vmcr &= ~VINTC_GICH_VMCR_GRP0EN;
    ck_assert(!gic_vif_fiq_line(&vif, 4));
    ck_assert(!gic_vif_irq_line(&vif, 4));
    vif.vmcr |= VINTC_GICH_VMCR_GRP0EN;
    vif.hcr = 0;
    ck_assert(!gic_vif_fiq_line(&vif, 4));
    vif.hcr = VINTC_GICH_HCR_EN;
    ck_assert(!gic_vif_fiq_line(NULL, 4));
    ck_assert(!gic_vif_fiq_line(&vif, 0));
    ck_assert(!gic_vif_fiq_line(&vif, VINTC_GIC_MAX_LRS + 1));
    ck_assert(gic_vif_fiq_line(&vif, 1));
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_vif_status");
    TCase *tc = tcase_create("status");
    tcase_add_loop_test(tc, eisr_and_elrsr_follow_lr_state, 0, (int)NR_SHAPES);
    tcase_add_loop_test(tc, status_covers_only_nr_lrs, 1,
                        VINTC_GIC_MAX_LRS + 1);
    tcase_add_test(tc, bad_arguments_give_zero);
    tcase_add_loop_test(tc, misr_underflow, 0, 4);
    tcase_add_test(tc, misr_lrenp_follows_eoicount);
    tcase_add_test(tc, misr_no_pending);
    tcase_add_loop_test(tc, misr_group_enable_bits, 0, 16);
    tcase_add_test(tc, misr_bit_positions);
    tcase_add_test(tc, maintenance_needs_en);
    tcase_add_test(tc, irq_line_follows_signalling_rules);
    tcase_add_test(tc, fiq_line_for_group0_with_fiqen);
    suite_add_tcase(s, tc);
    return s;
}
