/* SPDX-License-Identifier: MIT */
/* LR backend: gic_lr_flush / gic_lr_sync against the architected GICH_LR
 * layout. The guest is played by editing LR state bits the way hardware
 * does on acknowledge and deactivation. */
#include <errno.h>

#include "lr_harness.h"
#include "test_util.h"

START_TEST(empty_flush_enables_and_clears)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 4);
    struct gic_vif *v = &h.vif[0];
    v->hcr = VINTC_GICH_HCR_UIE | VINTC_GICH_HCR_NPIE | VINTC_GICH_HCR_LRENPIE |
             VINTC_GICH_HCR_VGRP1EIE;
    for (unsigned i = 0; i < VINTC_GIC_MAX_LRS; i++)
        v->lr[i] = 0xFFFFFFFFu;
    ck_assert_int_eq(lrh_flush(&h, 0), 0);
    ck_assert_uint_eq(v->hcr, VINTC_GICH_HCR_EN | VINTC_GICH_HCR_VGRP1EIE);
    for (unsigned i = 0; i < 4; i++)
        ck_assert_uint_eq(v->lr[i], 0);
    ck_assert_uint_eq(v->lr[4], 0xFFFFFFFFu); /* beyond nr_lrs: untouched */
    ck_assert_uint_eq(v->vmcr, VINTC_GICH_VMCR_RESET);
    lrh_fini(&h);
}
END_TEST

START_TEST(bad_arguments)
{
    struct lr_harness h;
    lrh_init(&h, 2, 64, 4);
    ck_assert_int_eq(gic_lr_flush(NULL, 0, &h.vif[0]), -EINVAL);
    ck_assert_int_eq(gic_lr_flush(h.gic, 0, NULL), -EINVAL);
    ck_assert_int_eq(gic_lr_flush(h.gic, 2, &h.vif[0]), -EINVAL);
    ck_assert_int_eq(gic_lr_sync(NULL, 0, &h.vif[0]), -EINVAL);
    ck_assert_int_eq(gic_lr_sync(h.gic, 0, NULL), -EINVAL);
    ck_assert_int_eq(gic_lr_sync(h.gic, 7, &h.vif[0]), -EINVAL);
    ck_assert_int_eq(gic_map_hw_irq(h.gic, 0, 15, 30), -EINVAL);
    ck_assert_int_eq(gic_map_hw_irq(h.gic, 0, 64, 30), -EINVAL);
    ck_assert_int_eq(gic_map_hw_irq(h.gic, 2, 27, 30), -EINVAL);
    ck_assert_int_eq(gic_map_hw_irq(h.gic, 0, 27, 15), -EINVAL);
    ck_assert_int_eq(gic_map_hw_irq(h.gic, 0, 27, 1020), -EINVAL);
    ck_assert_int_eq(gic_unmap_hw_irq(h.gic, 0, 27), -EINVAL); /* not mapped */
    ck_assert_int_eq(gic_map_hw_irq(NULL, 0, 27, 27), -EINVAL);
    lrh_fini(&h);
}
END_TEST

START_TEST(edge_spi_round_trip)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 4);
    lrh_setup_irq(&h, 0, 40, 0x80, 1, false, true);
    ck_assert_int_eq(gic_set_irq(h.gic, 0, 40, true), 0);
    ck_assert_uint_eq(h.kicks[0], 1);
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    uint32_t lr = h.vif[0].lr[0];
    ck_assert_uint_eq(lr_id(lr), 40);
    ck_assert_uint_eq(lr_state(lr), VINTC_GICH_LR_STATE_PENDING);
    ck_assert_uint_eq((lr & VINTC_GICH_LR_PRIORITY_MASK) >>
                          VINTC_GICH_LR_PRIORITY_SHIFT,
                      0x80 >> 3);
    ck_assert_uint_eq(lr & (VINTC_GICH_LR_EOI | VINTC_GICH_LR_HW |
                            VINTC_GICH_LR_GRP1 | VINTC_GICH_LR_CPUID_MASK),
                      0);
    ck_assert_uint_eq(h.vif[0].hcr, VINTC_GICH_HCR_EN);
    /* The pending state handed to the LR is still pending to the guest. */
    ck_assert(lrh_pending(&h, 0, 40));

    lr_guest_ack(&h.vif[0].lr[0]);
    ck_assert_int_eq(lrh_sync(&h, 0), 1);
    ck_assert(lrh_active(&h, 0, 40));
    ck_assert(!lrh_pending(&h, 0, 40));
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    ck_assert_uint_eq(lr_state(h.vif[0].lr[0]), VINTC_GICH_LR_STATE_ACTIVE);

    lr_guest_deactivate(&h.vif[0].lr[0]);
    lrh_sync(&h, 0);
    ck_assert(!lrh_active(&h, 0, 40));
    ck_assert_uint_eq(h.eois, 0); /* edge: no resample notification */
    ck_assert_int_eq(lrh_flush(&h, 0), 0);
    lrh_fini(&h);
}
END_TEST

