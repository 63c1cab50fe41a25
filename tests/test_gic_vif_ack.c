/* SPDX-License-Identifier: MIT */
/* Software GICV: IAR/AIAR selection and acknowledge, HPPIR/AHPPIR, priority
 * drop and deactivation through EOIR/AEOIR/DIR, and EOICount. */
#include <string.h>

#include <vintc/gicv2.h>

#include "test_util.h"
#include "vif_test_util.h"

#define NR_LRS 4u
#define PEND   VINTC_GICH_LR_STATE_PENDING
#define ACT    VINTC_GICH_LR_STATE_ACTIVE
#define PACT   (VINTC_GICH_LR_STATE_PENDING | VINTC_GICH_LR_STATE_ACTIVE)
#define G1     VINTC_GICH_LR_GRP1

/* An LR holding `id` at 8-bit priority `prio` (a multiple of 8). */
static uint32_t mklr(uint32_t id, uint32_t prio, uint32_t bits)
{
    return id | (prio >> 3) << VINTC_GICH_LR_PRIORITY_SHIFT | bits;
}

static uint32_t eoicount(const struct gic_vif *vif)
{
    return (vif->hcr & VINTC_GICH_HCR_EOICOUNT_MASK) >>
           VINTC_GICH_HCR_EOICOUNT_SHIFT;
}

/* Reset, the interface enabled (GICH_HCR.En), both groups enabled, AckCtl
 * set, PMR 0xF8 (nothing masked). */
static void setup(struct gic_vif *vif)
{
    gic_vif_init(vif);
    vif->hcr = VINTC_GICH_HCR_EN;
    vif_wr(vif, NR_LRS, VINTC_GICV_CTLR,
           VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_GRP1EN |
               VINTC_GICH_VMCR_ACKCTL);
    vif_wr(vif, NR_LRS, VINTC_GICV_PMR, 0xF8);
}

/* ---- IAR selection ------------------------------------------------------ */

START_TEST(iar_takes_highest_priority)
{
    struct gic_vif vif;
    setup(&vif);
    vif.lr[0] = mklr(40, 0x80, PEND);
    vif.lr[1] = mklr(41, 0x20, PEND);
    vif.lr[2] = mklr(42, 0x50, PEND | G1);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 41);
    ck_assert_uint_eq(vif.lr[1], mklr(41, 0x20, ACT));
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x80, PEND));
    ck_assert_uint_eq(vif.lr[2], mklr(42, 0x50, PEND | G1));
    ck_assert_uint_eq(vif.apr, 1u << 4); /* 0x20 >> 3 */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_RPR), 0x20);
    /* Neither remaining LR preempts 0x20. */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 1023);
}
END_TEST

START_TEST(iar_tie_goes_to_lowest_lr)
{
    struct gic_vif vif;
    setup(&vif);
    vif.lr[1] = mklr(60, 0x40, PEND);
    vif.lr[3] = mklr(51, 0x40, PEND);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_HPPIR), 60);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 60);
    ck_assert_uint_eq(vif.lr[3], mklr(51, 0x40, PEND));
}
END_TEST

START_TEST(iar_priority_must_be_below_pmr)
{
    struct gic_vif vif;
    setup(&vif);
    vif.lr[0] = mklr(40, 0x80, PEND);
    vif_wr(&vif, NR_LRS, VINTC_GICV_PMR, 0x80); /* equal: masked */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 1023);
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x80, PEND));
    ck_assert_uint_eq(vif.apr, 0);
    vif_wr(&vif, NR_LRS, VINTC_GICV_PMR, 0x88);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 40);

    setup(&vif); /* PMR 0 masks priority 0 */
    vif.lr[0] = mklr(7, 0x00, PEND);
    vif_wr(&vif, NR_LRS, VINTC_GICV_PMR, 0);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 1023);
    vif_wr(&vif, NR_LRS, VINTC_GICV_PMR, 0x08);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 7);
}
END_TEST

START_TEST(iar_preemption_with_bpr2)
{
    struct gic_vif vif;
    setup(&vif);
    vif.lr[0] = mklr(40, 0x40, PEND);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 40);
    vif.lr[1] = mklr(41, 0x40, PEND); /* same group priority */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 1023);
    vif.lr[2] = mklr(42, 0x38, PEND); /* higher: preempts */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 42);
    ck_assert_uint_eq(vif.apr, (1u << 8) | (1u << 7));
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_RPR), 0x38);
}
END_TEST

