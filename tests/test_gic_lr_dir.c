/* SPDX-License-Identifier: MIT */
/* EOImode = 1: GICV_DIR deactivates exactly the interrupt it names, in any
 * order, also when that interrupt is active outside the list registers
 * (IHI 0048B, GICC_DIR/GICV_DIR; KVM vgic_v2_deactivate()). Two users: the
 * software GICV model, which records such a DIR for gic_lr_sync(), and a VMM
 * with hardware GICH that traps the GICV_DIR page and reports the write
 * through gic_lr_deactivate(). Plus EOICount accounting in both modes
 * (IHI 0048B, GICH_HCR.EOICount; QEMU gic_complete_irq() and
 * gic_deactivate_irq()). */
#include <errno.h>

#include "lr_harness.h"
#include "test_util.h"
#include "vif_test_util.h"

#define VMCR_EOIMODE1                                                          \
    (VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_EOIMODE |                        \
     VINTC_GICH_VMCR_RESET | 0x1Fu << VINTC_GICH_VMCR_PRIMASK_SHIFT)

static unsigned eoicount(const struct gic_vif *vif)
{
    return (vif->hcr & VINTC_GICH_HCR_EOICOUNT_MASK) >>
           VINTC_GICH_HCR_EOICOUNT_SHIFT;
}

/* One LR, EOImode 1; SPIs 60 (0xC0), 61 (0xB0), 62 (0xA0) each raised,
 * flushed, acknowledged, priority-dropped and synced in turn, so all three
 * are active, then a flush that leaves 60 and 61 outside the one LR (which
 * holds 62). Level interrupts drop their line once acknowledged. */
static void three_active(struct lr_harness *h, bool edge)
{
    lrh_init(h, 1, 64, 1);
    h->vif[0].vmcr = VMCR_EOIMODE1;
    const uint8_t prio[3] = { 0xC0, 0xB0, 0xA0 };
    for (unsigned i = 0; i < 3; i++) {
        unsigned id = 60 + i;
        lrh_setup_irq(h, 0, id, prio[i], 1, false, edge);
        gic_set_irq(h->gic, 0, id, true);
        if (edge)
            gic_set_irq(h->gic, 0, id, false);
        ck_assert_int_eq(lrh_flush(h, 0), 1);
        ck_assert_uint_eq(vif_rd(&h->vif[0], 1, VINTC_GICV_IAR), id);
        if (!edge)
            gic_set_irq(h->gic, 0, id, false);
        vif_wr(&h->vif[0], 1, VINTC_GICV_EOIR, id); /* drop only */
        ck_assert_int_eq(lrh_sync(h, 0), 1);
    }
    ck_assert_uint_eq(lrh_read(h, 0, 0x304), 0x70000000u); /* ISACTIVER1 */
    ck_assert_int_eq(lrh_flush(h, 0), 1);
    ck_assert_uint_eq(lr_id(h->vif[0].lr[0]), 62);
    ck_assert_uint_eq(h->vif[0].hcr & VINTC_GICH_HCR_LRENPIE,
                      VINTC_GICH_HCR_LRENPIE);
}

/* The repro: DIR of 60, outside the LR, must deactivate 60, not the
 * highest-priority active interrupt outside the LRs (61). */
START_TEST(software_dir_outside_lrs_deactivates_that_interrupt)
{
    struct lr_harness h;
    three_active(&h, true);
    vif_wr(&h.vif[0], 1, VINTC_GICV_DIR, 60);
    ck_assert_uint_eq(eoicount(&h.vif[0]), 1); /* as hardware counts it */
    ck_assert_int_eq(lrh_sync(&h, 0), 1);
    ck_assert_uint_eq(lrh_read(&h, 0, 0x304), 0x60000000u);
    ck_assert_uint_eq(eoicount(&h.vif[0]), 0);
    /* The other two, in any order: 62 in the LR, 61 outside it. */
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    vif_wr(&h.vif[0], 1, VINTC_GICV_DIR, 61);
    vif_wr(&h.vif[0], 1, VINTC_GICV_DIR, 62);
    ck_assert_int_eq(lrh_sync(&h, 0), 1);
    ck_assert_uint_eq(lrh_read(&h, 0, 0x304), 0);
    lrh_fini(&h);
}
END_TEST