START_TEST(edge_retrigger_while_active_is_pending_and_active)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 4);
    lrh_setup_irq(&h, 0, 33, 0x40, 1, true, true);
    gic_set_irq(h.gic, 0, 33, true);
    gic_set_irq(h.gic, 0, 33, false);
    lrh_flush(&h, 0);
    ck_assert(h.vif[0].lr[0] & VINTC_GICH_LR_GRP1);
    lr_guest_ack(&h.vif[0].lr[0]);
    /* A new edge arrives while the interrupt sits active in the LR. */
    unsigned k = h.kicks[0];
    gic_set_irq(h.gic, 0, 33, true);
    ck_assert_uint_gt(h.kicks[0], k);
    lrh_sync(&h, 0);
    ck_assert(lrh_active(&h, 0, 33));
    ck_assert(lrh_pending(&h, 0, 33));
    lrh_flush(&h, 0);
    ck_assert_uint_eq(lr_state(h.vif[0].lr[0]),
                      VINTC_GICH_LR_STATE_PENDING | VINTC_GICH_LR_STATE_ACTIVE);
    lrh_fini(&h);
}
END_TEST

START_TEST(level_spi_requests_eoi_and_notifies)
{
    struct lr_harness h;
    lrh_init(&h, 2, 64, 4);
    lrh_setup_irq(&h, 1, 41, 0xA0, 2, false, false);
    gic_set_irq(h.gic, 0, 41, true);
    ck_assert_int_eq(lrh_flush(&h, 0), 0);
    ck_assert_int_eq(lrh_flush(&h, 1), 1);
    uint32_t *lr = &h.vif[1].lr[0];
    ck_assert_uint_eq(*lr & VINTC_GICH_LR_EOI, VINTC_GICH_LR_EOI);
    ck_assert_uint_eq(lr_state(*lr), VINTC_GICH_LR_STATE_PENDING);
    lr_guest_ack(lr);
    gic_set_irq(h.gic, 0, 41, false); /* the handler quietens the device */
    lr_guest_deactivate(lr);
    ck_assert_uint_eq(gic_vif_eisr(&h.vif[1], 4), 1); /* EOI maintenance */
    lrh_sync(&h, 1);
    ck_assert_uint_eq(h.eois, 1);
    ck_assert_uint_eq(h.eoi_cpu[0], 1);
    ck_assert_uint_eq(h.eoi_irq[0], 41);
    ck_assert(!lrh_active(&h, 0, 41));
    ck_assert(!lrh_pending(&h, 0, 41));
    ck_assert_int_eq(lrh_flush(&h, 1), 0);
    lrh_fini(&h);
}
END_TEST

START_TEST(level_line_still_high_is_resampled)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 4);
    lrh_setup_irq(&h, 0, 50, 0x10, 1, false, false);
    gic_set_irq(h.gic, 0, 50, true);
    lrh_flush(&h, 0);
    lr_guest_ack(&h.vif[0].lr[0]);
    lrh_sync(&h, 0);
    /* Active with the line high: level is never written pending+active. */
    lrh_flush(&h, 0);
    ck_assert_uint_eq(lr_state(h.vif[0].lr[0]), VINTC_GICH_LR_STATE_ACTIVE);
    ck_assert(lrh_pending(&h, 0, 50));
    lr_guest_deactivate(&h.vif[0].lr[0]);
    lrh_sync(&h, 0);
    ck_assert_uint_eq(h.eois, 1);
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    ck_assert_uint_eq(lr_state(h.vif[0].lr[0]), VINTC_GICH_LR_STATE_PENDING);
    lrh_fini(&h);
}
END_TEST

START_TEST(level_acknowledge_consumes_ispendr_latch)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 4);
    lrh_setup_irq(&h, 0, 52, 0x10, 1, false, false);
    lrh_write(&h, 0, 0x204, 1u << 20); /* ISPENDR1: ID 52 */
    ck_assert(lrh_pending(&h, 0, 52));
    lrh_flush(&h, 0);
    lr_guest_ack(&h.vif[0].lr[0]);
    lrh_sync(&h, 0);
    ck_assert(!lrh_pending(&h, 0, 52));
    ck_assert(lrh_active(&h, 0, 52));
    lrh_fini(&h);
}
END_TEST

START_TEST(line_dropped_before_ack_retracts)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 4);
    lrh_setup_irq(&h, 0, 53, 0x10, 1, false, false);
    gic_set_irq(h.gic, 0, 53, true);
    lrh_flush(&h, 0);
    gic_set_irq(h.gic, 0, 53, false);
    lrh_sync(&h, 0); /* the LR is still pending, but the line is gone */
    ck_assert(!lrh_pending(&h, 0, 53));
    ck_assert_int_eq(lrh_flush(&h, 0), 0);
    lrh_fini(&h);
}
END_TEST

/* GICD_ISPENDR/ICPENDR of a level-sensitive interrupt read latch OR line
 * (IHI 0048B 4.3.7, 4.3.8; QEMU gic_test_pending()). Handing it to an LR
 * copies the line level, it does not latch it: once the line drops it reads
 * not pending, before any sync. A GICD_ISPENDR latch still keeps it pending. */
