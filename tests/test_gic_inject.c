/* SPDX-License-Identifier: MIT */
/* gic_set_irq: argument validation, edge (rising only) and level (follows
 * the line) inputs, PPI banks (IHI 0048B 3.2.4; docs/design.md 3.2). */
#include <errno.h>

#include "gic_test_util.h"
#include "test_util.h"

START_TEST(rejects_bad_arguments)
{
    struct gic *g = tu_gic(2, 64, NULL);
    struct gic *big = tu_gic(1, 1024, NULL);
    ck_assert_int_eq(gic_set_irq(NULL, 0, 40, true), -EINVAL);
    for (unsigned sgi = 0; sgi < 16; sgi++)
        ck_assert_int_eq(gic_set_irq(g, 0, sgi, true), -EINVAL);
    ck_assert_int_eq(gic_set_irq(g, 0, 64, true), -EINVAL);
    ck_assert_int_eq(gic_set_irq(g, 0, 1000, true), -EINVAL);
    ck_assert_int_eq(gic_set_irq(g, 0, ~0u, true), -EINVAL);
    for (unsigned id = 1020; id < 1024; id++)
        ck_assert_int_eq(gic_set_irq(big, 0, id, true), -EINVAL);
    ck_assert_int_eq(gic_set_irq(big, 0, 1024, true), -EINVAL);
    ck_assert_int_eq(gic_set_irq(big, 0, 1019, true), 0);
    ck_assert_int_eq(gic_set_irq(g, 2, 20, true), -EINVAL); /* PPI, no cpu 2 */
    ck_assert_int_eq(gic_set_irq(g, ~0u, 31, true), -EINVAL);
    /* Nothing of that reached the state. */
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ISPENDR), 0);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ISPENDR), 0);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ISPENDR + 4), 0);
    /* For an SPI the cpu argument is ignored. */
    ck_assert_int_eq(gic_set_irq(g, 77, 63, true), 0);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ISPENDR + 4), 0x80000000u);
    ck_assert_uint_eq(tu_rd(big, 0, VINTC_GICD_ISPENDR + 124), 0x08000000u);
    gic_destroy(g);
    gic_destroy(big);
}
END_TEST

/* Edge: only a rising level sets the latch; it survives the line dropping;
 * the delivered edge is consumed once. */
START_TEST(edge_rising_only)
{
    struct tu_kicks k;
    struct gic *g = tu_gic(2, 64, &k);
    tu_wr(g, 0, VINTC_GICD_CTLR, 1);
    tu_set_edge(g, 50, true);
    tu_set_target(g, 50, 1);
    tu_enable(g, 0, 50);
    ck_assert_int_eq(gic_set_irq(g, 0, 50, false), 0); /* low -> low */
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, 50));
    ck_assert_int_eq(gic_set_irq(g, 0, 50, true), 0);
    ck_assert_uint_eq(tu_kicks_of(&k, 0), 1);
    ck_assert_uint_eq(tu_consume(g, 0, 50, -1), 1);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, 50));
    ck_assert_int_eq(gic_set_irq(g, 0, 50, true), 0); /* still high */
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, 50));
    ck_assert_uint_eq(tu_consume(g, 0, 50, -1), 0);
    ck_assert_uint_eq(tu_kicks_of(&k, 0), 1);
    ck_assert_int_eq(gic_set_irq(g, 0, 50, false), 0);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, 50));
    ck_assert_int_eq(gic_set_irq(g, 0, 50, true), 0); /* new edge */
    ck_assert_int_eq(gic_set_irq(g, 0, 50, false), 0);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, 50));
    /* Two edges while pending are one pending interrupt. */
    tu_pulse(g, 0, 50);
    ck_assert_uint_eq(tu_consume(g, 0, 50, -1), 1);
    ck_assert_uint_eq(tu_consume(g, 0, 50, -1), 0);
    gic_destroy(g);
}
END_TEST

/* Level: the interrupt is pending exactly while the line is high, and a
 * delivery whose line is still high comes back. */
