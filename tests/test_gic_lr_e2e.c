/* SPDX-License-Identifier: MIT */
/* End to end: device -> distributor -> gic_lr_flush -> the software GICV
 * (IAR/EOIR/DIR as the guest performs them) -> gic_lr_sync -> distributor. */
#include "lr_harness.h"
#include "test_util.h"
#include "vif_test_util.h"

#define NR_LRS 4

/* A guest that enabled its virtual CPU interface with PMR 0xF0. */
static void guest_enable(struct lr_harness *h, unsigned cpu, uint32_t ctlr)
{
    vif_wr(&h->vif[cpu], NR_LRS, VINTC_GICV_CTLR, ctlr);
    vif_wr(&h->vif[cpu], NR_LRS, VINTC_GICV_PMR, 0xF0);
}

static void setup(struct lr_harness *h, unsigned cpus)
{
    lrh_init(h, cpus, 128, NR_LRS);
    for (unsigned c = 0; c < cpus; c++)
        guest_enable(h, c, 0x3);
}

START_TEST(edge_spi_ack_eoi)
{
    struct lr_harness h;
    setup(&h, 1);
    lrh_setup_irq(&h, 0, 70, 0x80, 1, false, true);
    gic_set_irq(h.gic, 0, 70, true);
    lrh_flush(&h, 0);
    ck_assert(gic_vif_irq_line(&h.vif[0], NR_LRS));
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_HPPIR), 70);
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_IAR), 70);
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_RPR), 0x80);
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_IAR),
                      VINTC_GIC_SPURIOUS_ID);
    vif_wr(&h.vif[0], NR_LRS, VINTC_GICV_EOIR, 70);
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_RPR), 0xFF);
    lrh_sync(&h, 0);
    ck_assert(!lrh_pending(&h, 0, 70));
    ck_assert(!lrh_active(&h, 0, 70));
    ck_assert_int_eq(lrh_flush(&h, 0), 0);
    lrh_fini(&h);
}
END_TEST

START_TEST(level_spi_eoi_notifies_and_resamples)
{
    struct lr_harness h;
    setup(&h, 2);
    lrh_setup_irq(&h, 0, 80, 0x40, 2, false, false);
    gic_set_irq(h.gic, 0, 80, true);
    lrh_flush(&h, 1);
    ck_assert_uint_eq(vif_rd(&h.vif[1], NR_LRS, VINTC_GICV_IAR), 80);
    vif_wr(&h.vif[1], NR_LRS, VINTC_GICV_EOIR, 80); /* line still high */
    ck_assert(gic_vif_maintenance(&h.vif[1], NR_LRS));
    lrh_sync(&h, 1);
    ck_assert_uint_eq(h.eois, 1);
    ck_assert_uint_eq(h.eoi_irq[0], 80);
    lrh_flush(&h, 1); /* re-sampled: pending again */
    ck_assert_uint_eq(vif_rd(&h.vif[1], NR_LRS, VINTC_GICV_IAR), 80);
    gic_set_irq(h.gic, 0, 80, false);
    vif_wr(&h.vif[1], NR_LRS, VINTC_GICV_EOIR, 80);
    lrh_sync(&h, 1);
    ck_assert_uint_eq(h.eois, 2);
    ck_assert_int_eq(lrh_flush(&h, 1), 0);
    lrh_fini(&h);
}
END_TEST

START_TEST(ppi_per_vcpu)
{
    struct lr_harness h;
    setup(&h, 2);
    for (unsigned c = 0; c < 2; c++)
        lrh_setup_irq(&h, c, 27, 0x20, 0, false, false);
    gic_set_irq(h.gic, 1, 27, true);
    ck_assert_int_eq(lrh_flush(&h, 0), 0);
    lrh_flush(&h, 1);
    ck_assert_uint_eq(vif_rd(&h.vif[1], NR_LRS, VINTC_GICV_IAR), 27);
    gic_set_irq(h.gic, 1, 27, false);
    vif_wr(&h.vif[1], NR_LRS, VINTC_GICV_EOIR, 27);
    lrh_sync(&h, 1);
    ck_assert_uint_eq(h.eoi_cpu[0], 1);
    lrh_fini(&h);
}
END_TEST

START_TEST(sgi_two_sources_in_order)
{
    struct lr_harness h;
    setup(&h, 3);
    lrh_write(&h, 2, 0xF00, (1u << 16) | 7);
    lrh_write(&h, 1, 0xF00, (1u << 16) | 7);
    unsigned got[2];
    for (unsigned i = 0; i < 2; i++) {
        lrh_flush(&h, 0);
        got[i] = vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_IAR);
        ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_IAR),
                          VINTC_GIC_SPURIOUS_ID);
        vif_wr(&h.vif[0], NR_LRS, VINTC_GICV_EOIR, got[i]);
        lrh_sync(&h, 0);
    }
    ck_assert_uint_eq(got[0], 7 | 1u << 10);
    ck_assert_uint_eq(got[1], 7 | 2u << 10);
    ck_assert_int_eq(lrh_flush(&h, 0), 0);
    lrh_fini(&h);
}
END_TEST