START_TEST(level_in_lr_reads_line_or_latch)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 4);
    lrh_setup_irq(&h, 0, 33, 0x10, 1, false, false);
    gic_set_irq(h.gic, 0, 33, true);
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    ck_assert_uint_eq(lrh_read(&h, 0, 0x204) & 0x2u, 0x2u); /* ISPENDR1 */
    gic_set_irq(h.gic, 0, 33, false);
    ck_assert_uint_eq(lrh_read(&h, 0, 0x204) & 0x2u, 0);
    ck_assert_uint_eq(lrh_read(&h, 0, 0x284) & 0x2u, 0); /* ICPENDR1 */
    /* Acknowledged in the LR: active, not pending. */
    lr_guest_ack(&h.vif[0].lr[0]);
    ck_assert_int_eq(lrh_sync(&h, 0), 1);
    ck_assert(!lrh_pending(&h, 0, 33));
    ck_assert(lrh_active(&h, 0, 33));

    /* The latch set by ISPENDR survives the line dropping. */
    lrh_write(&h, 0, 0x384, 0x2u); /* ICACTIVER1 */
    lrh_write(&h, 0, 0x204, 0x2u);
    gic_set_irq(h.gic, 0, 33, true);
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    gic_set_irq(h.gic, 0, 33, false);
    ck_assert(lrh_pending(&h, 0, 33));
    lrh_fini(&h);
}
END_TEST

START_TEST(sgi_sources_one_at_a_time)
{
    struct lr_harness h;
    lrh_init(&h, 4, 64, 4);
    lrh_write(&h, 0, 0x400, 0x80808080u);
    /* vCPUs 2 and 1 send SGI 3 to vCPU 0. */
    lrh_write(&h, 2, 0xF00, (1u << 16) | 3);
    lrh_write(&h, 1, 0xF00, (1u << 16) | 3);
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    uint32_t *lr = &h.vif[0].lr[0];
    ck_assert_uint_eq(lr_id(*lr), 3);
    ck_assert_uint_eq(
        (*lr & VINTC_GICH_LR_CPUID_MASK) >> VINTC_GICH_LR_CPUID_SHIFT, 1);
    ck_assert_uint_eq(*lr & VINTC_GICH_LR_EOI, VINTC_GICH_LR_EOI);
    lr_guest_ack(lr);
    lr_guest_deactivate(lr);
    lrh_sync(&h, 0);
    ck_assert_uint_eq(h.eois, 0); /* SGIs are not level interrupts */
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    ck_assert_uint_eq(
        (*lr & VINTC_GICH_LR_CPUID_MASK) >> VINTC_GICH_LR_CPUID_SHIFT, 2);
    ck_assert_uint_eq(*lr & VINTC_GICH_LR_EOI, 0);
    lr_guest_ack(lr);
    lr_guest_deactivate(lr);
    lrh_sync(&h, 0);
    ck_assert_int_eq(lrh_flush(&h, 0), 0);
    ck_assert_uint_eq(lrh_read(&h, 0, 0xF20) & 0xFF000000u, 0);
    lrh_fini(&h);
}
END_TEST

START_TEST(sgi_active_with_other_source_pending_uses_one_lr)
{
    struct lr_harness h;
    lrh_init(&h, 3, 64, 4);
    lrh_write(&h, 1, 0xF00, (1u << 16) | 5);
    lrh_flush(&h, 0);
    lr_guest_ack(&h.vif[0].lr[0]);
    lrh_sync(&h, 0);
    lrh_write(&h, 2, 0xF00, (1u << 16) | 5);
    ck_assert_int_eq(lrh_flush(&h, 0), 1); /* never the same ID in two LRs */
    uint32_t lr = h.vif[0].lr[0];
    ck_assert_uint_eq(lr_state(lr), VINTC_GICH_LR_STATE_ACTIVE);
    ck_assert_uint_eq(
        (lr & VINTC_GICH_LR_CPUID_MASK) >> VINTC_GICH_LR_CPUID_SHIFT, 1);
    ck_assert_uint_eq(lr & VINTC_GICH_LR_EOI, VINTC_GICH_LR_EOI);
    /* The same source again while active: pending+active from source 1. */
    lrh_sync(&h, 0);
    lrh_write(&h, 1, 0xF00, (1u << 16) | 5);
    lrh_flush(&h, 0);
    lr = h.vif[0].lr[0];
    ck_assert_uint_eq(lr_state(lr),
                      VINTC_GICH_LR_STATE_PENDING | VINTC_GICH_LR_STATE_ACTIVE);
    ck_assert_uint_eq(
        (lr & VINTC_GICH_LR_CPUID_MASK) >> VINTC_GICH_LR_CPUID_SHIFT, 1);
    lrh_fini(&h);
}
END_TEST

