/* SPDX-License-Identifier: MIT */
/* Where interrupts go with the LR backend (docs/design.md 3.2):
 * lowest-numbered target, empty mask, retargeting, active SPIs staying put,
 * GICD_CTLR group gating, gic_cpu_pending and kicks. */
#include "gic_test_util.h"
#include "test_util.h"

#define SPI 70u

/* 4 CPUs, 96 IDs, both groups enabled, SPI edge-triggered and enabled,
 * targeted at `mask`. */
static struct gic *setup(struct tu_kicks *k, uint8_t mask)
{
    struct gic *g = tu_gic(4, 96, k);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    tu_set_edge(g, SPI, true);
    tu_set_target(g, SPI, mask);
    tu_enable(g, 0, SPI);
    return g;
}

static void check_only(struct gic *g, unsigned id, int cpu)
{
    for (unsigned c = 0; c < 4; c++) {
        ck_assert_msg(gic_cpu_pending(g, c) == ((int)c == cpu),
                      "cpu_pending(%u)", c);
        ck_assert_msg(tu_routed_pending(g, c, id) == ((int)c == cpu),
                      "LR of cpu %u", c);
    }
}

START_TEST(lowest_target_wins)
{
    struct tu_kicks k;
    unsigned mask = (unsigned)_i; /* every non-empty mask of 4 CPUs */
    struct gic *g = setup(&k, (uint8_t)mask);
    tu_pulse(g, 0, SPI);
    unsigned want = (unsigned)__builtin_ctz(mask);
    check_only(g, SPI, (int)want);
    ck_assert_uint_eq(tu_kicks_of(&k, want), 1);
    ck_assert_uint_eq(tu_kicks_total(&k), 1);
    /* Taken once, by that vCPU only. */
    ck_assert_uint_eq(tu_consume(g, want, SPI, -1), 1);
    check_only(g, SPI, -1);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    gic_destroy(g);
}
END_TEST

START_TEST(empty_mask_delivers_nowhere)
{
    struct tu_kicks k;
    struct gic *g = setup(&k, 0);
    tu_pulse(g, 0, SPI);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    check_only(g, SPI, -1);
    ck_assert_uint_eq(tu_kicks_total(&k), 0);
    /* Targets beyond nr_cpus are masked: still nowhere. */
    tu_set_target(g, SPI, 0xF0);
    ck_assert_uint_eq(tu_rdw(g, 0, VINTC_GICD_ITARGETSR + SPI, 1), 0);
    check_only(g, SPI, -1);
    /* Giving it a target delivers it there and kicks that vCPU. */
    tu_set_target(g, SPI, 0x4);
    check_only(g, SPI, 2);
    ck_assert_uint_eq(tu_kicks_of(&k, 2), 1);
    ck_assert_uint_eq(tu_kicks_total(&k), 1);
    gic_destroy(g);
}
END_TEST

START_TEST(retarget_moves_pending)
{
    struct tu_kicks k;
    struct gic *g = setup(&k, 0x2);
    tu_pulse(g, 0, SPI);
    check_only(g, SPI, 1);
    tu_kicks_clear(&k);
    tu_set_target(g, SPI, 0xC);
    check_only(g, SPI, 2);
    ck_assert_uint_eq(tu_kicks_of(&k, 2), 1);
    ck_assert_uint_eq(tu_kicks_total(&k), 1);
    ck_assert_uint_eq(tu_consume(g, 1, SPI, -1), 0);
    ck_assert_uint_eq(tu_consume(g, 2, SPI, -1), 1);
    check_only(g, SPI, -1);
    gic_destroy(g);
}
END_TEST

/* Retargeting while the SPI sits pending in vCPU 1's LRs: it is neither
 * lost nor taken twice, and ends up with the new target after the sync. */
START_TEST(retarget_while_in_lrs)
{
    struct tu_kicks k;
    struct gic *g = setup(&k, 0x2);
    tu_pulse(g, 0, SPI);
    struct gic_vif vif;
    tu_vif_reset(&vif);
    int n = gic_lr_flush(g, 1, &vif);
    ck_assert_int_eq(n, 1);
    tu_kicks_clear(&k);
    tu_set_target(g, SPI, 0x8);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    ck_assert_uint_eq(tu_kicks_of(&k, 1), 1);     /* must exit to give it up */
    ck_assert_int_eq(gic_lr_sync(g, 1, &vif), 1); /* guest did not take it */
    ck_assert_uint_eq(tu_kicks_of(&k, 3), 1);
    check_only(g, SPI, 3);
    ck_assert_uint_eq(tu_consume(g, 3, SPI, -1), 1);
    check_only(g, SPI, -1);
    gic_destroy(g);
}
END_TEST

