/* SPDX-License-Identifier: MIT */
/* EOImode = 1: GICV_DIR deactivates exactly the interrupt it names, in any
 * order, also when that interrupt is active outside the list registers
 * (IHI 0048B, GICC_DIR/GICV_DIR; KVM vgic_v2_deactivate()). Two users: the
 * software GICV model, which records such a DIR for gic_lr_sync(), and a VMM
 * with hardware GICH that traps the GICV_DIR page and reports the write
 * through gic_lr_deactivate(). Plus EOICount accounting in both modes
 * (IHI 0048B, GICH_HCR.EOICount; QEMU gic_complete_irq() and
 * gic_deactivate_irq()). */
#include "lr_harness.h"
#include "test_util.h"
#include "vif_test_util.h"

#define VMCR_EOIMODE1 (VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_EOIMODE | \
                       VINTC_GICH_VMCR_RESET | 0x1Fu << VINTC_GICH_VMCR_PRIMASK_SHIFT)

static unsigned eoicount(const struct gic_vif *vif)
{
    return (vif->hcr & VINTC_GICH_HCR_EOICOUNT_MASK) >> VINTC_GICH_HCR_EOICOUNT_SHIFT;
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
        vif_wr(&h->vif[0], 1, VINTC_GICV_EOIR, id);           /* drop only */
        ck_assert_int_eq(lrh_sync(h, 0), 1);
    }
    ck_assert_uint_eq(lrh_read(h, 0, 0x304), 0x70000000u);      /* ISACTIVER1 */
    ck_assert_int_eq(lrh_flush(h, 0), 1);
    ck_assert_uint_eq(lr_id(h->vif[0].lr[0]), 62);
    ck_assert_uint_eq(h->vif[0].hcr & VINTC_GICH_HCR_LRENPIE, VINTC_GICH_HCR_LRENPIE);
}

/* The repro: DIR of 60, outside the LR, must deactivate 60, not the
 * highest-priority active interrupt outside the LRs (61). */
START_TEST(software_dir_outside_lrs_deactivates_that_interrupt)
{
    struct lr_harness h;
    three_active(&h, true);
    vif_wr(&h.vif[0], 1, VINTC_GICV_DIR, 60);
    ck_assert_uint_eq(eoicount(&h.vif[0]), 1);      /* as hardware counts it */
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

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_lr_dir");
    TCase *sw = tcase_create("software_gicv");
    tcase_add_test(sw, software_dir_outside_lrs_deactivates_that_interrupt);
    tcase_add_test(sw, software_dir_outside_lrs_notifies_the_right_line);
    suite_add_tcase(s, sw);
    return s;
}
