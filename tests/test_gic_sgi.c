/* SPDX-License-Identifier: MIT */
/* Software-generated interrupts: GICD_SGIR filters and target lists,
 * SPENDSGIR/CPENDSGIR per (target, source), and their delivery through the
 * LRs one source at a time (IHI 0048B 4.3.15-4.3.17;
 * docs/design.md 3.3, 3.4). */
#include "gic_test_util.h"
#include "test_util.h"

/* The source bitmap of SGI `sgi` pending on `target`. */
static uint8_t sources(struct gic *g, unsigned target, unsigned sgi)
{
    return (uint8_t)tu_rdw(g, target, VINTC_GICD_SPENDSGIR + sgi, 1);
}

static uint32_t all_sources(struct gic *g, unsigned target)
{
    uint32_t v = 0;
    for (unsigned w = 0; w < 4; w++)
        v |= tu_rd(g, target, VINTC_GICD_SPENDSGIR + 4 * w) |
             tu_rd(g, target, VINTC_GICD_CPENDSGIR + 4 * w);
    return v;
}

/* Loop over nr_cpus 1..8, every sender and every filter mode. */
START_TEST(sgir_filters)
{
    unsigned n = (unsigned)_i;
    struct tu_kicks k;
    struct gic *g = tu_gic(n, 32, &k);
    for (unsigned from = 0; from < n; from++) {
        for (unsigned filter = 0; filter < 4; filter++) {
            uint32_t list = 0xA5u ^ (from << 1);
            gic_reset(g);
            tu_kicks_clear(&k);
            unsigned sgi = (from * 4 + filter) % 16;
            tu_wr(g, from, VINTC_GICD_SGIR,
                  VINTC_GICD_SGIR_VALUE(filter, list, sgi));
            uint32_t want;
            switch (filter) {
            case 0:
                want = list;
                break;
            case 1:
                want = ~(1u << from);
                break;
            case 2:
                want = 1u << from;
                break;
            default:
                want = 0;
                break;
            }
            want &= (1u << n) - 1u;
            for (unsigned t = 0; t < n; t++) {
                bool hit = (want >> t) & 1u;
                ck_assert_msg(
                    sources(g, t, sgi) == (hit ? 1u << from : 0),
                    "%u cpus, from %u filter %u: target %u sources 0x%x", n,
                    from, filter, t, sources(g, t, sgi));
                ck_assert_uint_eq(tu_rd(g, t, VINTC_GICD_ISPENDR),
                                  hit ? 1u << sgi : 0);
                ck_assert_uint_eq(all_sources(g, t),
                                  hit ? (1u << from) << (8 * (sgi % 4)) : 0);
                /* Group 0 is not enabled: pending but not yet kicked. */
                ck_assert_uint_eq(tu_kicks_of(&k, t), 0);
            }
        }
    }
    gic_destroy(g);
}
END_TEST

START_TEST(sgir_fields)
{
    struct tu_kicks k;
    struct gic *g = tu_gic(4, 32, &k);
    tu_wr(g, 0, VINTC_GICD_CTLR, 1);
    /* Reserved bits [14:4] and [31:26] do not change the SGI number. */
    tu_wr(g, 2, VINTC_GICD_SGIR, 0xFC02FFF9u);
    ck_assert_uint_eq(sources(g, 1, 9), 1u << 2);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ISPENDR), 1u << 9);
    ck_assert_uint_eq(tu_kicks_of(&k, 1), 1);
    ck_assert_uint_eq(tu_kicks_total(&k), 1);
    /* A list of 0 goes nowhere; targets beyond nr_cpus are ignored. */
    tu_wr(g, 0, VINTC_GICD_SGIR, VINTC_GICD_SGIR_VALUE(0, 0, 4));
    tu_wr(g, 0, VINTC_GICD_SGIR, VINTC_GICD_SGIR_VALUE(0, 0xF0, 5));
    for (unsigned t = 0; t < 4; t++) {
        ck_assert_uint_eq(sources(g, t, 4), 0);
        ck_assert_uint_eq(sources(g, t, 5), 0);
    }
    ck_assert_uint_eq(tu_kicks_total(&k), 1);
    /* SGIR is write-only. */
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_SGIR), 0);
    gic_destroy(g);
}
END_TEST