START_TEST(priority_order_and_pending_before_active)
{
    struct lr_harness h;
    lrh_init(&h, 1, 96, 8);
    const unsigned ids[] = { 40, 41, 42, 43 };
    const uint8_t prios[] = { 0x80, 0x40, 0xA0, 0x40 };
    for (unsigned i = 0; i < 4; i++)
        lrh_setup_irq(&h, 0, ids[i], prios[i], 1, false, true);
    /* 43 becomes active first, then everything is pending. */
    gic_set_irq(h.gic, 0, 43, true);
    lrh_flush(&h, 0);
    lr_guest_ack(&h.vif[0].lr[0]);
    lrh_sync(&h, 0);
    for (unsigned i = 0; i < 3; i++)
        gic_set_irq(h.gic, 0, ids[i], true);
    ck_assert_int_eq(lrh_flush(&h, 0), 4);
    const unsigned want[] = { 41, 43, 40, 42 };
    for (unsigned i = 0; i < 4; i++)
        ck_assert_uint_eq(lr_id(h.vif[0].lr[i]), want[i]);
    ck_assert_uint_eq(lr_state(h.vif[0].lr[1]), VINTC_GICH_LR_STATE_ACTIVE);
    lrh_fini(&h);
}
END_TEST

START_TEST(more_pending_than_lrs)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 2);
    for (unsigned i = 0; i < 5; i++) {
        lrh_setup_irq(&h, 0, 32 + i, (uint8_t)(0x10 * (5 - i)), 1, false, true);
        gic_set_irq(h.gic, 0, 32 + i, true);
    }
    unsigned seen = 0, rounds = 0;
    while (rounds++ < 10) {
        int n = lrh_flush(&h, 0);
        if (n == 0)
            break;
        if (seen + (unsigned)n < 5) {
            ck_assert_uint_eq(h.vif[0].hcr &
                                  (VINTC_GICH_HCR_UIE | VINTC_GICH_HCR_NPIE |
                                   VINTC_GICH_HCR_LRENPIE),
                              VINTC_GICH_HCR_UIE | VINTC_GICH_HCR_NPIE);
        } else {
            ck_assert_uint_eq(
                h.vif[0].hcr & (VINTC_GICH_HCR_UIE | VINTC_GICH_HCR_NPIE), 0);
        }
        /* Highest priority (lowest value) first: IDs 36, 35, ... */
        for (int i = 0; i < n; i++) {
            ck_assert_uint_eq(lr_id(h.vif[0].lr[i]), 36 - seen);
            seen++;
            lr_guest_ack(&h.vif[0].lr[i]);
            lr_guest_deactivate(&h.vif[0].lr[i]);
        }
        ck_assert_uint_eq(gic_vif_misr(&h.vif[0], 2) & VINTC_GICH_MISR_NP,
                          seen < 5 ? VINTC_GICH_MISR_NP : 0);
        lrh_sync(&h, 0);
    }
    ck_assert_uint_eq(seen, 5);
    struct gic_stats st;
    gic_get_stats(h.gic, 0, &st);
    ck_assert_uint_eq(st.lr_overflows, 2);
    lrh_fini(&h);
}
END_TEST

START_TEST(more_active_than_lrs_uses_eoicount)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 1);
    lrh_setup_irq(&h, 0, 45, 0x80, 1, false, false); /* level: irq_eoi */
    lrh_setup_irq(&h, 0, 46, 0x40, 1, false, true);
    gic_set_irq(h.gic, 0, 45, true);
    lrh_flush(&h, 0);
    lr_guest_ack(&h.vif[0].lr[0]);
    lrh_sync(&h, 0);
    gic_set_irq(h.gic, 0, 45, false);
    /* A higher-priority interrupt preempts: it gets the only LR. */
    gic_set_irq(h.gic, 0, 46, true);
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    ck_assert_uint_eq(lr_id(h.vif[0].lr[0]), 46);
    ck_assert_uint_eq(h.vif[0].hcr & VINTC_GICH_HCR_LRENPIE,
                      VINTC_GICH_HCR_LRENPIE);
    ck_assert_uint_eq(h.vif[0].hcr & VINTC_GICH_HCR_UIE,
                      0); /* one LR: no underflow */
    lr_guest_ack(&h.vif[0].lr[0]);
    lr_guest_deactivate(&h.vif[0].lr[0]);
    /* The guest's EOI of 45 finds no LR: EOICount. */
    h.vif[0].hcr += 1u << VINTC_GICH_HCR_EOICOUNT_SHIFT;
    ck_assert_uint_eq(gic_vif_misr(&h.vif[0], 1) & VINTC_GICH_MISR_LRENP,
                      VINTC_GICH_MISR_LRENP);
    lrh_sync(&h, 0);
    ck_assert_uint_eq(h.vif[0].hcr & VINTC_GICH_HCR_EOICOUNT_MASK, 0);
    ck_assert(!lrh_active(&h, 0, 45));
    ck_assert(!lrh_active(&h, 0, 46));
    ck_assert_uint_eq(h.eois, 1);
    ck_assert_uint_eq(h.eoi_irq[0], 45);
    struct gic_stats st;
    gic_get_stats(h.gic, 0, &st);
    ck_assert_uint_eq(st.eoi_count, 1);
    lrh_fini(&h);
}
END_TEST