START_TEST(active_spi_stays)
{
    struct tu_kicks k;
    struct gic *g = setup(&k, 0x1);
    tu_pulse(g, 0, SPI);
    struct gic_vif vif;
    tu_vif_reset(&vif);
    ck_assert_int_eq(gic_lr_flush(g, 0, &vif), 1);
    /* The guest acknowledges: pending -> active. */
    vif.lr[0] = (vif.lr[0] & ~VINTC_GICH_LR_STATE_MASK) |
                VINTC_GICH_LR_STATE_ACTIVE;
    ck_assert_int_eq(gic_lr_sync(g, 0, &vif), 1);
    ck_assert(tu_bit(g, 2, VINTC_GICD_ISACTIVER, SPI));
    tu_set_target(g, SPI, 0x2);
    tu_pulse(g, 0, SPI); /* pending again while active */
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI));
    ck_assert(!gic_cpu_pending(g, 1));
    ck_assert(!tu_routed_pending(g, 1, SPI));
    /* vCPU 0 still holds it: its LR shows it active (pending too). */
    tu_vif_reset(&vif);
    int n = gic_lr_flush(g, 0, &vif);
    int i = tu_lr_find(&vif, n, SPI);
    ck_assert_int_ge(i, 0);
    ck_assert(vif.lr[i] & VINTC_GICH_LR_STATE_ACTIVE);
    /* Deactivation: the pending state now goes to the new target. */
    tu_kicks_clear(&k);
    ck_assert(vif.lr[i] &
              VINTC_GICH_LR_STATE_PENDING);   /* edge: active+pending */
    vif.lr[i] &= ~VINTC_GICH_LR_STATE_ACTIVE; /* guest deactivates */
    ck_assert_int_eq(gic_lr_sync(g, 0, &vif), n);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISACTIVER, SPI));
    ck_assert_uint_eq(tu_kicks_of(&k, 1), 1);
    check_only(g, SPI, 1);
    gic_destroy(g);
}
END_TEST

/* An SPI made active by GICD_ISACTIVER stays with its target even when
 * retargeted; ICACTIVER releases it. */
START_TEST(active_by_register_stays)
{
    struct tu_kicks k;
    struct gic *g = setup(&k, 0x4);
    tu_set_bit(g, 0, VINTC_GICD_ISACTIVER, SPI);
    tu_pulse(g, 0, SPI);
    tu_set_target(g, SPI, 0x1);
    check_only(g, SPI, -1); /* active + pending is not takeable */
    struct gic_vif vif;
    tu_vif_reset(&vif);
    int n = gic_lr_flush(g, 2, &vif);
    ck_assert_int_ge(tu_lr_find(&vif, n, SPI), 0);
    ck_assert_int_eq(gic_lr_sync(g, 2, &vif), n);
    tu_vif_reset(&vif);
    ck_assert_int_eq(gic_lr_flush(g, 0, &vif), 0);
    ck_assert_int_eq(gic_lr_sync(g, 0, &vif), 0);
    tu_kicks_clear(&k);
    tu_set_bit(g, 0, VINTC_GICD_ICACTIVER, SPI);
    check_only(g, SPI, 0);
    ck_assert_uint_eq(tu_kicks_of(&k, 0), 1);
    gic_destroy(g);
}
END_TEST

