/* SPDX-License-Identifier: MIT */
/* Every distributor write by which an interrupt becomes deliverable to a
 * vCPU kicks that vCPU, exactly once per write: GICD_CTLR, ISENABLER,
 * ITARGETSR, IGROUPR, IPRIORITYR, ICFGR, ISPENDR, ICACTIVER, SPENDSGIR; and
 * CPENDSGIR withdrawing a source held in an LR kicks the LR's vCPU. A vCPU
 * halted in WFI wakes only on a kick, so a missing one is a lost interrupt
 * (the kick contract of gic_set_irq(); KVM kicks in vgic_queue_irq_unlock()
 * for each of these paths). Each test checks the kick count of the write
 * alone, so it fails if that write's kick is removed. */
#include "gic_test_util.h"
#include "test_util.h"

#define SPI 46u

/* 2 CPUs, 64 IDs, both groups forwarded; SPI edge-triggered, priority 0x40,
 * targeted at CPU 1. */
static struct gic *setup(struct tu_kicks *k)
{
    struct gic *g = tu_gic(2, 64, k);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    tu_set_edge(g, SPI, true);
    tu_wrw(g, 0, VINTC_GICD_IPRIORITYR + SPI, 1, 0x40);
    tu_set_target(g, SPI, 0x2);
    return g;
}

/* The write about to be checked starts from zero kicks, and vCPU 1 has
 * nothing to take yet. */
static void before_write(struct gic *g, struct tu_kicks *k)
{
    ck_assert(!gic_cpu_pending(g, 1));
    tu_kicks_clear(k);
}

static void kicked_once(struct gic *g, struct tu_kicks *k, unsigned cpu)
{
    ck_assert_uint_eq(tu_kicks_of(k, cpu), 1);
    ck_assert_uint_eq(tu_kicks_total(k), 1);
    ck_assert(gic_cpu_pending(g, cpu));
    gic_destroy(g);
}

START_TEST(ctlr_enable_kicks)
{
    struct tu_kicks k;
    struct gic *g = setup(&k);
    tu_enable(g, 0, SPI);
    tu_wr(g, 0, VINTC_GICD_CTLR, 0);
    tu_pulse(g, 0, SPI);
    before_write(g, &k);
    tu_wr(g, 0, VINTC_GICD_CTLR, 1); /* Group 0 forwarded again */
    kicked_once(g, &k, 1);
}
END_TEST

START_TEST(isenabler_kicks)
{
    struct tu_kicks k;
    struct gic *g = setup(&k);
    tu_pulse(g, 0, SPI);
    before_write(g, &k);
    tu_enable(g, 0, SPI);
    kicked_once(g, &k, 1);
}
END_TEST

START_TEST(itargetsr_kicks_the_new_target)
{
    struct tu_kicks k;
    struct gic *g = setup(&k);
    tu_enable(g, 0, SPI);
    tu_set_target(g, SPI, 0);
    tu_pulse(g, 0, SPI); /* pending, routed nowhere */
    before_write(g, &k);
    tu_set_target(g, SPI, 0x2);
    kicked_once(g, &k, 1);
}
END_TEST

START_TEST(igroupr_kicks)
{
    struct tu_kicks k;
    struct gic *g = setup(&k);
    tu_wr(g, 0, VINTC_GICD_CTLR, 2); /* only Group 1 forwarded */
    tu_enable(g, 0, SPI);
    tu_pulse(g, 0, SPI);
    before_write(g, &k);
    tu_set_bit(g, 0, VINTC_GICD_IGROUPR, SPI); /* now Group 1 */
    kicked_once(g, &k, 1);
}
END_TEST

/* The repro: vCPU 1 synced with PMR 0x80, SPI pending at 0xA0
 * (masked); raising its priority to 0x40 makes it deliverable. */