START_TEST(priorities_and_preemption)
{
    struct lr_harness h;
    setup(&h, 1);
    lrh_setup_irq(&h, 0, 40, 0xA0, 1, false, true);
    lrh_setup_irq(&h, 0, 41, 0x40, 1, false, true);
    lrh_setup_irq(&h, 0, 42, 0xA8, 1, false, true);
    gic_set_irq(h.gic, 0, 40, true);
    lrh_flush(&h, 0);
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_IAR), 40);
    lrh_sync(&h, 0);
    /* Higher priority preempts; same group priority (0xA8 with BPR 2 is
     * group 0xA8, still not above running 0xA0) does not. */
    gic_set_irq(h.gic, 0, 41, true);
    gic_set_irq(h.gic, 0, 42, true);
    lrh_flush(&h, 0);
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_IAR), 41);
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_IAR),
                      VINTC_GIC_SPURIOUS_ID);
    vif_wr(&h.vif[0], NR_LRS, VINTC_GICV_EOIR, 41);
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_IAR),
                      VINTC_GIC_SPURIOUS_ID);
    vif_wr(&h.vif[0], NR_LRS, VINTC_GICV_EOIR, 40);
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_IAR), 42);
    vif_wr(&h.vif[0], NR_LRS, VINTC_GICV_EOIR, 42);
    lrh_sync(&h, 0);
    for (unsigned id = 40; id <= 42; id++)
        ck_assert(!lrh_active(&h, 0, id) && !lrh_pending(&h, 0, id));
    lrh_fini(&h);
}
END_TEST

START_TEST(more_pending_than_lrs_all_delivered)
{
    struct lr_harness h;
    setup(&h, 1);
    for (unsigned i = 0; i < 10; i++) {
        lrh_setup_irq(&h, 0, 32 + i, (uint8_t)(0x08 * i), 1, false, true);
        gic_set_irq(h.gic, 0, 32 + i, true);
    }
    unsigned next = 32, exits = 0;
    while (lrh_flush(&h, 0) > 0 && exits++ < 20) {
        uint32_t iar;
        while ((iar = vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_IAR)) !=
               VINTC_GIC_SPURIOUS_ID) {
            ck_assert_uint_eq(iar, next++); /* strict priority order */
            vif_wr(&h.vif[0], NR_LRS, VINTC_GICV_EOIR, iar);
        }
        ck_assert(gic_vif_maintenance(&h.vif[0], NR_LRS) || next == 42);
        lrh_sync(&h, 0);
    }
    ck_assert_uint_eq(next, 42);
    lrh_fini(&h);
}
END_TEST

START_TEST(more_active_than_lrs_through_eoicount)
{
    struct lr_harness h;
    setup(&h, 1);
    /* Six nested activations, each higher in priority than the last. */
    for (unsigned i = 0; i < 6; i++) {
        unsigned id = 50 + i;
        lrh_setup_irq(&h, 0, id, (uint8_t)(0xC0 - 0x10 * i), 1, false,
                      i % 2 == 0);
        gic_set_irq(h.gic, 0, id, true);
        lrh_flush(&h, 0);
        ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_IAR), id);
        if (i % 2 == 0)
            gic_set_irq(h.gic, 0, id, false);
        lrh_sync(&h, 0);
    }
    /* The guest unwinds: EOIs in reverse order, two of them outside the LRs. */
    lrh_flush(&h, 0);
    ck_assert_uint_eq(h.vif[0].hcr & VINTC_GICH_HCR_LRENPIE,
                      VINTC_GICH_HCR_LRENPIE);
    for (unsigned i = 6; i-- > 0;) {
        gic_set_irq(h.gic, 0, 50 + i, false);
        vif_wr(&h.vif[0], NR_LRS, VINTC_GICV_EOIR, 50 + i);
    }
    ck_assert_uint_eq((h.vif[0].hcr & VINTC_GICH_HCR_EOICOUNT_MASK) >>
                          VINTC_GICH_HCR_EOICOUNT_SHIFT,
                      2);
    lrh_sync(&h, 0);
    for (unsigned i = 0; i < 6; i++)
        ck_assert(!lrh_active(&h, 0, 50 + i));
    ck_assert_uint_eq(h.eois, 3); /* the level ones: 51, 53, 55 */
    ck_assert_int_eq(lrh_flush(&h, 0), 0);
    lrh_fini(&h);
}
END_TEST

