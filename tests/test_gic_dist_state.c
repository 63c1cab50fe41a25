/* SPDX-License-Identifier: MIT */
/* Per-interrupt state through the distributor registers (IHI 0048B 4.3;
 * docs/design.md 3.2, 3.3): set/clear pairs, level vs edge with the pending
 * latch kept apart from the line, SGI bits, ICFGR and priority masking. */
#include "gic_test_util.h"
#include "test_util.h"

#define SPI 45u
#define PPI 27u

START_TEST(enable_set_clear)
{
    struct gic *g = tu_gic(2, 96, NULL);
    tu_wr(g, 0, VINTC_GICD_ISENABLER + 4, 0x00000A00u);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ISENABLER + 4), 0x00000A00u);
    /* Zero bits have no effect in either register. */
    tu_wr(g, 0, VINTC_GICD_ISENABLER + 4, 0x00000100u);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ICENABLER + 4), 0x00000B00u);
    tu_wr(g, 0, VINTC_GICD_ICENABLER + 4, 0x00000200u);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ISENABLER + 4), 0x00000900u);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ICENABLER + 4), 0x00000900u);
    /* PPIs are banked. */
    tu_wr(g, 1, VINTC_GICD_ISENABLER, 1u << PPI);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ISENABLER), 0xFFFFu | 1u << PPI);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ISENABLER), 0xFFFFu);
    tu_wr(g, 0, VINTC_GICD_ICENABLER, 1u << PPI);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ISENABLER), 0xFFFFu | 1u << PPI);
    tu_wr(g, 1, VINTC_GICD_ICENABLER, 0xFFFFFFFFu);
    /* SGIs stay enabled whatever is written. */
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ISENABLER), 0xFFFFu);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ICENABLER), 0xFFFFu);
    gic_destroy(g);
}
END_TEST

START_TEST(pending_set_clear_edge)
{
    struct gic *g = tu_gic(2, 96, NULL);
    tu_set_edge(g, SPI, true);
    tu_set_bit(g, 1, VINTC_GICD_ISPENDR, SPI); /* disabled: still pending */
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    ck_assert(tu_bit(g, 0, VINTC_GICD_ICPENDR, SPI));
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ISPENDR + 4), 1u << (SPI - 32));
    tu_wr(g, 0, VINTC_GICD_ICPENDR + 4,
          ~(1u << (SPI - 32))); /* other bits only */
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    tu_set_bit(g, 0, VINTC_GICD_ICPENDR, SPI);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    /* A rising edge latches; the falling edge keeps it; only a new rising
     * edge can pend it again once cleared. */
    ck_assert_int_eq(gic_set_irq(g, 0, SPI, true), 0);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    ck_assert_int_eq(gic_set_irq(g, 0, SPI, false), 0);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    tu_set_bit(g, 0, VINTC_GICD_ICPENDR, SPI);
    ck_assert_int_eq(gic_set_irq(g, 0, SPI, false), 0);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    ck_assert_int_eq(gic_set_irq(g, 0, SPI, true), 0);
    tu_set_bit(g, 0, VINTC_GICD_ICPENDR, SPI);
    ck_assert_int_eq(gic_set_irq(g, 0, SPI, true), 0); /* still high: no edge */
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    gic_destroy(g);
}
END_TEST