START_TEST(iar_preemption_with_bpr3)
{
    struct gic_vif vif;
    setup(&vif);
    vif_wr(&vif, NR_LRS, VINTC_GICV_BPR, 3); /* group priority [7:4] */
    vif.lr[0] = mklr(40, 0x40, PEND);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 40);
    vif.lr[1] = mklr(41, 0x48, PEND); /* group priority 0x40 */
    vif.lr[2] = mklr(42, 0x38, PEND); /* group priority 0x30 */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 42);
    /* The APR bit is the group priority's level (6), not the priority's (7). */
    ck_assert_uint_eq(vif.apr, (1u << 8) | (1u << 6));
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_RPR), 0x30);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 1023);
    ck_assert_uint_eq(vif.lr[1], mklr(41, 0x48, PEND));
}
END_TEST

START_TEST(iar_bpr7_means_no_preemption)
{
    struct gic_vif vif;
    setup(&vif);
    vif_wr(&vif, NR_LRS, VINTC_GICV_BPR, 7);
    vif.lr[0] = mklr(40, 0xF0, PEND);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 40);
    ck_assert_uint_eq(vif.apr, 1u); /* group priority 0 */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_RPR), 0);
    vif.lr[1] = mklr(41, 0x00, PEND);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 1023);
}
END_TEST

/* Group 1 with CBPR = 0 uses ABPR ([7:ABPR]); Group 0, and Group 1 with
 * CBPR = 1, use BPR ([7:BPR+1]). BPR = ABPR = 4 tells them apart. */
START_TEST(group1_binary_point_follows_cbpr)
{
    struct gic_vif vif;
    setup(&vif);
    vif_wr(&vif, NR_LRS, VINTC_GICV_BPR, 4);
    vif_wr(&vif, NR_LRS, VINTC_GICV_ABPR, 4);
    vif.lr[0] = mklr(40, 0x58, PEND); /* Group 0: [7:5] -> 0x40 */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 40);
    ck_assert_uint_eq(vif.apr, 1u << 8);

    setup(&vif);
    vif_wr(&vif, NR_LRS, VINTC_GICV_BPR, 4);
    vif_wr(&vif, NR_LRS, VINTC_GICV_ABPR, 4);
    vif.lr[0] = mklr(40, 0x58, PEND | G1); /* Group 1: [7:4] -> 0x50 */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 40);
    ck_assert_uint_eq(vif.apr, 1u << 10);

    setup(&vif);
    vif_wr(&vif, NR_LRS, VINTC_GICV_CTLR,
           VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_GRP1EN |
               VINTC_GICH_VMCR_ACKCTL | VINTC_GICH_VMCR_CBPR);
    vif_wr(&vif, NR_LRS, VINTC_GICV_BPR, 4);
    vif_wr(&vif, NR_LRS, VINTC_GICV_ABPR, 4);
    vif.lr[0] = mklr(40, 0x58, PEND | G1); /* CBPR: BPR's [7:5] */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 40);
    ck_assert_uint_eq(vif.apr, 1u << 8);

    /* Reset ABPR 3 keeps [7:3] for Group 1. */
    setup(&vif);
    vif.lr[0] = mklr(40, 0x58, PEND | G1);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 40);
    ck_assert_uint_eq(vif.apr, 1u << 11);
}
END_TEST

START_TEST(iar_skips_disabled_groups)
{
    struct gic_vif vif;
    setup(&vif);
    vif.lr[0] = mklr(40, 0x10, PEND);
    vif.lr[1] = mklr(41, 0x20, PEND | G1);
    vif_wr(&vif, NR_LRS, VINTC_GICV_CTLR,
           VINTC_GICH_VMCR_GRP1EN | VINTC_GICH_VMCR_ACKCTL);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_HPPIR), 41);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR),
                      41); /* the higher Group 0 is off */
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x10, PEND));

    setup(&vif);
    vif.lr[0] = mklr(40, 0x10, PEND | G1);
    vif.lr[1] = mklr(41, 0x20, PEND);
    vif_wr(&vif, NR_LRS, VINTC_GICV_CTLR,
           VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_ACKCTL);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 41);

    setup(&vif);
    vif.lr[0] = mklr(40, 0x10, PEND);
    vif.lr[1] = mklr(41, 0x20, PEND | G1);
    vif_wr(&vif, NR_LRS, VINTC_GICV_CTLR, VINTC_GICH_VMCR_ACKCTL);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 1023);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AIAR), 1023);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_HPPIR), 1023);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AHPPIR), 1023);
    ck_assert_uint_eq(vif.apr, 0);
}
END_TEST