/* Sources accumulate per (target, source) pair and clear independently. */
START_TEST(pending_sources_per_pair)
{
    struct gic *g = tu_gic(4, 32, NULL);
    tu_wr(g, 0, VINTC_GICD_SGIR, VINTC_GICD_SGIR_VALUE(0, 0x2, 5));
    tu_wr(g, 2, VINTC_GICD_SGIR, VINTC_GICD_SGIR_VALUE(0, 0x6, 5));
    tu_wr(g, 3, VINTC_GICD_SGIR, VINTC_GICD_SGIR_VALUE(0, 0x2, 6));
    ck_assert_uint_eq(sources(g, 1, 5), 0x5);
    ck_assert_uint_eq(sources(g, 2, 5), 0x4);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_CPENDSGIR + 4), 0x00080500u);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ISPENDR), 0x60u);
    /* CPENDSGIR is banked: cpu 2 clearing its own SGI 5 leaves cpu 1's. */
    tu_wrw(g, 2, VINTC_GICD_CPENDSGIR + 5, 1, 0xFF);
    ck_assert_uint_eq(sources(g, 2, 5), 0);
    ck_assert_uint_eq(tu_rd(g, 2, VINTC_GICD_ISPENDR), 0);
    ck_assert_uint_eq(sources(g, 1, 5), 0x5);
    /* Clearing one source leaves the SGI pending from the other. */
    tu_wr(g, 1, VINTC_GICD_CPENDSGIR + 4, 0x00000100u);
    ck_assert_uint_eq(sources(g, 1, 5), 0x4);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ISPENDR), 0x60u);
    tu_wr(g, 1, VINTC_GICD_CPENDSGIR + 4, 0x00000400u);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ISPENDR), 0x40u);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_SPENDSGIR + 4), 0x00080000u);
    gic_destroy(g);
}
END_TEST

START_TEST(spendsgir_rules)
{
    struct tu_kicks k;
    struct gic *g = tu_gic(2, 32, &k);
    tu_wr(g, 0, VINTC_GICD_CTLR, 1);
    /* Only existing source CPUs are recorded. */
    tu_wr(g, 1, VINTC_GICD_SPENDSGIR, 0x000000FFu);
    ck_assert_uint_eq(sources(g, 1, 0), 0x3);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ISPENDR), 0x1u);
    ck_assert_uint_eq(tu_kicks_of(&k, 1), 1);
    /* A byte of zero changes nothing (the QEMU bug is not reproduced):
     * SGIs 1..3 stay not pending and nothing reaches the LRs. */
    tu_wr(g, 1, VINTC_GICD_SPENDSGIR, 0x00000000u);
    tu_wr(g, 0, VINTC_GICD_SPENDSGIR + 4,
          0x00FC0000u); /* sources 2..7: none exist */
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ISPENDR), 0x1u);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ISPENDR), 0);
    ck_assert_uint_eq(all_sources(g, 0), 0);
    ck_assert(!gic_cpu_pending(g, 0));
    ck_assert(!tu_routed_pending(g, 0, 6));
    ck_assert_uint_eq(tu_kicks_of(&k, 0), 0);
    /* Byte access: SGI 14 of cpu 0 from source 1. */
    tu_wrw(g, 0, VINTC_GICD_SPENDSGIR + 14, 1, 0x02);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_SPENDSGIR + 12), 0x00020000u);
    ck_assert_uint_eq(tu_rdw(g, 0, VINTC_GICD_CPENDSGIR + 14, 1), 0x02);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ISPENDR), 1u << 14);
    /* Halfword access is RAZ/WI. */
    tu_wrw(g, 0, VINTC_GICD_SPENDSGIR + 8, 2, 0x0101);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_SPENDSGIR + 8), 0);
    ck_assert_uint_eq(tu_rdw(g, 0, VINTC_GICD_SPENDSGIR + 12, 2), 0);
    tu_wrw(g, 0, VINTC_GICD_CPENDSGIR + 14, 2, 0xFFFF);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ISPENDR), 1u << 14);
    /* CPENDSGIR of the last source makes it not pending. */
    tu_wrw(g, 0, VINTC_GICD_CPENDSGIR + 14, 1, 0x02);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ISPENDR), 0);
    gic_destroy(g);
}
END_TEST

/* An active SGI made pending again by another source is active+pending;
 * clearing that source leaves it just active. */