/* Level: pending = latch OR line; ICPENDR clears only the latch. */
START_TEST(pending_level_latch_vs_line)
{
    struct gic *g = tu_gic(2, 96, NULL);
    ck_assert_int_eq(gic_set_irq(g, 0, SPI, true), 0);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI)); /* disabled, line high */
    tu_set_bit(g, 0, VINTC_GICD_ICPENDR, SPI);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI)); /* line still high */
    ck_assert_int_eq(gic_set_irq(g, 0, SPI, false), 0);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    /* Latch alone: survives the line going up and down. */
    tu_set_bit(g, 0, VINTC_GICD_ISPENDR, SPI);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    ck_assert_int_eq(gic_set_irq(g, 0, SPI, true), 0);
    ck_assert_int_eq(gic_set_irq(g, 0, SPI, false), 0);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    /* Latch and line: clearing the latch leaves the line's pending state. */
    ck_assert_int_eq(gic_set_irq(g, 0, SPI, true), 0);
    tu_set_bit(g, 0, VINTC_GICD_ICPENDR, SPI);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    ck_assert_int_eq(gic_set_irq(g, 0, SPI, false), 0);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    /* PPIs are level and banked. */
    ck_assert_int_eq(gic_set_irq(g, 1, PPI, true), 0);
    ck_assert(tu_bit(g, 1, VINTC_GICD_ISPENDR, PPI));
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, PPI));
    tu_set_bit(g, 1, VINTC_GICD_ICPENDR, PPI);
    ck_assert(tu_bit(g, 1, VINTC_GICD_ISPENDR, PPI));
    tu_set_bit(g, 0, VINTC_GICD_ISPENDR, PPI);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, PPI));
    ck_assert_int_eq(gic_set_irq(g, 1, PPI, false), 0);
    ck_assert(!tu_bit(g, 1, VINTC_GICD_ISPENDR, PPI));
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, PPI));
    gic_destroy(g);
}
END_TEST

/* Changing the trigger mode re-derives pending from latch and line. */
START_TEST(icfgr_switch_latch_vs_line)
{
    struct gic *g = tu_gic(1, 64, NULL);
    ck_assert_int_eq(gic_set_irq(g, 0, SPI, true), 0); /* level, line high */
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    tu_set_edge(g, SPI, true); /* no latch: not pending */
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    tu_set_edge(g, SPI, false);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    ck_assert_int_eq(gic_set_irq(g, 0, SPI, false), 0);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    gic_destroy(g);
}
END_TEST

/* ISPENDR0/ICPENDR0 SGI bits are write-ignored. */
START_TEST(sgi_pending_bits_wi)
{
    struct gic *g = tu_gic(2, 32, NULL);
    tu_wr(g, 0, VINTC_GICD_ISPENDR, 0x0000FFFFu);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ISPENDR), 0);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_SPENDSGIR), 0);
    tu_wr(g, 1, VINTC_GICD_SGIR,
          VINTC_GICD_SGIR_VALUE(0, 1, 6)); /* cpu 1 -> cpu 0, SGI 6 */
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ISPENDR), 1u << 6);
    tu_wr(g, 0, VINTC_GICD_ICPENDR, 0xFFFFFFFFu);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ISPENDR), 1u << 6);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_SPENDSGIR + 4), 0x02u << 16);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ISPENDR), 0);
    gic_destroy(g);
}
END_TEST

START_TEST(active_set_clear_banked)
{
    struct gic *g = tu_gic(2, 96, NULL);
    tu_wr(g, 1, VINTC_GICD_ISACTIVER, 0x80000004u); /* SGI 2, PPI 31 of cpu 1 */
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ISACTIVER), 0x80000004u);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ICACTIVER), 0x80000004u);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ISACTIVER), 0);
    tu_wr(g, 0, VINTC_GICD_ISACTIVER + 8, 0x3u); /* SPIs 64, 65: shared */
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ICACTIVER + 8), 0x3u);
    tu_wr(g, 1, VINTC_GICD_ICACTIVER + 8, 0x1u);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ISACTIVER + 8), 0x2u);
    tu_wr(g, 1, VINTC_GICD_ICACTIVER, 0x4u);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ISACTIVER), 0x80000000u);
    /* Active does not imply pending, and pending does not set active. */
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ISPENDR), 0);
    tu_set_bit(g, 0, VINTC_GICD_ISPENDR, 70);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISACTIVER, 70));
    gic_destroy(g);
}
END_TEST

START_TEST(group_rw_banked)
{
    struct gic *g = tu_gic(2, 64, NULL);
    tu_wr(g, 0, VINTC_GICD_IGROUPR, 0x12345678u);
    tu_wr(g, 1, VINTC_GICD_IGROUPR, 0x9ABCDEF0u);
    tu_wr(g, 1, VINTC_GICD_IGROUPR + 4, 0x0F0F0F0Fu);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_IGROUPR), 0x12345678u);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_IGROUPR), 0x9ABCDEF0u);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_IGROUPR + 4), 0x0F0F0F0Fu);
    tu_wr(g, 0, VINTC_GICD_IGROUPR + 4, 0xF0000000u);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_IGROUPR + 4), 0xF0000000u);
    gic_destroy(g);
}
END_TEST