START_TEST(iar_group1_without_ackctl_is_1022)
{
    struct gic_vif vif;
    setup(&vif);
    vif_wr(&vif, NR_LRS, VINTC_GICV_CTLR,
           VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_GRP1EN);
    vif.lr[0] = mklr(40, 0x80, PEND);
    vif.lr[1] = mklr(41, 0x40, PEND | G1);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_HPPIR), 1022);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 1022);
    ck_assert_uint_eq(vif.lr[1], mklr(41, 0x40, PEND | G1)); /* not taken */
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x80, PEND));
    ck_assert_uint_eq(vif.apr, 0);
    /* The aliased registers see the Group 1 interrupt. */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AHPPIR), 41);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AIAR), 41);
    ck_assert_uint_eq(vif.apr, 1u << 8);
    /* A Group 1 interrupt below a Group 0 one does not hide it. */
    vif.lr[1] = 0;
    vif.apr = 0;
    vif.lr[2] = mklr(42, 0xA0, PEND | G1);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 40);
    /* With AckCtl = 1 IAR takes Group 1 too. */
    vif.apr = 0;
    vif_wr(&vif, NR_LRS, VINTC_GICV_CTLR,
           VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_GRP1EN |
               VINTC_GICH_VMCR_ACKCTL);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 42);
}
END_TEST

/* GICV_AIAR/AHPPIR are the aliased (Non-secure) view: Group 1 interrupts
 * only, and a Group 0 interrupt that is the highest-priority pending one is
 * read as 1023 rather than passed over for a Group 1 one below it (IHI 0048B
 * 5.3: the GICV registers behave as the GICC ones; 4.4.9 GICC_AIAR, 4.4.11
 * GICC_AHPPIR: "If the highest priority pending interrupt is in Group 0, a
 * read of this register returns 1023"). QEMU's gic_get_current_pending_irq
 * does the same for a Non-secure read. */
START_TEST(aliased_registers_see_group0_winner_as_spurious)
{
    struct gic_vif vif;
    setup(&vif);
    vif_wr(&vif, NR_LRS, VINTC_GICV_CTLR,
           VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_GRP1EN);
    vif.lr[0] = mklr(40, 0x10, PEND);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AIAR), 1023);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AHPPIR), 1023);
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x10, PEND));
    /* Group 1 LRs below the Group 0 one stay hidden from the aliases. */
    vif.lr[1] = mklr(41, 0x80, PEND | G1);
    vif.lr[2] = mklr(42, 0x60, PEND | G1);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AHPPIR), 1023);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AIAR), 1023);
    ck_assert_uint_eq(vif.lr[2], mklr(42, 0x60, PEND | G1));
    /* A Group 1 LR of higher priority than the Group 0 one is taken. */
    vif.lr[3] = mklr(43, 0x08, PEND | G1);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AHPPIR), 43);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AIAR), 43);
    ck_assert_uint_eq(vif.lr[3], mklr(43, 0x08, ACT | G1));
    vif.lr[3] = 0;
    vif.apr = 0;
    /* With Group 0 disabled its LR does not compete: the aliases take the
     * highest Group 1 LR. */
    vif_wr(&vif, NR_LRS, VINTC_GICV_CTLR, VINTC_GICH_VMCR_GRP1EN);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AHPPIR), 42);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AIAR), 42);
    ck_assert_uint_eq(vif.lr[2], mklr(42, 0x60, ACT | G1));
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x10, PEND));
    /* AIAR obeys the running priority and PMR like IAR. */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AIAR), 1023);
    vif.apr = 0;
    vif_wr(&vif, NR_LRS, VINTC_GICV_PMR, 0x80);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AIAR), 1023);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AHPPIR),
                      41); /* HPPIR is not masked */
    /* ... and needs Group 1 enabled. */
    vif_wr(&vif, NR_LRS, VINTC_GICV_PMR, 0xF8);
    vif_wr(&vif, NR_LRS, VINTC_GICV_CTLR,
           VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_ACKCTL);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AIAR), 1023);
    ck_assert_uint_eq(vif.lr[1], mklr(41, 0x80, PEND | G1));
}
END_TEST

START_TEST(iar_reports_sgi_cpuid_only_for_software_lrs)
{
    struct gic_vif vif;
    setup(&vif);
    vif.lr[0] = mklr(3, 0x40, PEND) | 5u << VINTC_GICH_LR_CPUID_SHIFT;
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_HPPIR), 0x1403);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 0x1403);
    ck_assert_uint_eq(vif.lr[0],
                      mklr(3, 0x40, ACT) | 5u << VINTC_GICH_LR_CPUID_SHIFT);

    setup(&vif); /* HW: [19:10] is PhysicalID */
    vif.lr[0] = mklr(27, 0x40, PEND | VINTC_GICH_LR_HW) |
                0x3FFu << VINTC_GICH_LR_PHYSID_SHIFT;
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_HPPIR), 27);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 27);
    ck_assert_uint_eq(vif.lr[0], mklr(27, 0x40, ACT | VINTC_GICH_LR_HW) |
                                     0x3FFu << VINTC_GICH_LR_PHYSID_SHIFT);
}
END_TEST