START_TEST(level_follows_line)
{
    struct gic *g = tu_gic(1, 64, NULL);
    tu_wr(g, 0, VINTC_GICD_CTLR, 1);
    tu_set_target(g, 40, 1);
    tu_enable(g, 0, 40);
    ck_assert_int_eq(gic_set_irq(g, 0, 40, true), 0);
    ck_assert(gic_cpu_pending(g, 0));
    ck_assert_uint_eq(tu_consume(g, 0, 40, -1), 1);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, 40)); /* line still high */
    ck_assert_uint_eq(tu_consume(g, 0, 40, -1), 1);
    ck_assert_int_eq(gic_set_irq(g, 0, 40, false), 0);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, 40));
    ck_assert(!gic_cpu_pending(g, 0));
    ck_assert_uint_eq(tu_consume(g, 0, 40, -1), 0);
    /* Pulsed while disabled: nothing left behind. */
    tu_set_bit(g, 0, VINTC_GICD_ICENABLER, 40);
    tu_pulse(g, 0, 40);
    tu_enable(g, 0, 40);
    ck_assert(!gic_cpu_pending(g, 0));
    gic_destroy(g);
}
END_TEST

/* PPIs: the cpu argument selects the bank; each bank is independent. */
START_TEST(ppi_banks)
{
    struct tu_kicks k;
    struct gic *g = tu_gic(8, 32, &k);
    tu_wr(g, 0, VINTC_GICD_CTLR, 1);
    for (unsigned c = 0; c < 8; c++)
        tu_enable(g, c, 16 + c);
    for (unsigned c = 0; c < 8; c++)
        ck_assert_int_eq(gic_set_irq(g, c, 16 + (c + 1) % 8, true), 0);
    ck_assert_uint_eq(tu_kicks_total(&k), 0); /* none enabled there */
    for (unsigned c = 0; c < 8; c++) {
        ck_assert_uint_eq(tu_rd(g, c, VINTC_GICD_ISPENDR),
                          1u << (16 + (c + 1) % 8));
        ck_assert(!gic_cpu_pending(g, c));
        ck_assert_int_eq(gic_set_irq(g, c, 16 + c, true), 0);
        ck_assert_uint_eq(tu_kicks_of(&k, c), 1);
        ck_assert(gic_cpu_pending(g, c));
    }
    for (unsigned c = 0; c < 8; c++) {
        ck_assert_uint_eq(tu_rd(g, c, VINTC_GICD_ISPENDR),
                          1u << (16 + c) | 1u << (16 + (c + 1) % 8));
        ck_assert(tu_routed_pending(g, c, 16 + c));
        ck_assert_int_eq(gic_set_irq(g, c, 16 + c, false), 0);
        ck_assert(!gic_cpu_pending(g, c));
    }
    gic_destroy(g);
}
END_TEST

START_TEST(injection_stats)
{
    struct gic *g = tu_gic(2, 64, NULL);
    struct gic_stats st;
    tu_set_edge(g, 33, true);
    tu_pulse(g, 0, 33);                                /* rising + falling */
    ck_assert_int_eq(gic_set_irq(g, 0, 33, false), 0); /* no change */
    ck_assert_int_eq(gic_set_irq(g, 5, 16, true), -EINVAL);
    ck_assert_int_eq(gic_get_stats(g, VINTC_GIC_STATS_ALL, &st), 0);
    ck_assert_uint_eq(st.injections, 2);
    /* Level: raising a line that is already high changes nothing. */
    ck_assert_int_eq(gic_set_irq(g, 1, 20, true), 0);
    ck_assert_int_eq(gic_set_irq(g, 1, 20, true), 0);
    ck_assert_int_eq(gic_set_irq(g, 1, 20, false), 0);
    ck_assert_int_eq(gic_set_irq(g, 1, 20, false), 0);
    ck_assert_int_eq(gic_get_stats(g, VINTC_GIC_STATS_ALL, &st), 0);
    ck_assert_uint_eq(st.injections, 4);
    gic_destroy(g);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_inject");
    TCase *tc = tcase_create("inject");
    tcase_add_test(tc, rejects_bad_arguments);
    tcase_add_test(tc, edge_rising_only);
    tcase_add_test(tc, level_follows_line);
    tcase_add_test(tc, ppi_banks);
    tcase_add_test(tc, injection_stats);
    suite_add_tcase(s, tc);
    return s;
}