START_TEST(icfgr_rules)
{
    struct gic *g = tu_gic(2, 64, NULL);
    /* Int_config[0] bits are RAZ/WI, Int_config[1] is the edge bit. */
    tu_wr(g, 0, VINTC_GICD_ICFGR + 8, 0x5555AAAAu);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_ICFGR + 8), 0x0000AAAAu);
    tu_wr(g, 1, VINTC_GICD_ICFGR + 12, 0xFFFFFFFFu);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ICFGR + 12), 0xAAAAAAAAu);
    tu_wr(g, 0, VINTC_GICD_ICFGR + 12, 0x00000008u);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ICFGR + 12), 0x00000008u);
    /* ICFGR0 and ICFGR1 are read-only, for every CPU. */
    for (unsigned cpu = 0; cpu < 2; cpu++) {
        tu_wr(g, cpu, VINTC_GICD_ICFGR, 0);
        tu_wr(g, cpu, VINTC_GICD_ICFGR + 4, 0xFFFFFFFFu);
        ck_assert_uint_eq(tu_rd(g, cpu, VINTC_GICD_ICFGR), 0xAAAAAAAAu);
        ck_assert_uint_eq(tu_rd(g, cpu, VINTC_GICD_ICFGR + 4), 0);
    }
    /* PPIs stay level: a line pulse leaves nothing pending. */
    ck_assert_int_eq(gic_set_irq(g, 0, 20, true), 0);
    ck_assert_int_eq(gic_set_irq(g, 0, 20, false), 0);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, 20));
    /* The edge bit decides what a pulse leaves behind. */
    ck_assert_int_eq(gic_set_irq(g, 0, 33, true), 0);
    ck_assert_int_eq(gic_set_irq(g, 0, 33, false), 0);
    ck_assert(
        tu_bit(g, 0, VINTC_GICD_ISPENDR, 33)); /* ICFGR2 bit 3: edge (0xAAAA) */
    ck_assert_int_eq(gic_set_irq(g, 0, 40, true), 0);
    ck_assert_int_eq(gic_set_irq(g, 0, 40, false), 0);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, 40)); /* level */
    gic_destroy(g);
}
END_TEST

/* IPRIORITYR keeps priority_bits upper bits of every byte (0 means 5). */
START_TEST(priority_bits_mask)
{
    unsigned bits = (unsigned)_i; /* 3 stands for "0 = default 5" */
    struct gic_config cfg = tu_config(2, 64);
    cfg.priority_bits = bits == 3 ? 0 : bits;
    unsigned eff = bits == 3 ? 5 : bits;
    uint8_t mask = (uint8_t)(0xFFu << (8 - eff));
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    for (unsigned v = 0; v < 256; v++) {
        unsigned id = v % 64, cpu = v % 2;
        tu_wrw(g, cpu, VINTC_GICD_IPRIORITYR + id, 1, v);
        ck_assert_uint_eq(tu_rdw(g, cpu, VINTC_GICD_IPRIORITYR + id, 1),
                          v & mask);
    }
    tu_wr(g, 1, VINTC_GICD_IPRIORITYR + 4, 0xFFFFFFFFu);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_IPRIORITYR + 4),
                      mask * 0x01010101u);
    tu_wr(g, 0, VINTC_GICD_IPRIORITYR + 40, 0x12345678u);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_IPRIORITYR + 40),
                      0x12345678u & (mask * 0x01010101u));
    gic_destroy(g);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_dist_state");
    TCase *tc = tcase_create("state");
    tcase_add_test(tc, enable_set_clear);
    tcase_add_test(tc, pending_set_clear_edge);
    tcase_add_test(tc, pending_level_latch_vs_line);
    tcase_add_test(tc, icfgr_switch_latch_vs_line);
    tcase_add_test(tc, sgi_pending_bits_wi);
    tcase_add_test(tc, active_set_clear_banked);
    tcase_add_test(tc, group_rw_banked);
    tcase_add_test(tc, icfgr_rules);
    tcase_add_loop_test(tc, priority_bits_mask, 3, 9);
    suite_add_tcase(s, tc);
    return s;
}