/* Level interrupts: irq_eoi reports the line the guest deactivated. */
START_TEST(software_dir_outside_lrs_notifies_the_right_line)
{
    struct lr_harness h;
    three_active(&h, false);
    unsigned before = h.eois;
    vif_wr(&h.vif[0], 1, VINTC_GICV_DIR, 60);
    ck_assert_int_eq(lrh_sync(&h, 0), 1);
    ck_assert_uint_eq(h.eois, before + 1);
    ck_assert_uint_eq(h.eoi_irq[before], 60);
    ck_assert_uint_eq(lrh_read(&h, 0, 0x304), 0x60000000u);
    lrh_fini(&h);
}
END_TEST

/* The software GICV counts a DIR that names no active LR in EOICount, as
 * hardware does (QEMU gic_deactivate_irq()), and records it: ID, or SGI
 * source; every write counted. An EOIR with EOImode 1 deactivates nothing
 * and is not counted (QEMU gic_complete_irq()). The sync clears it all. */
START_TEST(software_dir_is_counted_and_recorded)
{
    struct lr_harness h;
    lrh_init(&h, 1, 64, 1);
    struct gic_vif *vif = &h.vif[0];
    vif->hcr = VINTC_GICH_HCR_EN;
    vif->vmcr = VMCR_EOIMODE1;
    vif->apr = 1;
    vif_wr(vif, 1, VINTC_GICV_EOIR, 60);
    ck_assert_uint_eq(eoicount(vif), 0);
    ck_assert_uint_eq(vif->apr, 0);
    vif_wr(vif, 1, VINTC_GICV_DIR, 60);
    vif_wr(vif, 1, VINTC_GICV_DIR, 60);
    vif_wr(vif, 1, VINTC_GICV_DIR, 5u | 3u << 10); /* SGI 5 from CPU 3 */
    vif_wr(vif, 1, VINTC_GICV_DIR, 1023);          /* special: ignored */
    ck_assert_uint_eq(eoicount(vif), 3);
    ck_assert_uint_eq(vif->dir_count, 3);
    ck_assert_uint_eq(vif->dir_ids[1], 1u << 28);
    ck_assert_uint_eq(vif->dir_sgi_src[5], 1u << 3);
    ck_assert_int_eq(lrh_sync(&h, 0), 0);
    ck_assert_uint_eq(eoicount(vif), 0);
    ck_assert_uint_eq(vif->dir_count, 0);
    ck_assert_uint_eq(vif->dir_ids[1], 0);
    ck_assert_uint_eq(vif->dir_sgi_src[5], 0);
    lrh_fini(&h);
}
END_TEST

/* EOICount beyond the recorded DIRs is spent as EOImode-0 EOIs: the
 * highest-priority active interrupt outside the LRs (the nesting rule). */
START_TEST(eoicount_beyond_recorded_dirs_goes_by_priority)
{
    struct lr_harness h;
    three_active(&h, true);
    vif_wr(&h.vif[0], 1, VINTC_GICV_DIR, 60);
    h.vif[0].hcr += 1u << VINTC_GICH_HCR_EOICOUNT_SHIFT; /* one more EOI */
    ck_assert_int_eq(lrh_sync(&h, 0), 1);
    ck_assert_uint_eq(lrh_read(&h, 0, 0x304), 0x40000000u); /* only 62 left */
    struct gic_stats st;
    ck_assert_int_eq(gic_get_stats(h.gic, 0, &st), 0);
    ck_assert_uint_eq(st.eoi_count, 2);
    lrh_fini(&h);
}
END_TEST

/* A VMM with hardware GICH: the guest's DIR of 60 traps, the VMM syncs and
 * reports it. Hardware did not see it, so EOICount stays 0. */
START_TEST(trapped_dir_deactivates_that_interrupt)
{
    struct lr_harness h;
    three_active(&h, false);
    unsigned before = h.eois;
    ck_assert_int_eq(lrh_sync(&h, 0), 1);
    ck_assert_int_eq(gic_lr_deactivate(h.gic, 0, 60), 1);
    ck_assert_uint_eq(lrh_read(&h, 0, 0x304), 0x60000000u);
    ck_assert_uint_eq(h.eois, before + 1);
    ck_assert_uint_eq(h.eoi_irq[before], 60);
    /* 62 was in the LR when its DIR trapped; the sync took it back. */
    ck_assert_int_eq(gic_lr_deactivate(h.gic, 0, 62), 1);
    ck_assert_uint_eq(lrh_read(&h, 0, 0x304), 0x20000000u);
    ck_assert_uint_eq(h.eoi_irq[before + 1], 62);
    /* Already inactive: nothing. */
    ck_assert_int_eq(gic_lr_deactivate(h.gic, 0, 60), 0);
    ck_assert_uint_eq(h.eois, before + 2);
    lrh_fini(&h);
}
END_TEST