/* GICD_CTLR.EnableGrp0 gates Group 0, EnableGrp1 gates Group 1. */
START_TEST(group_enables_gate)
{
    struct tu_kicks k;
    struct gic *g = setup(&k, 0x2);
    tu_set_edge(g, SPI + 1, true);
    tu_set_target(g, SPI + 1, 0x4);
    tu_enable(g, 0, SPI + 1);
    tu_set_bit(g, 0, VINTC_GICD_IGROUPR, SPI + 1); /* SPI+1 is Group 1 */
    tu_wr(g, 0, VINTC_GICD_CTLR, 0);
    tu_pulse(g, 0, SPI);
    tu_pulse(g, 0, SPI + 1);
    ck_assert_uint_eq(tu_kicks_total(&k), 0);
    ck_assert(!gic_cpu_pending(g, 1) && !gic_cpu_pending(g, 2));
    ck_assert(!tu_routed_pending(g, 1, SPI) &&
              !tu_routed_pending(g, 2, SPI + 1));

    tu_wr(g, 0, VINTC_GICD_CTLR, 2); /* Group 1 only */
    ck_assert(!gic_cpu_pending(g, 1));
    ck_assert(gic_cpu_pending(g, 2));
    ck_assert(tu_routed_pending(g, 2, SPI + 1));
    ck_assert(!tu_routed_pending(g, 1, SPI));
    ck_assert_uint_eq(tu_kicks_of(&k, 2), 1);
    ck_assert_uint_eq(tu_kicks_of(&k, 1), 0);

    tu_kicks_clear(&k);
    tu_wr(g, 0, VINTC_GICD_CTLR, 1); /* Group 0 only */
    ck_assert(gic_cpu_pending(g, 1));
    ck_assert(!gic_cpu_pending(g, 2));
    ck_assert(tu_routed_pending(g, 1, SPI));
    ck_assert(!tu_routed_pending(g, 2, SPI + 1));
    ck_assert_uint_eq(tu_kicks_of(&k, 1), 1);
    ck_assert_uint_eq(tu_kicks_of(&k, 2), 0);

    /* Moving an interrupt between groups re-gates it. */
    tu_kicks_clear(&k);
    tu_wr(g, 0, VINTC_GICD_IGROUPR + 8, 0); /* SPI+1 -> Group 0 */
    ck_assert(gic_cpu_pending(g, 2));
    ck_assert_uint_eq(tu_kicks_of(&k, 2), 1);
    tu_wr(g, 0, VINTC_GICD_CTLR, 0);
    ck_assert(!gic_cpu_pending(g, 1) && !gic_cpu_pending(g, 2));
    /* Still pending in the distributor. */
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI) &&
              tu_bit(g, 0, VINTC_GICD_ISPENDR, SPI + 1));
    gic_destroy(g);
}
END_TEST

START_TEST(cpu_pending_rules)
{
    struct tu_kicks k;
    struct gic *g = setup(&k, 0x1);
    ck_assert(!gic_cpu_pending(g, 4));
    ck_assert(!gic_cpu_pending(g, ~0u));
    ck_assert(!gic_cpu_pending(g, 0));
    tu_set_bit(g, 0, VINTC_GICD_ICENABLER, SPI);
    tu_pulse(g, 0, SPI);
    ck_assert(!gic_cpu_pending(g, 0)); /* disabled */
    tu_enable(g, 0, SPI);
    ck_assert(gic_cpu_pending(g, 0));
    /* PPIs and SGIs count for their own vCPU only. */
    ck_assert(!gic_cpu_pending(g, 3));
    tu_enable(g, 3, 20);
    ck_assert_int_eq(gic_set_irq(g, 3, 20, true), 0);
    ck_assert(gic_cpu_pending(g, 3));
    ck_assert(!gic_cpu_pending(g, 2));
    tu_wr(g, 3, VINTC_GICD_SGIR, VINTC_GICD_SGIR_VALUE(0, 0x2, 1));
    ck_assert(gic_cpu_pending(g, 1));
    ck_assert(!gic_cpu_pending(g, 2));
    gic_destroy(g);
}
END_TEST

/* Kicks: whenever an interrupt becomes deliverable, also when it was
 * already queued; never for merely disabling. */