START_TEST(eoicount_deactivates_highest_priority_first)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 1);
    const unsigned ids[] = { 40, 41, 42 };
    const uint8_t prios[] = { 0xC0, 0x80, 0x40 };
    for (unsigned i = 0; i < 3; i++) {
        lrh_setup_irq(&h, 0, ids[i], prios[i], 1, false, true);
        gic_set_irq(h.gic, 0, ids[i], true);
        lrh_flush(&h, 0);
        ck_assert_uint_eq(lr_id(h.vif[0].lr[0]), ids[i]);
        lr_guest_ack(&h.vif[0].lr[0]);
        lrh_sync(&h, 0);
    }
    /* 42 is in the LR; 41 and 40 are outside. One EOI outside the LRs. */
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    ck_assert_uint_eq(lr_id(h.vif[0].lr[0]), 42);
    lr_guest_deactivate(&h.vif[0].lr[0]);
    h.vif[0].hcr |= 1u << VINTC_GICH_HCR_EOICOUNT_SHIFT;
    lrh_sync(&h, 0);
    ck_assert(!lrh_active(&h, 0, 42));
    ck_assert(!lrh_active(&h, 0, 41));
    ck_assert(lrh_active(&h, 0, 40));
    lrh_fini(&h);
}
END_TEST

START_TEST(single_lr_active_requests_eoi_when_overflowing)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 1);
    lrh_setup_irq(&h, 0, 40, 0x40, 1, false, true);
    lrh_setup_irq(&h, 0, 41, 0x80, 1, false, true);
    gic_set_irq(h.gic, 0, 40, true);
    lrh_flush(&h, 0);
    lr_guest_ack(&h.vif[0].lr[0]);
    lrh_sync(&h, 0);
    gic_set_irq(h.gic, 0, 41, true);
    lrh_flush(&h, 0);
    /* Active 40 holds the LR, pending 41 waits: the deactivation of 40
     * must cause an exit, so the LR asks for EOI maintenance. */
    ck_assert_uint_eq(lr_id(h.vif[0].lr[0]), 40);
    ck_assert_uint_eq(h.vif[0].lr[0] & VINTC_GICH_LR_EOI, VINTC_GICH_LR_EOI);
    ck_assert_uint_eq(h.vif[0].hcr & VINTC_GICH_HCR_NPIE,
                      0); /* would fire at once */
    lr_guest_deactivate(&h.vif[0].lr[0]);
    ck_assert(gic_vif_maintenance(&h.vif[0], 1));
    lrh_sync(&h, 0);
    lrh_flush(&h, 0);
    ck_assert_uint_eq(lr_id(h.vif[0].lr[0]), 41);
    lrh_fini(&h);
}
END_TEST

START_TEST(hw_mapped_encoding)
{
    struct lr_harness h;
    lrh_init(&h, 2, 64, 4);
    lrh_setup_irq(&h, 1, 27, 0x20, 0, true, false); /* the virtual timer PPI */
    ck_assert_int_eq(gic_map_hw_irq(h.gic, 1, 27, 30), 0);
    gic_set_irq(h.gic, 1, 27, true);
    ck_assert_int_eq(lrh_flush(&h, 1), 1);
    uint32_t lr = h.vif[1].lr[0];
    ck_assert_uint_eq(lr & VINTC_GICH_LR_HW, VINTC_GICH_LR_HW);
    ck_assert_uint_eq(
        (lr & VINTC_GICH_LR_PHYSID_MASK) >> VINTC_GICH_LR_PHYSID_SHIFT, 30);
    ck_assert_uint_eq(lr_id(lr), 27);
    ck_assert_uint_eq(lr_state(lr), VINTC_GICH_LR_STATE_PENDING);
    lr_guest_ack(&h.vif[1].lr[0]);
    lrh_sync(&h, 1);
    /* Active with the line high: HW LRs are never pending+active. */
    lrh_flush(&h, 1);
    ck_assert_uint_eq(lr_state(h.vif[1].lr[0]), VINTC_GICH_LR_STATE_ACTIVE);
    lr_guest_deactivate(&h.vif[1].lr[0]);
    ck_assert_uint_eq(gic_vif_eisr(&h.vif[1], 4), 0); /* no EOI maintenance */
    lrh_sync(&h, 1);
    ck_assert_uint_eq(h.eois, 0);
    /* vCPU 0's PPI 27 is not mapped. */
    lrh_setup_irq(&h, 0, 27, 0x20, 0, true, false);
    gic_set_irq(h.gic, 0, 27, true);
    lrh_flush(&h, 0);
    ck_assert_uint_eq(h.vif[0].lr[0] & VINTC_GICH_LR_HW, 0);
    ck_assert_int_eq(gic_unmap_hw_irq(h.gic, 1, 27), 0);
    lrh_flush(&h, 1);
    ck_assert_uint_eq(h.vif[1].lr[0] & VINTC_GICH_LR_HW, 0);
    lrh_fini(&h);
}
END_TEST