START_TEST(eoimode1_split_drop_and_deactivate)
{
    struct lr_harness h;
    lrh_init(&h, 1, 128, NR_LRS);
    guest_enable(&h, 0, 0x3 | 1u << 9);
    lrh_setup_irq(&h, 0, 60, 0x50, 1, false, false);
    gic_set_irq(h.gic, 0, 60, true);
    lrh_flush(&h, 0);
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_IAR), 60);
    vif_wr(&h.vif[0], NR_LRS, VINTC_GICV_EOIR, 60); /* priority drop only */
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_RPR), 0xFF);
    lrh_sync(&h, 0);
    ck_assert(lrh_active(&h, 0, 60));
    ck_assert_uint_eq(h.eois, 0);
    lrh_flush(&h, 0);
    gic_set_irq(h.gic, 0, 60, false);
    vif_wr(&h.vif[0], NR_LRS, VINTC_GICV_DIR, 60);
    lrh_sync(&h, 0);
    ck_assert(!lrh_active(&h, 0, 60));
    ck_assert_uint_eq(h.eois, 1);
    lrh_fini(&h);
}
END_TEST

START_TEST(groups_ackctl_and_aliases)
{
    struct lr_harness h;
    setup(&h, 1); /* AckCtl = 0 */
    lrh_setup_irq(&h, 0, 90, 0x30, 1, true, true);
    lrh_setup_irq(&h, 0, 91, 0x60, 1, false, true);
    gic_set_irq(h.gic, 0, 90, true);
    gic_set_irq(h.gic, 0, 91, true);
    lrh_flush(&h, 0);
    ck_assert(h.vif[0].lr[0] & VINTC_GICH_LR_GRP1);
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_IAR),
                      VINTC_GIC_GROUP1_HIDDEN_ID);
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_AIAR), 90);
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_IAR),
                      VINTC_GIC_SPURIOUS_ID); /* 0x60 !< 0x30 */
    vif_wr(&h.vif[0], NR_LRS, VINTC_GICV_AEOIR, 90);
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_IAR), 91);
    vif_wr(&h.vif[0], NR_LRS, VINTC_GICV_EOIR, 91);
    lrh_sync(&h, 0);
    /* GICD_CTLR EnableGrp1 off: Group 1 is no longer forwarded. */
    lrh_write(&h, 0, 0x000, 1);
    gic_set_irq(h.gic, 0, 90, false);
    gic_set_irq(h.gic, 0, 90, true);
    ck_assert_int_eq(lrh_flush(&h, 0), 0);
    lrh_write(&h, 0, 0x000, 3);
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    lrh_fini(&h);
}
END_TEST

START_TEST(hw_mapped_deactivation_needs_no_maintenance)
{
    struct lr_harness h;
    setup(&h, 1);
    lrh_setup_irq(&h, 0, 27, 0x20, 0, false, false);
    gic_map_hw_irq(h.gic, 0, 27, 27);
    gic_set_irq(h.gic, 0, 27, true);
    lrh_flush(&h, 0);
    ck_assert_uint_eq(vif_rd(&h.vif[0], NR_LRS, VINTC_GICV_IAR), 27);
    gic_set_irq(h.gic, 0, 27, false);
    vif_wr(&h.vif[0], NR_LRS, VINTC_GICV_EOIR, 27);
    ck_assert(!gic_vif_maintenance(&h.vif[0], NR_LRS));
    lrh_sync(&h, 0);
    ck_assert(!lrh_active(&h, 0, 27));
    ck_assert_uint_eq(h.eois, 0);
    lrh_fini(&h);
}
END_TEST

START_TEST(kick_reaches_the_target_vcpu)
{
    struct lr_harness h;
    setup(&h, 4);
    lrh_setup_irq(&h, 0, 100, 0x10, 0x0C, false, true); /* vCPUs 2 and 3 */
    gic_set_irq(h.gic, 0, 100, true);
    ck_assert_uint_eq(h.kicks[2], 1);
    ck_assert_uint_eq(h.kicks[3], 0);
    ck_assert(gic_cpu_pending(h.gic, 2));
    ck_assert(!gic_cpu_pending(h.gic, 3));
    lrh_fini(&h);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_lr_e2e");
    TCase *tc = tcase_create("device_to_guest");
    tcase_add_test(tc, edge_spi_ack_eoi);
    tcase_add_test(tc, level_spi_eoi_notifies_and_resamples);
    tcase_add_test(tc, ppi_per_vcpu);
    tcase_add_test(tc, sgi_two_sources_in_order);
    tcase_add_test(tc, priorities_and_preemption);
    tcase_add_test(tc, more_pending_than_lrs_all_delivered);
    tcase_add_test(tc, more_active_than_lrs_through_eoicount);
    tcase_add_test(tc, eoimode1_split_drop_and_deactivate);
    tcase_add_test(tc, groups_ackctl_and_aliases);
    tcase_add_test(tc, hw_mapped_deactivation_needs_no_maintenance);
    tcase_add_test(tc, kick_reaches_the_target_vcpu);
    suite_add_tcase(s, tc);
    return s;
}