START_TEST(ipriorityr_kicks)
{
    struct tu_kicks k;
    struct gic *g = setup(&k);
    struct gic_vif vif;
    tu_vif_reset(&vif);
    vif.vmcr = (vif.vmcr & ~(0x1Fu << VINTC_GICH_VMCR_PRIMASK_SHIFT)) |
               (0x80u >> 3) << VINTC_GICH_VMCR_PRIMASK_SHIFT;
    ck_assert_int_eq(gic_lr_sync(g, 1, &vif), 0);
    tu_wrw(g, 0, VINTC_GICD_IPRIORITYR + SPI, 1, 0xA0);
    tu_enable(g, 0, SPI);
    tu_pulse(g, 0, SPI);
    before_write(g, &k);
    tu_wrw(g, 0, VINTC_GICD_IPRIORITYR + SPI, 1, 0x40);
    kicked_once(g, &k, 1);
}
END_TEST

/* Edge with the line held high and the latch cleared is not pending; as a
 * level interrupt the line makes it pending (IHI 0048B 4.3.13, ICFGR). */
START_TEST(icfgr_kicks)
{
    struct tu_kicks k;
    struct gic *g = setup(&k);
    tu_enable(g, 0, SPI);
    ck_assert_int_eq(gic_set_irq(g, 0, SPI, true), 0);
    tu_set_bit(g, 0, VINTC_GICD_ICPENDR, SPI);
    before_write(g, &k);
    tu_set_edge(g, SPI, false);
    kicked_once(g, &k, 1);
}
END_TEST

START_TEST(ispendr_kicks)
{
    struct tu_kicks k;
    struct gic *g = setup(&k);
    tu_enable(g, 0, SPI);
    before_write(g, &k);
    tu_set_bit(g, 0, VINTC_GICD_ISPENDR, SPI);
    kicked_once(g, &k, 1);
}
END_TEST

/* Active and pending cannot be taken; clearing the active state makes the
 * pending half deliverable. */
START_TEST(icactiver_kicks)
{
    struct tu_kicks k;
    struct gic *g = setup(&k);
    tu_enable(g, 0, SPI);
    tu_set_bit(g, 0, VINTC_GICD_ISACTIVER, SPI);
    tu_pulse(g, 0, SPI);
    before_write(g, &k);
    tu_set_bit(g, 0, VINTC_GICD_ICACTIVER, SPI);
    kicked_once(g, &k, 1);
}
END_TEST

START_TEST(spendsgir_kicks)
{
    struct tu_kicks k;
    struct gic *g = setup(&k);
    before_write(g, &k);
    tu_wrw(g, 1, VINTC_GICD_SPENDSGIR + 3, 1, 0x1); /* SGI 3 from CPU 0 */
    kicked_once(g, &k, 1);
}
END_TEST

/* CPENDSGIR of the source an LR holds pending: the LR copy is stale, so its
 * vCPU must exit and sync (the next flush no longer offers it). */
START_TEST(cpendsgir_kicks_the_lr_holder)
{
    struct tu_kicks k;
    struct gic *g = setup(&k);
    tu_wr(g, 0, VINTC_GICD_SGIR, 2u << 16 | 5); /* SGI 5 from CPU 0 to CPU 1 */
    struct gic_vif vif;
    tu_vif_reset(&vif);
    ck_assert_int_eq(gic_lr_flush(g, 1, &vif), 1);
    tu_kicks_clear(&k);
    tu_wrw(g, 1, VINTC_GICD_CPENDSGIR + 5, 1, 0x1);
    ck_assert_uint_eq(tu_kicks_of(&k, 1), 1);
    ck_assert_uint_eq(tu_kicks_total(&k), 1);
    ck_assert_int_eq(gic_lr_sync(g, 1, &vif), 1);
    ck_assert(!gic_cpu_pending(g, 1));
    gic_destroy(g);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_kicks");
    TCase *tc = tcase_create("kicks");
    tcase_add_test(tc, ctlr_enable_kicks);
    tcase_add_test(tc, isenabler_kicks);
    tcase_add_test(tc, itargetsr_kicks_the_new_target);
    tcase_add_test(tc, igroupr_kicks);
    tcase_add_test(tc, ipriorityr_kicks);
    tcase_add_test(tc, icfgr_kicks);
    tcase_add_test(tc, ispendr_kicks);
    tcase_add_test(tc, icactiver_kicks);
    tcase_add_test(tc, spendsgir_kicks);
    tcase_add_test(tc, cpendsgir_kicks_the_lr_holder);
    suite_add_tcase(s, tc);
    return s;
}