/* A deactivated interrupt that is pending again goes where it belongs: an
 * SPI retargeted meanwhile kicks its new vCPU. */
START_TEST(trapped_dir_refiles_and_kicks)
{
    struct lr_harness h;
    lrh_init(&h, 2, 64, 4);
    h.vif[0].vmcr = VMCR_EOIMODE1;
    lrh_setup_irq(&h, 0, 40, 0x80, 1, false, true);
    gic_set_irq(h.gic, 0, 40, true);
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    lr_guest_ack(&h.vif[0].lr[0]);
    ck_assert_int_eq(lrh_sync(&h, 0), 1);
    gic_set_irq(h.gic, 0, 40, false);
    gic_set_irq(h.gic, 0, 40, true); /* active+pending */
    ck_assert_int_eq(gic_dist_mmio_write(h.gic, 0, 0x800 + 40, 1, 2), 0);
    unsigned k = h.kicks[1];
    ck_assert_int_eq(gic_lr_deactivate(h.gic, 0, 40), 1);
    ck_assert_uint_eq(h.kicks[1], k + 1);
    ck_assert(gic_cpu_pending(h.gic, 1));
    lrh_fini(&h);
}
END_TEST

START_TEST(trapped_dir_rules)
{
    struct lr_harness h;
    lrh_init(&h, 2, 64, 4);
    ck_assert_int_eq(gic_lr_deactivate(NULL, 0, 40), -EINVAL);
    ck_assert_int_eq(gic_lr_deactivate(h.gic, 2, 40), -EINVAL);
    h.vif[0].vmcr = VMCR_EOIMODE1;
    /* SGI 2 from vCPU 1, taken by vCPU 0. */
    lrh_write(&h, 1, 0xF00, 1u << 16 | 2);
    ck_assert_int_eq(lrh_flush(&h, 0), 1);
    ck_assert_int_eq(gic_lr_deactivate(h.gic, 0, 2u | 1u << 10), -EBUSY);
    lr_guest_ack(&h.vif[0].lr[0]);
    ck_assert_int_eq(lrh_sync(&h, 0), 1);
    ck_assert(lrh_active(&h, 0, 2));
    ck_assert_int_eq(gic_lr_deactivate(h.gic, 1, 2u | 1u << 10),
                     0);                                  /* not vCPU 1's */
    ck_assert_int_eq(gic_lr_deactivate(h.gic, 0, 2u), 0); /* other source */
    ck_assert_int_eq(gic_lr_deactivate(h.gic, 0, 1023), 0);
    ck_assert_int_eq(gic_lr_deactivate(h.gic, 0, 1019), 0); /* beyond nr_irqs */
    /* With EOImode 0 a DIR is UNPREDICTABLE: ignored. */
    h.vif[0].vmcr &= ~VINTC_GICH_VMCR_EOIMODE;
    ck_assert_int_eq(lrh_sync(&h, 0), 0);
    ck_assert_int_eq(gic_lr_deactivate(h.gic, 0, 2u | 1u << 10), 0);
    ck_assert(lrh_active(&h, 0, 2));
    h.vif[0].vmcr |= VINTC_GICH_VMCR_EOIMODE;
    ck_assert_int_eq(lrh_sync(&h, 0), 0);
    ck_assert_int_eq(gic_lr_deactivate(h.gic, 0, 2u | 1u << 10), 1);
    ck_assert(!lrh_active(&h, 0, 2));
    lrh_fini(&h);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_lr_dir");
    TCase *sw = tcase_create("software_gicv");
    tcase_add_test(sw, software_dir_outside_lrs_deactivates_that_interrupt);
    tcase_add_test(sw, software_dir_outside_lrs_notifies_the_right_line);
    tcase_add_test(sw, software_dir_is_counted_and_recorded);
    tcase_add_test(sw, eoicount_beyond_recorded_dirs_goes_by_priority);
    suite_add_tcase(s, sw);
    TCase *hw = tcase_create("trapped_dir");
    tcase_add_test(hw, trapped_dir_deactivates_that_interrupt);
    tcase_add_test(hw, trapped_dir_refiles_and_kicks);
    tcase_add_test(hw, trapped_dir_rules);
    suite_add_tcase(s, hw);
    return s;
}