START_TEST(icactiver_on_held_interrupt_wins_at_sync)
{
    struct lr_harness h;
    lrh_init(&h, 2, 64, 4);
    lrh_setup_irq(&h, 0, 40, 0x40, 1, false, true);
    gic_set_irq(h.gic, 0, 40, true);
    lrh_flush(&h, 0);
    lr_guest_ack(&h.vif[0].lr[0]);
    lrh_sync(&h, 0);
    lrh_flush(&h, 0);
    unsigned k = h.kicks[0];
    lrh_write(&h, 1, 0x384, 1u << 8); /* vCPU 1 writes ICACTIVER1: ID 40 */
    ck_assert_uint_gt(h.kicks[0], k); /* the holder must sync */
    ck_assert(!lrh_active(&h, 1, 40));
    lrh_sync(&h, 0); /* the LR still says active: the write wins */
    ck_assert(!lrh_active(&h, 0, 40));
    ck_assert_int_eq(lrh_flush(&h, 0), 0);
    lrh_fini(&h);
}
END_TEST

START_TEST(icpendr_on_held_interrupt_wins_at_sync)
{
    struct lr_harness h;
    lrh_init(&h, 2, 64, 4);
    lrh_setup_irq(&h, 0, 40, 0x40, 1, false, true);
    gic_set_irq(h.gic, 0, 40, true);
    lrh_flush(&h, 0);
    ck_assert(lrh_pending(&h, 1, 40));
    unsigned k = h.kicks[0];
    lrh_write(&h, 1, 0x284, 1u << 8);
    ck_assert_uint_gt(h.kicks[0], k);
    ck_assert(!lrh_pending(&h, 1, 40));
    lrh_sync(&h, 0);
    ck_assert(!lrh_pending(&h, 0, 40));
    ck_assert_int_eq(lrh_flush(&h, 0), 0);
    /* ISPENDR while held keeps it pending even if the guest took it. */
    gic_set_irq(h.gic, 0, 40, false);
    gic_set_irq(h.gic, 0, 40, true);
    lrh_flush(&h, 0);
    lr_guest_ack(&h.vif[0].lr[0]);
    lrh_write(&h, 1, 0x204, 1u << 8);
    lrh_sync(&h, 0);
    ck_assert(lrh_pending(&h, 0, 40));
    ck_assert(lrh_active(&h, 0, 40));
    lrh_fini(&h);
}
END_TEST

START_TEST(retarget_held_spi_moves_at_sync)
{
    struct lr_harness h;
    lrh_init(&h, 2, 64, 4);
    lrh_setup_irq(&h, 0, 40, 0x40, 1, false, true);
    gic_set_irq(h.gic, 0, 40, true);
    lrh_flush(&h, 0);
    unsigned k0 = h.kicks[0], k1 = h.kicks[1];
    ck_assert_int_eq(gic_dist_mmio_write(h.gic, 0, 0x800 + 40, 1, 2), 0);
    ck_assert_uint_gt(h.kicks[0], k0);
    lrh_sync(&h, 0); /* untouched by the guest: the pending state moves */
    ck_assert_uint_gt(h.kicks[1], k1);
    ck_assert_int_eq(lrh_flush(&h, 0), 0);
    ck_assert_int_eq(lrh_flush(&h, 1), 1);
    ck_assert_uint_eq(lr_id(h.vif[1].lr[0]), 40);
    /* Active SPIs stay with the vCPU that has them. */
    lr_guest_ack(&h.vif[1].lr[0]);
    lrh_sync(&h, 1);
    gic_dist_mmio_write(h.gic, 0, 0x800 + 40, 1, 1);
    ck_assert_int_eq(lrh_flush(&h, 0), 0);
    ck_assert_int_eq(lrh_flush(&h, 1), 1);
    lrh_fini(&h);
}
END_TEST

START_TEST(disable_held_pending_interrupt_withdraws_it)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 4);
    lrh_setup_irq(&h, 0, 40, 0x40, 1, false, true);
    gic_set_irq(h.gic, 0, 40, true);
    lrh_flush(&h, 0);
    lrh_write(&h, 0, 0x184, 1u << 8); /* ICENABLER1 */
    lrh_sync(&h, 0);
    ck_assert_int_eq(lrh_flush(&h, 0), 0);
    ck_assert(lrh_pending(&h, 0, 40)); /* still pending, just not forwarded */
    lrh_write(&h, 0, 0x104, 1u << 8);
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    lrh_fini(&h);
}
END_TEST

START_TEST(double_flush_loses_nothing)
{
    struct lr_harness h;
    lrh_init(&h, 2, 64, 4);
    lrh_setup_irq(&h, 0, 40, 0x40, 1, false, true);
    gic_set_irq(h.gic, 0, 40, true);
    lrh_write(&h, 1, 0xF00, (1u << 16) | 2);
    ck_assert_int_eq(lrh_flush(&h, 0), 2);
    uint32_t first[2] = { h.vif[0].lr[0], h.vif[0].lr[1] };
    ck_assert_int_eq(lrh_flush(&h, 0), 2);
    ck_assert_uint_eq(h.vif[0].lr[0], first[0]);
    ck_assert_uint_eq(h.vif[0].lr[1], first[1]);
    lrh_fini(&h);
}
END_TEST