START_TEST(only_pending_state_is_acknowledged)
{
    struct gic_vif vif;
    setup(&vif);
    vif.lr[0] = mklr(40, 0x10, PACT);
    vif.lr[1] = mklr(41, 0x10, ACT);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_HPPIR), 1023);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 1023);
    vif.lr[2] = mklr(42, 0x80, PEND);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_HPPIR), 42);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 42);
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x10, PACT));
    ck_assert_uint_eq(vif.lr[1], mklr(41, 0x10, ACT));
}
END_TEST

START_TEST(iar_spurious_changes_nothing)
{
    struct gic_vif vif, before;
    setup(&vif);
    vif.hcr = VINTC_GICH_HCR_EN;
    before = vif;
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 1023);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AIAR), 1023);
    ck_assert_mem_eq(&vif, &before, sizeof(vif));
}
END_TEST

/* GICH_HCR.En = 0 disables the virtual CPU interface: GICV_IAR and GICV_AIAR
 * return the spurious ID 1023 and change no LR and no APR bit (IHI 0048B,
 * GICH_HCR.En; QEMU gic_irq_signaling_enabled() agrees). HPPIR and
 * AHPPIR follow En too (the architecture does not say; QEMU's
 * gic_update_internal() leaves current_pending at 1023 the same way). */
START_TEST(hcr_en_clear_makes_iar_and_hppir_spurious)
{
    struct gic_vif vif, before;
    gic_vif_init(&vif);
    vif.hcr = 0;
    vif.vmcr = 0xf84c0001u;  /* Grp0 enabled, PMR 0xF8 */
    vif.lr[0] = 0x10000020u; /* ID 0x20, priority 0, pending */
    vif.lr[1] = mklr(41, 0x40, PEND | G1);
    before = vif;
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 1023);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_HPPIR), 1023);
    vif.vmcr |= VINTC_GICH_VMCR_GRP1EN;
    before.vmcr = vif.vmcr;
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AIAR), 1023);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AHPPIR), 1023);
    ck_assert_mem_eq(&vif, &before, sizeof(vif)); /* no LR, no APR change */

    vif.hcr = VINTC_GICH_HCR_EN; /* enabled: the same LRs are taken */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_HPPIR), 0x20);
    /* The aliases see the Group 0 winner, as 1023 (aliased_registers_...). */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AHPPIR), 1023);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 0x20);
    ck_assert_uint_eq(vif.lr[0], 0x20000020u);
    ck_assert_uint_eq(vif.apr, 1);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AHPPIR), 41);
}
END_TEST

/* Loop over nr_lrs 1..64: only LRs below nr_lrs exist. */
START_TEST(lrs_beyond_nr_lrs_are_ignored)
{
    const unsigned nr = (unsigned)_i;
    struct gic_vif vif;
    uint32_t v;
    setup(&vif);
    for (unsigned i = nr; i < VINTC_GIC_MAX_LRS; i++)
        vif.lr[i] = mklr(100 + i, 0x00, PEND);
    vif.lr[nr - 1] = mklr(99, 0x80, PEND);
    ck_assert_int_eq(gic_vif_mmio_read(&vif, nr, VINTC_GICV_HPPIR, 4, &v), 0);
    ck_assert_uint_eq(v, 99);
    ck_assert_int_eq(gic_vif_mmio_read(&vif, nr, VINTC_GICV_IAR, 4, &v), 0);
    ck_assert_uint_eq(v, 99);
    ck_assert_uint_eq(vif.lr[nr - 1], mklr(99, 0x80, ACT));
    for (unsigned i = nr; i < VINTC_GIC_MAX_LRS; i++) {
        vif.lr[i] = mklr(99, 0x00, ACT); /* same ID, out of range */
    }
    ck_assert_int_eq(gic_vif_mmio_write(&vif, nr, VINTC_GICV_EOIR, 4, 99), 0);
    ck_assert_uint_eq(vif.lr[nr - 1], mklr(99, 0x80, 0));
    for (unsigned i = nr; i < VINTC_GIC_MAX_LRS; i++)
        ck_assert_uint_eq(vif.lr[i], mklr(99, 0x00, ACT));
    ck_assert_uint_eq(eoicount(&vif), 0);
}
END_TEST

/* With CBPR = 0 and VMABP != VMBP + 1 the two groups mask priorities
 * differently, so a lower-priority pending interrupt can have a group
 * priority that preempts while the highest-priority one cannot. The CPU
 * interface signals only the highest-priority pending interrupt, and only
 * if it has sufficient priority (IHI 0048B 3.2 "General handling of
 * interrupts" and 3.3 "Interrupt prioritization", Preemption; QEMU
 * gic_update_internal() and gic_acknowledge_irq() test only that one
 * interrupt): IAR returns 1023. */