START_TEST(kicks)
{
    struct tu_kicks k;
    struct gic *g = setup(&k, 0x2);
    tu_pulse(g, 0, SPI);
    ck_assert_uint_eq(tu_kicks_of(&k, 1), 1);
    tu_pulse(g, 0, SPI); /* second edge while pending */
    ck_assert_uint_eq(tu_kicks_of(&k, 1), 2);
    ck_assert_int_eq(gic_set_irq(g, 0, SPI, false), 0); /* falling: nothing */
    ck_assert_uint_eq(tu_kicks_of(&k, 1), 2);
    tu_set_bit(g, 0, VINTC_GICD_ICENABLER, SPI);
    ck_assert_uint_eq(tu_kicks_total(&k), 2);
    tu_enable(g, 0, SPI); /* deliverable again */
    ck_assert_uint_eq(tu_kicks_of(&k, 1), 3);
    tu_set_bit(g, 0, VINTC_GICD_ICPENDR, SPI); /* clearing: no kick */
    ck_assert_uint_eq(tu_kicks_of(&k, 1), 3);
    ck_assert(!gic_cpu_pending(g, 1));
    tu_set_bit(g, 0, VINTC_GICD_ISPENDR, SPI); /* pending again */
    ck_assert_uint_eq(tu_kicks_of(&k, 1), 4);

    /* Level SPI 71 on cpu 3: every assertion kicks, even when queued. */
    tu_set_target(g, SPI + 1, 0x8);
    tu_enable(g, 0, SPI + 1);
    ck_assert_int_eq(gic_set_irq(g, 0, SPI + 1, true), 0);
    ck_assert_uint_eq(tu_kicks_of(&k, 3), 1);
    ck_assert_int_eq(gic_set_irq(g, 0, SPI + 1, true), 0);
    ck_assert_uint_eq(tu_kicks_of(&k, 3), 2);
    ck_assert_int_eq(gic_set_irq(g, 0, SPI + 1, false), 0);
    ck_assert_uint_eq(tu_kicks_of(&k, 3), 2);

    /* Disabled or not routed: no kick; PPIs kick their own vCPU. */
    tu_kicks_clear(&k);
    ck_assert_int_eq(gic_set_irq(g, 2, 25, true), 0); /* PPI 25 disabled */
    ck_assert_uint_eq(tu_kicks_total(&k), 0);
    tu_enable(g, 2, 25);
    ck_assert_uint_eq(tu_kicks_of(&k, 2), 1);
    ck_assert_uint_eq(tu_kicks_total(&k), 1);
    ck_assert_int_eq(gic_set_irq(g, 2, 25, true), 0);
    ck_assert_uint_eq(tu_kicks_of(&k, 2), 2);
    tu_set_bit(g, 2, VINTC_GICD_ICENABLER, 25);
    ck_assert_uint_eq(tu_kicks_total(&k), 2);

    /* Kicks are counted in the target's statistics. */
    struct gic_stats st;
    ck_assert_int_eq(gic_get_stats(g, 1, &st), 0);
    ck_assert_uint_eq(st.kicks, 4);
    ck_assert_int_eq(gic_get_stats(g, 3, &st), 0);
    ck_assert_uint_eq(st.kicks, 2);
    gic_destroy(g);
}
END_TEST

/* The kick callback runs without library locks: it may call back in. */
struct reentry {
    struct gic *g;
    unsigned calls;
    bool pending_seen;
};

static void reentrant_kick(void *opaque, unsigned cpu)
{
    struct reentry *r = opaque;
    r->calls++;
    r->pending_seen = gic_cpu_pending(r->g, cpu);
    uint32_t v;
    ck_assert_int_eq(
        gic_dist_mmio_read(r->g, cpu, VINTC_GICD_ISPENDR + 8, 4, &v), 0);
    struct gic_vif vif;
    tu_vif_reset(&vif);
    int n = gic_lr_flush(r->g, cpu, &vif);
    ck_assert_int_ge(n, 1);
    ck_assert_int_eq(gic_lr_sync(r->g, cpu, &vif), n);
}

START_TEST(kick_may_reenter)
{
    struct reentry r = { NULL, 0, false };
    struct gic_config cfg = tu_config(2, 96);
    struct vintc_host_ops ops = { 0 };
    ops.kick = reentrant_kick;
    ck_assert_int_eq(gic_create(&cfg, &ops, &r, &r.g), 0);
    tu_wr(r.g, 0, VINTC_GICD_CTLR, 1);
    tu_set_target(r.g, SPI, 0x2);
    tu_enable(r.g, 0, SPI);
    ck_assert_int_eq(gic_set_irq(r.g, 0, SPI, true), 0);
    ck_assert_uint_eq(r.calls, 1);
    ck_assert(r.pending_seen);
    gic_destroy(r.g);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_routing");
    TCase *tc = tcase_create("routing");
    tcase_add_loop_test(tc, lowest_target_wins, 1, 16);
    tcase_add_test(tc, empty_mask_delivers_nowhere);
    tcase_add_test(tc, retarget_moves_pending);
    tcase_add_test(tc, retarget_while_in_lrs);
    tcase_add_test(tc, active_spi_stays);
    tcase_add_test(tc, active_by_register_stays);
    tcase_add_test(tc, group_enables_gate);
    tcase_add_test(tc, cpu_pending_rules);
    tcase_add_test(tc, kicks);
    tcase_add_test(tc, kick_may_reenter);
    suite_add_tcase(s, tc);
    return s;
}