START_TEST(mismatched_lr_is_counted_and_ignored)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 4);
    lrh_setup_irq(&h, 0, 40, 0x40, 1, false, true);
    gic_set_irq(h.gic, 0, 40, true);
    lrh_flush(&h, 0);
    h.vif[0].lr[0] = VINTC_GICH_LR_STATE_ACTIVE |
                     41; /* garbage from the host */
    ck_assert_int_eq(lrh_sync(&h, 0), 1);
    struct gic_stats st;
    gic_get_stats(h.gic, 0, &st);
    ck_assert_uint_eq(st.lr_bad, 1);
    ck_assert(lrh_pending(&h, 0, 40));
    ck_assert(!lrh_active(&h, 0, 41));
    ck_assert_int_eq(lrh_sync(&h, 0), 0); /* a second sync folds nothing */
    lrh_fini(&h);
}
END_TEST

START_TEST(cpu_pending_follows_synced_vmcr)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 4);
    lrh_setup_irq(&h, 0, 40, 0x80, 1, true, true);
    gic_set_irq(h.gic, 0, 40, true);
    ck_assert(gic_cpu_pending(h.gic, 0)); /* never synced: no vif checks */
    lrh_sync(&h, 0); /* reset VMCR: groups disabled, PMR 0 */
    ck_assert(!gic_cpu_pending(h.gic, 0));
    h.vif[0].vmcr = VINTC_GICH_VMCR_RESET | VINTC_GICH_VMCR_GRP1EN |
                    (0x80u >> 3) << VINTC_GICH_VMCR_PRIMASK_SHIFT;
    lrh_sync(&h, 0);
    ck_assert(!gic_cpu_pending(h.gic, 0)); /* priority must be < PMR */
    h.vif[0].vmcr = VINTC_GICH_VMCR_RESET | VINTC_GICH_VMCR_GRP1EN |
                    (0xF0u >> 3) << VINTC_GICH_VMCR_PRIMASK_SHIFT;
    lrh_sync(&h, 0);
    ck_assert(gic_cpu_pending(h.gic, 0));
    h.vif[0].apr = 1u << (0x80 >> 3); /* running at 0x80: no preemption */
    lrh_sync(&h, 0);
    ck_assert(!gic_cpu_pending(h.gic, 0));
    lrh_fini(&h);
}
END_TEST

/* gic_cpu_pending() answers "would the virtual CPU interface signal": only
 * the highest-priority pending interrupt is considered, and only if it can
 * preempt (IHI 0048B 3.2, 3.3). With split binary points (CBPR = 0,
 * VMBP 2, VMABP 5) the lower-priority Group 1 SPI 60 could preempt running
 * priority 0x48 while the higher-priority Group 0 SPI 50 cannot. */
START_TEST(cpu_pending_considers_only_the_highest_pending)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 4);
    lrh_setup_irq(&h, 0, 50, 0x50, 1, false, true);
    lrh_setup_irq(&h, 0, 60, 0x58, 1, true, true);
    gic_set_irq(h.gic, 0, 50, true);
    gic_set_irq(h.gic, 0, 60, true);
    h.vif[0].vmcr = VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_GRP1EN |
                    2u << VINTC_GICH_VMCR_BP_SHIFT |
                    5u << VINTC_GICH_VMCR_ABP_SHIFT |
                    0x1Fu << VINTC_GICH_VMCR_PRIMASK_SHIFT;
    h.vif[0].apr = 1u << (0x48 >> 3);
    lrh_sync(&h, 0);
    ck_assert(!gic_cpu_pending(h.gic, 0));
    h.vif[0].apr = 0;
    lrh_sync(&h, 0);
    ck_assert(gic_cpu_pending(h.gic, 0));
    lrh_fini(&h);
}
END_TEST

START_TEST(cpendsgir_withdraws_source_held_in_lr)
{
    struct lr_harness h;
    lrh_init(&h, 2, 64, 4);
    lrh_write(&h, 1, 0xF00, (1u << 16) | 4);
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    /* The source handed to the LR is still pending to the guest. */
    ck_assert_uint_eq(lrh_read(&h, 0, 0xF24) & 0xFF, 0x02);
    unsigned k = h.kicks[0];
    ck_assert_int_eq(gic_dist_mmio_write(h.gic, 0, 0xF14, 1, 0x02), 0);
    ck_assert_uint_gt(h.kicks[0], k);
    ck_assert_uint_eq(lrh_read(&h, 0, 0xF24) & 0xFF, 0);
    lrh_sync(&h, 0); /* the LR still says pending: the write wins */
    ck_assert_int_eq(lrh_flush(&h, 0), 0);
    lrh_fini(&h);
}
END_TEST

START_TEST(isactiver_spi_goes_to_holder_target_or_writer)
{
    struct lr_harness h;
    lrh_init(&h, 2, 64, 4);
    lrh_setup_irq(&h, 0, 40, 0x40, 2, false, true);
    lrh_setup_irq(&h, 0, 41, 0x40, 0, false, true); /* no target */
    lrh_write(&h, 0, 0x304, (1u << 8) | (1u << 9)); /* ISACTIVER1 by vCPU 0 */
    ck_assert_int_eq(lrh_flush(&h, 1), 1);
    ck_assert_uint_eq(lr_id(h.vif[1].lr[0]), 40);
    ck_assert_uint_eq(lr_state(h.vif[1].lr[0]), VINTC_GICH_LR_STATE_ACTIVE);
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    ck_assert_uint_eq(lr_id(h.vif[0].lr[0]), 41);
    lrh_fini(&h);
}
END_TEST