START_TEST(split_binary_points_only_the_highest_pending_competes)
{
    struct gic_vif vif, before;
    setup(&vif);
    vif_wr(&vif, NR_LRS, VINTC_GICV_ABPR,
           5); /* Group 1: [7:5]; Group 0: [7:3] */
    vif.lr[0] = mklr(30, 0x48, ACT);
    vif.apr = 1u << (0x48 >> 3);           /* running priority 0x48 */
    vif.lr[1] = mklr(50, 0x50, PEND);      /* group priority 0x50: no */
    vif.lr[2] = mklr(60, 0x58, PEND | G1); /* group priority 0x40: would */
    before = vif;
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_HPPIR), 50);
    ck_assert(!gic_vif_irq_line(&vif, NR_LRS));
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 1023);
    ck_assert_mem_eq(&vif, &before, sizeof(vif));

    vif.lr[1] = 0; /* now 60 is the highest */
    ck_assert(gic_vif_irq_line(&vif, NR_LRS));
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 60);
    ck_assert_uint_eq(vif.apr, (1u << (0x48 >> 3)) | (1u << (0x40 >> 3)));
}
END_TEST

/* ---- HPPIR ------------------------------------------------------------- */

START_TEST(hppir_ignores_pmr_and_running_priority)
{
    struct gic_vif vif, before;
    setup(&vif);
    vif.lr[0] = mklr(40, 0x80, PEND);
    vif_wr(&vif, NR_LRS, VINTC_GICV_PMR, 0);
    before = vif;
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_HPPIR), 40);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 1023);
    ck_assert_mem_eq(&vif, &before, sizeof(vif)); /* HPPIR has no effect */

    vif_wr(&vif, NR_LRS, VINTC_GICV_PMR, 0xF8);
    vif.apr = 1u << 2; /* running 0x10 */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_HPPIR), 40);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AHPPIR),
                      1023); /* Group 0 only */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 1023);
}
END_TEST

/* ---- EOIR, DIR, EOICount ---------------------------------------------- */

START_TEST(eoir_drops_priorities_in_nesting_order)
{
    struct gic_vif vif;
    setup(&vif);
    vif.lr[0] = mklr(40, 0x80, PEND);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 40);
    vif.lr[1] = mklr(41, 0x40, PEND);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 41);
    ck_assert_uint_eq(vif.apr, (1u << 16) | (1u << 8));
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_RPR), 0x40);
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR, 41);
    ck_assert_uint_eq(vif.apr, 1u << 16);
    ck_assert_uint_eq(vif.lr[1], mklr(41, 0x40, 0));
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x80, ACT));
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_RPR), 0x80);
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR, 40);
    ck_assert_uint_eq(vif.apr, 0);
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x80, 0));
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_RPR), 0xFF);
    ck_assert_uint_eq(eoicount(&vif), 0);
}
END_TEST

/* The drop always clears the highest active priority, whichever ID the EOI
 * names; the deactivation follows the ID. */
START_TEST(eoir_drop_is_lowest_apr_bit_not_the_ids)
{
    struct gic_vif vif;
    setup(&vif);
    vif.lr[0] = mklr(40, 0x80, ACT);
    vif.lr[1] = mklr(41, 0x40, ACT);
    vif.apr = (1u << 16) | (1u << 8);
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR, 40);
    ck_assert_uint_eq(vif.apr, 1u << 16);
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x80, 0));
    ck_assert_uint_eq(vif.lr[1], mklr(41, 0x40, ACT));
}
END_TEST

START_TEST(eoir_pending_active_becomes_pending)
{
    struct gic_vif vif;
    setup(&vif);
    vif.lr[0] = mklr(40, 0x80, PEND);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 40);
    vif.lr[0] |= PEND; /* a new edge while active */
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR, 40);
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x80, PEND));
    ck_assert_uint_eq(vif.apr, 0);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR),
                      40); /* and can be taken again */
}
END_TEST