START_TEST(cpendsgir_active_and_pending)
{
    struct gic *g = tu_gic(2, 32, NULL);
    tu_wr(g, 1, VINTC_GICD_SGIR, VINTC_GICD_SGIR_VALUE(0, 1, 3));
    tu_set_bit(g, 0, VINTC_GICD_ISACTIVER, 3);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISACTIVER, 3));
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, 3));
    tu_wrw(g, 0, VINTC_GICD_CPENDSGIR + 3, 1, 0x02);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, 3));
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISACTIVER, 3));
    gic_destroy(g);
}
END_TEST

/* Delivery: one (SGI, source) pair per LR, CPUID = source, each delivered
 * exactly once, and the target is kicked for every SGI sent. */
START_TEST(sgi_delivery_per_source)
{
    struct tu_kicks k;
    struct gic *g = tu_gic(4, 32, &k);
    tu_wr(g, 0, VINTC_GICD_CTLR, 1);
    tu_wr(g, 0, VINTC_GICD_SGIR, VINTC_GICD_SGIR_VALUE(0, 0x8, 11));
    tu_wr(g, 1, VINTC_GICD_SGIR, VINTC_GICD_SGIR_VALUE(0, 0x8, 11));
    tu_wr(g, 2, VINTC_GICD_SGIR,
          VINTC_GICD_SGIR_VALUE(1, 0, 11)); /* to 0, 1 and 3 */
    ck_assert_uint_eq(tu_kicks_of(&k, 3), 3);
    ck_assert_uint_eq(tu_kicks_of(&k, 0), 1);
    ck_assert_uint_eq(tu_kicks_of(&k, 2), 0);
    ck_assert_uint_eq(sources(g, 3, 11), 0x7);
    ck_assert(gic_cpu_pending(g, 3));
    ck_assert(!gic_cpu_pending(g, 2));
    unsigned got[8] = { 0 };
    for (int round = 0; round < 6; round++) {
        struct gic_vif vif;
        tu_vif_reset(&vif);
        int n = gic_lr_flush(g, 3, &vif);
        ck_assert_int_ge(n, 0);
        for (int i = 0; i < n; i++) {
            if ((vif.lr[i] & VINTC_GICH_LR_STATE_PENDING) &&
                (vif.lr[i] & VINTC_GICH_LR_VIRTUALID_MASK) == 11)
                got[(vif.lr[i] & VINTC_GICH_LR_CPUID_MASK) >>
                    VINTC_GICH_LR_CPUID_SHIFT]++;
            vif.lr[i] &= ~VINTC_GICH_LR_STATE_MASK;
        }
        ck_assert_int_eq(gic_lr_sync(g, 3, &vif), n);
    }
    ck_assert_uint_eq(got[0], 1);
    ck_assert_uint_eq(got[1], 1);
    ck_assert_uint_eq(got[2], 1);
    ck_assert_uint_eq(got[3], 0);
    ck_assert_uint_eq(sources(g, 3, 11), 0);
    ck_assert(!tu_bit(g, 3, VINTC_GICD_ISPENDR, 11));
    ck_assert(!gic_cpu_pending(g, 3));
    ck_assert_uint_eq(tu_consume(g, 0, 11, 2), 1);
    gic_destroy(g);
}
END_TEST

START_TEST(sgis_sent_stats)
{
    struct gic *g = tu_gic(4, 32, NULL);
    struct gic_stats st;
    tu_wr(g, 1, VINTC_GICD_SGIR,
          VINTC_GICD_SGIR_VALUE(0, 0xD, 2)); /* 3 targets */
    tu_wr(g, 1, VINTC_GICD_SGIR,
          VINTC_GICD_SGIR_VALUE(3, 0xF, 2)); /* reserved: none */
    ck_assert_int_eq(gic_get_stats(g, VINTC_GIC_STATS_ALL, &st), 0);
    ck_assert_uint_eq(st.sgis_sent, 3);
    ck_assert_int_eq(gic_get_stats(g, 1, &st), 0);
    ck_assert_uint_eq(st.sgis_sent, 3);
    gic_destroy(g);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_sgi");
    TCase *tc = tcase_create("sgi");
    tcase_add_loop_test(tc, sgir_filters, 1, 9);
    tcase_add_test(tc, sgir_fields);
    tcase_add_test(tc, pending_sources_per_pair);
    tcase_add_test(tc, spendsgir_rules);
    tcase_add_test(tc, cpendsgir_active_and_pending);
    tcase_add_test(tc, sgi_delivery_per_source);
    tcase_add_test(tc, sgis_sent_stats);
    suite_add_tcase(s, tc);
    return s;
}