START_TEST(reset_drops_the_lr_handover)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 4);
    lrh_setup_irq(&h, 0, 40, 0x40, 1, false, true);
    gic_set_irq(h.gic, 0, 40, true);
    gic_set_irq(h.gic, 0, 41, true); /* 41 stays level and high */
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    lr_guest_ack(&h.vif[0].lr[0]);
    gic_set_irq(h.gic, 0, 40, false);
    gic_reset(h.gic);
    ck_assert_int_eq(lrh_sync(&h, 0), 0);
    ck_assert(!lrh_active(&h, 0, 40));
    ck_assert(!lrh_pending(&h, 0, 40));
    ck_assert(lrh_pending(&h, 0, 41));     /* device lines survive a reset */
    ck_assert_int_eq(lrh_flush(&h, 0), 0); /* but nothing is enabled */
    lrh_fini(&h);
}
END_TEST

START_TEST(config_change_of_held_interrupt_kicks_holder)
{
    struct lr_harness h;
    lrh_init(&h, 2, 64, 4);
    lrh_setup_irq(&h, 0, 40, 0x40, 1, false, true);
    gic_set_irq(h.gic, 0, 40, true);
    lrh_flush(&h, 0);
    unsigned k = h.kicks[0];
    gic_dist_mmio_write(h.gic, 1, 0x400 + 40, 1, 0x20); /* priority */
    ck_assert_uint_eq(h.kicks[0], k + 1);
    lrh_write(&h, 1, 0x084, 1u << 8); /* group 1 */
    ck_assert_uint_eq(h.kicks[0], k + 2);
    ck_assert_int_eq(gic_map_hw_irq(h.gic, 0, 40, 50), 0); /* HW mapping */
    ck_assert_uint_eq(h.kicks[0], k + 3);
    lrh_sync(&h, 0);
    lrh_flush(&h, 0);
    uint32_t lr = h.vif[0].lr[0];
    ck_assert_uint_eq((lr & VINTC_GICH_LR_PRIORITY_MASK) >>
                          VINTC_GICH_LR_PRIORITY_SHIFT,
                      0x20 >> 3);
    ck_assert_uint_eq(lr & (VINTC_GICH_LR_GRP1 | VINTC_GICH_LR_HW),
                      VINTC_GICH_LR_GRP1 | VINTC_GICH_LR_HW);
    ck_assert_uint_eq(
        (lr & VINTC_GICH_LR_PHYSID_MASK) >> VINTC_GICH_LR_PHYSID_SHIFT, 50);
    lrh_fini(&h);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_lr");
    TCase *tc = tcase_create("flush_sync");
    tcase_add_test(tc, empty_flush_enables_and_clears);
    tcase_add_test(tc, bad_arguments);
    tcase_add_test(tc, edge_spi_round_trip);
    tcase_add_test(tc, edge_retrigger_while_active_is_pending_and_active);
    tcase_add_test(tc, level_spi_requests_eoi_and_notifies);
    tcase_add_test(tc, level_line_still_high_is_resampled);
    tcase_add_test(tc, level_acknowledge_consumes_ispendr_latch);
    tcase_add_test(tc, line_dropped_before_ack_retracts);
    tcase_add_test(tc, level_in_lr_reads_line_or_latch);
    tcase_add_test(tc, sgi_sources_one_at_a_time);
    tcase_add_test(tc, sgi_active_with_other_source_pending_uses_one_lr);
    tcase_add_test(tc, priority_order_and_pending_before_active);
    tcase_add_test(tc, more_pending_than_lrs);
    tcase_add_test(tc, more_active_than_lrs_uses_eoicount);
    tcase_add_test(tc, eoicount_deactivates_highest_priority_first);
    tcase_add_test(tc, single_lr_active_requests_eoi_when_overflowing);
    tcase_add_test(tc, hw_mapped_encoding);
    tcase_add_test(tc, icactiver_on_held_interrupt_wins_at_sync);
    tcase_add_test(tc, icpendr_on_held_interrupt_wins_at_sync);
    tcase_add_test(tc, retarget_held_spi_moves_at_sync);
    tcase_add_test(tc, disable_held_pending_interrupt_withdraws_it);
    tcase_add_test(tc, double_flush_loses_nothing);
    tcase_add_test(tc, mismatched_lr_is_counted_and_ignored);
    tcase_add_test(tc, cpu_pending_follows_synced_vmcr);
    tcase_add_test(tc, cpu_pending_considers_only_the_highest_pending);
    tcase_add_test(tc, cpendsgir_withdraws_source_held_in_lr);
    tcase_add_test(tc, isactiver_spi_goes_to_holder_target_or_writer);
    tcase_add_test(tc, reset_drops_the_lr_handover);
    tcase_add_test(tc, config_change_of_held_interrupt_kicks_holder);
    suite_add_tcase(s, tc);
    return s;
}