START_TEST(eoimode1_splits_drop_and_deactivate)
{
    struct gic_vif vif;
    setup(&vif);
    vif_wr(&vif, NR_LRS, VINTC_GICV_CTLR,
           VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_GRP1EN |
               VINTC_GICH_VMCR_ACKCTL | VINTC_GICH_VMCR_EOIMODE);
    vif.lr[0] = mklr(40, 0x80, PEND);
    vif.lr[1] = mklr(41, 0x40, ACT);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 40);
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR, 40); /* drop only */
    ck_assert_uint_eq(vif.apr, 0);
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x80, ACT));
    ck_assert_uint_eq(eoicount(&vif), 0);
    vif.apr = 1u << 3;
    vif_wr(&vif, NR_LRS, VINTC_GICV_DIR, 40); /* deactivate only */
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x80, 0));
    ck_assert_uint_eq(vif.apr, 1u << 3);
    ck_assert_uint_eq(vif.lr[1], mklr(41, 0x40, ACT));
    vif_wr(&vif, NR_LRS, VINTC_GICV_DIR, 41);
    ck_assert_uint_eq(vif.lr[1], mklr(41, 0x40, 0));
    ck_assert_uint_eq(eoicount(&vif), 0);
    vif_wr(&vif, NR_LRS, VINTC_GICV_DIR, 55); /* no LR: counted */
    ck_assert_uint_eq(eoicount(&vif), 1);
    ck_assert_uint_eq(vif.apr, 1u << 3);
}
END_TEST

START_TEST(dir_with_eoimode0_is_ignored)
{
    struct gic_vif vif, before;
    setup(&vif);
    vif.lr[0] = mklr(40, 0x80, ACT);
    vif.apr = 1u << 16;
    before = vif;
    vif_wr(&vif, NR_LRS, VINTC_GICV_DIR, 40);
    vif_wr(&vif, NR_LRS, VINTC_GICV_DIR, 55);
    ck_assert_mem_eq(&vif, &before, sizeof(vif));
}
END_TEST

START_TEST(eoi_without_lr_counts)
{
    struct gic_vif vif;
    setup(&vif);
    vif.hcr = VINTC_GICH_HCR_EN | VINTC_GICH_HCR_LRENPIE;
    vif.lr[0] = mklr(40, 0x80, PEND); /* pending only: no match */
    vif.apr = (1u << 4) | (1u << 9);
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR, 40);
    ck_assert_uint_eq(eoicount(&vif), 1);
    ck_assert_uint_eq(vif.apr, 1u << 9);
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x80, PEND));
    vif_wr(&vif, NR_LRS, VINTC_GICV_AEOIR, 77);
    ck_assert_uint_eq(eoicount(&vif), 2);
    ck_assert_uint_eq(vif.apr, 0);
    ck_assert_uint_eq(vif.hcr & ~VINTC_GICH_HCR_EOICOUNT_MASK,
                      VINTC_GICH_HCR_EN | VINTC_GICH_HCR_LRENPIE);
}
END_TEST

START_TEST(eoicount_wraps_at_32)
{
    struct gic_vif vif;
    setup(&vif);
    vif.hcr = 0x07FFFFFFu |
              30u << VINTC_GICH_HCR_EOICOUNT_SHIFT; /* other bits kept */
    vif.apr = 3;
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR, 40);
    ck_assert_uint_eq(vif.hcr,
                      0x07FFFFFFu | 31u << VINTC_GICH_HCR_EOICOUNT_SHIFT);
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR, 40);
    ck_assert_uint_eq(vif.hcr, 0x07FFFFFFu);
    ck_assert_uint_eq(vif.apr, 0);
}
END_TEST

/* With nothing active there is no priority to drop: the EOI does nothing,
 * neither deactivation nor EOICount. */
START_TEST(eoir_with_nothing_active_is_ignored)
{
    struct gic_vif vif, before;
    setup(&vif);
    vif.lr[0] = mklr(40, 0x80, ACT);
    before = vif;
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR, 40);
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR, 55);
    vif_wr(&vif, NR_LRS, VINTC_GICV_AEOIR, 40);
    ck_assert_mem_eq(&vif, &before, sizeof(vif));
}
END_TEST

/* Loop over IDs 1020..1023: EOIR, AEOIR and DIR ignore special IDs. */
START_TEST(special_ids_are_ignored)
{
    const uint32_t id = 1020u + (uint32_t)_i;
    struct gic_vif vif, before;
    setup(&vif);
    vif.lr[0] = mklr(id, 0x80, ACT); /* even if an LR holds it */
    vif.apr = 1u << 16;
    before = vif;
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR, id);
    vif_wr(&vif, NR_LRS, VINTC_GICV_AEOIR, id);
    ck_assert_mem_eq(&vif, &before, sizeof(vif));
    vif_wr(&vif, NR_LRS, VINTC_GICV_CTLR, VINTC_GICH_VMCR_EOIMODE);
    before = vif;
    vif_wr(&vif, NR_LRS, VINTC_GICV_DIR, id);
    ck_assert_mem_eq(&vif, &before, sizeof(vif));
}
END_TEST

START_TEST(eoi_matches_sgi_source_cpu)
{
    struct gic_vif vif;
    setup(&vif);
    vif.lr[0] = mklr(2, 0x80, ACT) | 1u << VINTC_GICH_LR_CPUID_SHIFT;
    vif.lr[1] = mklr(2, 0x80, ACT) | 3u << VINTC_GICH_LR_CPUID_SHIFT;
    vif.apr = 0x7;
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR, 2u | 3u << 10);
    ck_assert_uint_eq(vif.lr[1],
                      mklr(2, 0x80, 0) | 3u << VINTC_GICH_LR_CPUID_SHIFT);
    ck_assert_uint_eq(vif.lr[0],
                      mklr(2, 0x80, ACT) | 1u << VINTC_GICH_LR_CPUID_SHIFT);
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR,
           2u | 3u << 10); /* that source is done */
    ck_assert_uint_eq(eoicount(&vif), 1);
    ck_assert_uint_eq(vif.lr[0],
                      mklr(2, 0x80, ACT) | 1u << VINTC_GICH_LR_CPUID_SHIFT);
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR, 2u | 1u << 10);
    ck_assert_uint_eq(vif.lr[0],
                      mklr(2, 0x80, 0) | 1u << VINTC_GICH_LR_CPUID_SHIFT);
    ck_assert_uint_eq(eoicount(&vif), 1);

    /* IDs >= 16 and HW LRs: the CPUID bits of the EOI value do not matter. */
    setup(&vif);
    vif.lr[0] = mklr(40, 0x80, ACT);
    vif.lr[1] = mklr(5, 0x80, ACT | VINTC_GICH_LR_HW) |
                0x2Au << VINTC_GICH_LR_PHYSID_SHIFT;
    vif.apr = 0x3;
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR, 40u | 7u << 10);
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x80, 0));
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR, 5u | 4u << 10);
    ck_assert_uint_eq(vif.lr[1], mklr(5, 0x80, VINTC_GICH_LR_HW) |
                                     0x2Au << VINTC_GICH_LR_PHYSID_SHIFT);
    ck_assert_uint_eq(eoicount(&vif), 0);
}
END_TEST

START_TEST(deactivation_keeps_eoi_bit)
{
    struct gic_vif vif;
    setup(&vif);
    vif.lr[2] = mklr(40, 0x80, PEND | VINTC_GICH_LR_EOI);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 40);
    vif_wr(&vif, NR_LRS, VINTC_GICV_EOIR, 40);
    ck_assert_uint_eq(vif.lr[2], mklr(40, 0x80, VINTC_GICH_LR_EOI));
    ck_assert_uint_eq(gic_vif_eisr(&vif, NR_LRS), 1u << 2);
}
END_TEST

/* AEOIR is EOIR: it does not check the group (documented choice). */
START_TEST(aeoir_behaves_as_eoir)
{
    struct gic_vif vif;
    setup(&vif);
    vif.lr[0] = mklr(40, 0x80, PEND | G1);
    vif.lr[1] = mklr(41, 0x40, ACT); /* Group 0 */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AIAR), 40);
    vif_wr(&vif, NR_LRS, VINTC_GICV_AEOIR, 40);
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x80, G1));
    ck_assert_uint_eq(vif.apr, 0);
    vif.apr = 1u << 8;
    vif_wr(&vif, NR_LRS, VINTC_GICV_AEOIR, 41);
    ck_assert_uint_eq(vif.lr[1], mklr(41, 0x40, 0));
    ck_assert_uint_eq(vif.apr, 0);
    ck_assert_uint_eq(eoicount(&vif), 0);
    /* EOImode 1: AEOIR only drops. */
    vif_wr(&vif, NR_LRS, VINTC_GICV_CTLR,
           VINTC_GICH_VMCR_GRP1EN | VINTC_GICH_VMCR_EOIMODE);
    vif.lr[0] = mklr(40, 0x80, ACT | G1);
    vif.apr = 1u << 16;
    vif_wr(&vif, NR_LRS, VINTC_GICV_AEOIR, 40);
    ck_assert_uint_eq(vif.apr, 0);
    ck_assert_uint_eq(vif.lr[0], mklr(40, 0x80, ACT | G1));
}
END_TEST

/* Garbage everywhere: every access is defined, IAR returns an ID that an LR
 * held pending (or 1022/1023), and LRs beyond nr_lrs are never touched. */
START_TEST(garbage_state_is_survived)
{
    uint64_t x = 0x9E3779B97F4A7C15u;
    struct gic_vif vif;
    for (unsigned round = 0; round < 2000; round++) {
        uint32_t r[VINTC_GIC_MAX_LRS + 3];
        for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            r[i] = (uint32_t)x;
        }
        const unsigned nr = 1 + r[0] % VINTC_GIC_MAX_LRS;
        vif.hcr = r[1];
        vif.vmcr = r[2];
        vif.apr = round & 1 ? r[0] : 0;
        memcpy(vif.lr, &r[3], sizeof(vif.lr));
        const struct gic_vif before = vif;
        uint32_t id = 0;
        ck_assert_int_eq(gic_vif_mmio_read(&vif, nr, VINTC_GICV_IAR, 4, &id),
                         0);
        /* Either exactly one LR went pending -> active and the ID is its
         * VirtualID, or nothing changed and the ID is 1022 or 1023. */
        unsigned changed = 0;
        for (unsigned i = 0; i < nr; i++) {
            if (vif.lr[i] == before.lr[i])
                continue;
            changed++;
            ck_assert_uint_eq(before.lr[i] & VINTC_GICH_LR_STATE_MASK, PEND);
            ck_assert_uint_eq(vif.lr[i],
                              (before.lr[i] & ~VINTC_GICH_LR_STATE_MASK) | ACT);
            ck_assert_uint_eq(before.lr[i] & 0x3FFu, id & 0x3FFu);
        }
        if (!changed)
            ck_assert(id == 1022 || id == 1023);
        ck_assert_uint_le(changed, 1);
        for (uint32_t off = 0; off < 0x100; off += 4) {
            uint32_t v;
            ck_assert_int_eq(gic_vif_mmio_read(&vif, nr, off, 4, &v), 0);
            ck_assert_int_eq(
                gic_vif_mmio_write(&vif, nr, off, 4, r[off / 4 % 8]), 0);
        }
        ck_assert_int_eq(gic_vif_mmio_write(&vif, nr, VINTC_GICV_DIR, 4, r[4]),
                         0);
        (void)gic_vif_misr(&vif, nr);
        (void)gic_vif_irq_line(&vif, nr);
        ck_assert_uint_eq(gic_vif_eisr(&vif, nr) & gic_vif_elrsr(&vif, nr), 0);
        if (nr < VINTC_GIC_MAX_LRS)
            ck_assert_mem_eq(&vif.lr[nr], &before.lr[nr],
                             sizeof(uint32_t) * (VINTC_GIC_MAX_LRS - nr));
    }
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_vif_ack");
    TCase *iar = tcase_create("iar");
    tcase_add_test(iar, iar_takes_highest_priority);
    tcase_add_test(iar, iar_tie_goes_to_lowest_lr);
    tcase_add_test(iar, iar_priority_must_be_below_pmr);
    tcase_add_test(iar, iar_preemption_with_bpr2);
    tcase_add_test(iar, iar_preemption_with_bpr3);
    tcase_add_test(iar, iar_bpr7_means_no_preemption);
    tcase_add_test(iar, group1_binary_point_follows_cbpr);
    tcase_add_test(iar, iar_skips_disabled_groups);
    tcase_add_test(iar, iar_group1_without_ackctl_is_1022);
    tcase_add_test(iar, aliased_registers_see_group0_winner_as_spurious);
    tcase_add_test(iar, iar_reports_sgi_cpuid_only_for_software_lrs);
    tcase_add_test(iar, only_pending_state_is_acknowledged);
    tcase_add_test(iar, iar_spurious_changes_nothing);
    tcase_add_test(iar, hcr_en_clear_makes_iar_and_hppir_spurious);
    tcase_add_test(iar, split_binary_points_only_the_highest_pending_competes);
    tcase_add_loop_test(iar, lrs_beyond_nr_lrs_are_ignored, 1,
                        VINTC_GIC_MAX_LRS + 1);
    tcase_add_test(iar, hppir_ignores_pmr_and_running_priority);
    suite_add_tcase(s, iar);

    TCase *eoi = tcase_create("eoi");
    tcase_add_test(eoi, eoir_drops_priorities_in_nesting_order);
    tcase_add_test(eoi, eoir_drop_is_lowest_apr_bit_not_the_ids);
    tcase_add_test(eoi, eoir_pending_active_becomes_pending);
    tcase_add_test(eoi, eoimode1_splits_drop_and_deactivate);
    tcase_add_test(eoi, dir_with_eoimode0_is_ignored);
    tcase_add_test(eoi, eoi_without_lr_counts);
    tcase_add_test(eoi, eoicount_wraps_at_32);
    tcase_add_test(eoi, eoir_with_nothing_active_is_ignored);
    tcase_add_loop_test(eoi, special_ids_are_ignored, 0, 4);
    tcase_add_test(eoi, eoi_matches_sgi_source_cpu);
    tcase_add_test(eoi, deactivation_keeps_eoi_bit);
    tcase_add_test(eoi, aeoir_behaves_as_eoir);
    tcase_add_test(eoi, garbage_state_is_survived);
    suite_add_tcase(s, eoi);
    return s;
}
