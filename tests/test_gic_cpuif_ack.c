/* SPDX-License-Identifier: MIT */
/* CPU-interface backend: acknowledge, priority, preemption, binary points,
 * priority drop and deactivation through the GICC registers (IHI0048B 3.3
 * "Interrupt prioritization", 4.4 "CPU interface register descriptions";
 * QEMU hw/intc/arm_gic.c gic_acknowledge_irq/gic_complete_irq agree where
 * noted). */
#include "cpuif_test_util.h"
#include "test_util.h"

#define G0 VINTC_GICC_CTLR_ENABLE_GRP0
#define G1 VINTC_GICC_CTLR_ENABLE_GRP1

static uint32_t active_bits(struct gic *g, unsigned cpu, unsigned reg)
{
    return tu_rd(g, cpu, VINTC_GICD_ISACTIVER + reg * 4);
}

/* The highest-priority pending interrupt is acknowledged; equal priorities
 * go to the lowest ID (IMPDEF; QEMU picks the lowest ID too). */
START_TEST(iar_takes_highest_priority_lowest_id)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_spi(g, 40, 0x80, 1, true);
    cu_spi(g, 42, 0x40, 1, true);
    cu_spi(g, 41, 0x40, 1, true);
    tu_pulse(g, 0, 40);
    tu_pulse(g, 0, 42);
    tu_pulse(g, 0, 41);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_HPPIR), 41);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 41);
    /* 42 has the same group priority as the running one: no preemption. */
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), VINTC_GIC_SPURIOUS_ID);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_HPPIR), 42);
    cu_wr(g, 0, VINTC_GICC_EOIR, 41);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 42);
    cu_wr(g, 0, VINTC_GICC_EOIR, 42);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    cu_wr(g, 0, VINTC_GICC_EOIR, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), VINTC_GIC_SPURIOUS_ID);
    ck_assert_uint_eq(active_bits(g, 0, 1), 0);
    gic_destroy(g);
}
END_TEST

/* Nested preemption: each higher-priority interrupt preempts the active
 * one, RPR follows the highest active priority, the active-priority bits
 * are one per preemption level (GICC_APRn recommended layout: bit k = group
 * priority >> 1 with 8 priority bits), and EOIs in reverse order unwind it. */
START_TEST(nested_preemption_eoi_in_reverse_order)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_spi(g, 50, 0xC0, 1, true);
    cu_spi(g, 51, 0x80, 1, true);
    cu_spi(g, 52, 0x40, 1, true);

    tu_pulse(g, 0, 50);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 50);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0xC0);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    tu_pulse(g, 0, 51);
    ck_assert_uint_eq(cu_irq(&h, 0), 1); /* 0x80 preempts 0xC0 */
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 51);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0x80);
    tu_pulse(g, 0, 52);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 52);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0x40);
    /* Levels 0x60, 0x40, 0x20: APR3 bit 0, APR2 bit 0, APR1 bit 0. */
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_APR0), 0);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_APR0 + 4), 1);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_APR0 + 8), 1);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_APR0 + 12), 1);
    ck_assert_uint_eq(active_bits(g, 0, 1), 7u << 18);

    cu_wr(g, 0, VINTC_GICC_EOIR, 52);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0x80);
    ck_assert_uint_eq(active_bits(g, 0, 1), 3u << 18);
    cu_wr(g, 0, VINTC_GICC_EOIR, 51);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0xC0);
    ck_assert_uint_eq(active_bits(g, 0, 1), 1u << 18);
    cu_wr(g, 0, VINTC_GICC_EOIR, 50);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0xFF);
    ck_assert_uint_eq(active_bits(g, 0, 1), 0);
    for (unsigned w = 0; w < 4; w++)
        ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_APR0 + 4 * w), 0);
    gic_destroy(g);
}
END_TEST

/* Preemption compares group priorities (IHI0048B 3.3 "Priority grouping"):
 * with BPR = 3 the group field is [7:4], so 0x38 (group 0x30) preempts an
 * active 0x40 but 0x48 (group 0x40) and 0x41 do not. */
START_TEST(preemption_uses_group_priority)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_wr(g, 0, VINTC_GICC_BPR, 3);
    cu_spi(g, 40, 0x40, 1, true);
    cu_spi(g, 41, 0x48, 1, true);
    cu_spi(g, 42, 0x38, 1, true);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    tu_pulse(g, 0, 41);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), VINTC_GIC_SPURIOUS_ID);
    tu_pulse(g, 0, 42);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 42);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0x30);
    gic_destroy(g);
}
END_TEST

/* GICC_PMR: signalled only if priority < PMR, strictly. HPPIR is not
 * filtered by PMR or the running priority. */
START_TEST(pmr_masks_strictly_hppir_does_not)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_wr(g, 0, VINTC_GICC_PMR, 0x80);
    cu_spi(g, 40, 0x80, 1, true);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    ck_assert(!gic_cpu_pending(g, 0));
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_HPPIR), 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), VINTC_GIC_SPURIOUS_ID);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, 40));
    cu_wr(g, 0, VINTC_GICC_PMR, 0x81);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert(gic_cpu_pending(g, 0));
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISPENDR, 40));
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISACTIVER, 40));
    gic_destroy(g);
}
END_TEST

/* A Group 1 interrupt read through GICC_IAR/HPPIR with AckCtl = 0 reports
 * 1022 and stays pending; AIAR/AHPPIR report it (IHI0048B GICC_IAR,
 * GICC_CTLR.AckCtl; QEMU gic_get_current_pending_irq). */
START_TEST(group1_with_ackctl0_reads_1022)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_spi(g, 40, 0x80, 1, true);
    cu_group(g, 0, 40, true);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_HPPIR),
                      VINTC_GIC_GROUP1_HIDDEN_ID);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), VINTC_GIC_GROUP1_HIDDEN_ID);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, 40));
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0xFF);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_AHPPIR), 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_AIAR), 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_NSAPR0 + 8), 1); /* level 0x40 */
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_APR0 + 8), 0);
    cu_wr(g, 0, VINTC_GICC_AEOIR, 40);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISACTIVER, 40));
    /* AckCtl = 1: IAR takes Group 1 too. */
    cu_wr(g, 0, VINTC_GICC_CTLR, G0 | G1 | VINTC_GICC_CTLR_ACKCTL);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_HPPIR), 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    gic_destroy(g);
}
END_TEST

/* The aliased registers see Group 1 only: a pending Group 0 interrupt is
 * 1023 there, never 1022. */
START_TEST(aliased_registers_are_group1_only)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_spi(g, 40, 0x40, 1, true);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_AHPPIR), VINTC_GIC_SPURIOUS_ID);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_AIAR), VINTC_GIC_SPURIOUS_ID);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    gic_destroy(g);
}
END_TEST

/* The aliased registers are the Non-secure view of IAR and HPPIR (IHI0048B
 * 4.4.9 GICC_AIAR, 4.4.11 GICC_AHPPIR): they report the highest-priority
 * pending interrupt only when it is Group 1. A Group 0 interrupt above a
 * pending Group 1 one makes them read 1023 and AIAR acknowledges nothing
 * (Arm's GICC_AHPPIR description: "If the highest priority pending
 * interrupt is in Group 0, a read of this register returns the special
 * INTID 1023"; QEMU gic_get_current_pending_irq: "Group0 interrupts hidden
 * from Non-secure access"). With Group 0 disabled in GICC_CTLR it is not a
 * candidate, and the Group 1 one is reported again. */
START_TEST(aliased_registers_see_group0_winner_as_spurious)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_spi(g, 40, 0x40, 1, true); /* Group 0 */
    cu_spi(g, 41, 0x60, 1, true); /* Group 1, lower priority */
    cu_group(g, 0, 41, true);
    tu_pulse(g, 0, 41);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_AHPPIR), VINTC_GIC_SPURIOUS_ID);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_AIAR), VINTC_GIC_SPURIOUS_ID);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, 41));
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0xFF);
    /* 40 acknowledged and ended: 41 is the highest again. */
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    cu_wr(g, 0, VINTC_GICC_EOIR, 40);
    tu_pulse(g, 0, 40);
    cu_wr(g, 0, VINTC_GICC_CTLR, G1);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_AHPPIR), 41);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_AIAR), 41);
    cu_wr(g, 0, VINTC_GICC_AEOIR, 41);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0xFF);
    gic_destroy(g);
}
END_TEST

/* A group disabled in GICC_CTLR is ignored by IAR and HPPIR (GICC_HPPIR:
 * "interrupt identifiers corresponding to an interrupt group that is not
 * enabled are ignored"); one disabled in GICD_CTLR is not forwarded. */
START_TEST(disabled_groups_are_ignored)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_spi(g, 40, 0x10, 1, true); /* Group 0, higher priority */
    cu_spi(g, 41, 0x80, 1, true);
    cu_group(g, 0, 41, true);
    tu_pulse(g, 0, 40);
    tu_pulse(g, 0, 41);
    cu_wr(g, 0, VINTC_GICC_CTLR, G1 | VINTC_GICC_CTLR_ACKCTL);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_HPPIR), 41);
    tu_wr(g, 0, VINTC_GICD_CTLR, VINTC_GICD_CTLR_ENABLE_GRP0);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_HPPIR), VINTC_GIC_SPURIOUS_ID);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 41);
    cu_wr(g, 0, VINTC_GICC_CTLR, G0 | G1 | VINTC_GICC_CTLR_ACKCTL);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    gic_destroy(g);
}
END_TEST

/* Split binary points (CBPR = 0): the CPU interface presents the highest
 * priority pending interrupt and signals it only if it can preempt; a lower
 * priority one that could preempt under its own binary point is not taken
 * instead (IHI0048B 3.3 "Preemption"; QEMU gic_update tests only the best). */
START_TEST(split_binary_points_check_only_the_highest)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_wr(g, 0, VINTC_GICC_CTLR, G0 | G1 | VINTC_GICC_CTLR_ACKCTL);
    cu_spi(g, 40, 0x40, 1, true); /* Group 0, taken with BPR 0 */
    cu_spi(g, 41, 0x50, 1, true); /* Group 0 */
    cu_spi(g, 42, 0x60, 1, true); /* Group 1 */
    cu_group(g, 0, 42, true);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0x40);
    cu_wr(g, 0, VINTC_GICC_BPR, 5);  /* Group 0: group field [7:6] */
    cu_wr(g, 0, VINTC_GICC_ABPR, 7); /* Group 1: group field [7] */
    tu_pulse(g, 0, 41);              /* group priority 0x40: cannot */
    tu_pulse(g, 0, 42);              /* group priority 0x00: could */
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_HPPIR), 41);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), VINTC_GIC_SPURIOUS_ID);
    /* CBPR = 1: Group 1 uses BPR too; still nothing can preempt. */
    cu_wr(g, 0, VINTC_GICC_CTLR,
          G0 | G1 | VINTC_GICC_CTLR_ACKCTL | VINTC_GICC_CTLR_CBPR);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), VINTC_GIC_SPURIOUS_ID);
    cu_wr(g, 0, VINTC_GICC_EOIR, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 41);
    gic_destroy(g);
}
END_TEST

/* ABPR is the Group 1 binary point when CBPR = 0: group field [7:ABPR]. */
START_TEST(abpr_groups_group1)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_wr(g, 0, VINTC_GICC_CTLR, G0 | G1 | VINTC_GICC_CTLR_ACKCTL);
    cu_spi(g, 40, 0x40, 1, true);
    cu_spi(g, 41, 0x38, 1, true);
    cu_group(g, 0, 40, true);
    cu_group(g, 0, 41, true);
    cu_wr(g, 0, VINTC_GICC_ABPR, 7); /* [7:7]: 0x40 and 0x38 alike */
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0x00);
    tu_pulse(g, 0, 41);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), VINTC_GIC_SPURIOUS_ID);
    cu_wr(g, 0, VINTC_GICC_EOIR, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 41);
    cu_wr(g, 0, VINTC_GICC_EOIR, 41);
    cu_wr(g, 0, VINTC_GICC_ABPR, 4); /* [7:4]: 0x30 preempts 0x40 */
    tu_pulse(g, 0, 40);
    tu_pulse(g, 0, 41);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 41);
    gic_destroy(g);
}
END_TEST

/* EOImode 1: EOIR only drops priority, GICC_DIR deactivates, in any order
 * (IHI0048B GICC_DIR; QEMU gic_deactivate_irq). */
START_TEST(eoimode1_dir_in_any_order)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_wr(g, 0, VINTC_GICC_CTLR, G0 | G1 | VINTC_GICC_CTLR_EOIMODE);
    cu_spi(g, 40, 0xC0, 1, true);
    cu_spi(g, 41, 0x80, 1, true);
    cu_spi(g, 42, 0x40, 1, true);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    tu_pulse(g, 0, 41);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 41);
    cu_wr(g, 0, VINTC_GICC_EOIR, 41);
    cu_wr(g, 0, VINTC_GICC_EOIR, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0xFF);
    ck_assert_uint_eq(active_bits(g, 0, 1), 3u << 8);
    /* Deactivate the older one first. */
    cu_wr(g, 0, VINTC_GICC_DIR, 40);
    ck_assert_uint_eq(active_bits(g, 0, 1), 1u << 9);
    cu_wr(g, 0, VINTC_GICC_DIR, 41);
    ck_assert_uint_eq(active_bits(g, 0, 1), 0);
    /* DIR before the priority drop: deactivated, RPR unchanged. */
    tu_pulse(g, 0, 42);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 42);
    cu_wr(g, 0, VINTC_GICC_DIR, 42);
    ck_assert_uint_eq(active_bits(g, 0, 1), 0);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0x40);
    /* While 42's priority is still running, a new 40 cannot preempt. */
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), VINTC_GIC_SPURIOUS_ID);
    cu_wr(g, 0, VINTC_GICC_EOIR, 42);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0xFF);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    gic_destroy(g);
}
END_TEST

/* An SPI's active state is not banked: a GICC_DIR from another CPU
 * deactivates it (as QEMU's gic_deactivate_irq does), and the SPI is then
 * signalled to its targets again if it is pending. */
START_TEST(dir_of_an_spi_from_another_cpu)
{
    struct cu_host h;
    struct gic *g = cu_gic(2, 64, &h);
    cu_enable_all(g, 2);
    cu_wr(g, 1, VINTC_GICC_CTLR, G0 | G1 | VINTC_GICC_CTLR_EOIMODE);
    cu_spi(g, 40, 0x40, 1, true);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    tu_pulse(g, 0, 40); /* active and pending */
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    cu_wr(g, 1, VINTC_GICC_DIR, 40);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISACTIVER, 40));
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR),
                      0x40);          /* CPU 0's priority stays */
    cu_wr(g, 0, VINTC_GICC_EOIR, 40); /* drop; nothing to deactivate */
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    gic_destroy(g);
}
END_TEST

/* EOImode 0: GICC_DIR is UNPREDICTABLE and ignored (as QEMU does). */
START_TEST(dir_with_eoimode0_is_ignored)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_spi(g, 40, 0x40, 1, true);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    cu_wr(g, 0, VINTC_GICC_DIR, 40);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISACTIVER, 40));
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0x40);
    gic_destroy(g);
}
END_TEST

/* An EOIR of a special or nonexistent ID, or with nothing active, changes
 * nothing (QEMU gic_complete_irq ignores both). */
START_TEST(eoi_of_nothing_is_ignored)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_spi(g, 40, 0x40, 1, true);
    cu_wr(g, 0, VINTC_GICC_EOIR, 40); /* nothing active */
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    cu_wr(g, 0, VINTC_GICC_EOIR, VINTC_GIC_SPURIOUS_ID);
    cu_wr(g, 0, VINTC_GICC_EOIR, 1020);
    cu_wr(g, 0, VINTC_GICC_EOIR, 64); /* >= nr_irqs */
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0x40);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISACTIVER, 40));
    struct gic_stats st;
    ck_assert_int_eq(gic_get_stats(g, 0, &st), 0);
    ck_assert_uint_eq(st.cpuif_eois, 0);
    cu_wr(g, 0, VINTC_GICC_EOIR, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0xFF);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISACTIVER, 40));
    ck_assert_int_eq(gic_get_stats(g, 0, &st), 0);
    ck_assert_uint_eq(st.cpuif_eois, 1);
    ck_assert_uint_eq(st.cpuif_deactivations, 1);
    gic_destroy(g);
}
END_TEST

/* Nothing pending: IAR returns 1023 and changes nothing. */
START_TEST(iar_with_nothing_pending_is_spurious)
{
    struct cu_host h;
    struct gic *g = cu_gic(2, 64, &h);
    cu_enable_all(g, 2);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_IAR), VINTC_GIC_SPURIOUS_ID);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_AIAR), VINTC_GIC_SPURIOUS_ID);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_HPPIR), VINTC_GIC_SPURIOUS_ID);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_RPR), 0xFF);
    struct gic_stats st;
    ck_assert_int_eq(gic_get_stats(g, 1, &st), 0);
    ck_assert_uint_eq(st.cpuif_spurious, 2);
    ck_assert_uint_eq(st.cpuif_acks, 0);
    gic_destroy(g);
}
END_TEST

/* SGIs: IAR reports the source CPU in [12:10], lowest source first; the
 * SGI is active for its target until deactivated, so the second source
 * waits (active and pending) (IHI0048B GICC_IAR CPUID; QEMU ctz order). */
START_TEST(sgi_sources_one_at_a_time)
{
    struct cu_host h;
    struct gic *g = cu_gic(4, 64, &h);
    cu_enable_all(g, 4);
    tu_wr(g, 2, VINTC_GICD_SGIR, VINTC_GICD_SGIR_VALUE(0, 1, 3));
    tu_wr(g, 1, VINTC_GICD_SGIR, VINTC_GICD_SGIR_VALUE(0, 1, 3));
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_HPPIR), 3u | 1u << 10);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 3u | 1u << 10);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    ck_assert_uint_eq(tu_rdw(g, 0, VINTC_GICD_SPENDSGIR + 3, 1), 1u << 2);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), VINTC_GIC_SPURIOUS_ID);
    cu_wr(g, 0, VINTC_GICC_EOIR, 3u | 1u << 10);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 3u | 2u << 10);
    cu_wr(g, 0, VINTC_GICC_EOIR, 3u | 2u << 10);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), VINTC_GIC_SPURIOUS_ID);
    ck_assert_uint_eq(atomic_load(&h.eois), 0); /* SGIs are edge */
    gic_destroy(g);
}
END_TEST

/* A level interrupt whose line stays high is active and pending after IAR;
 * its deactivation calls irq_eoi and it is signalled again; lowering the
 * line then drops the IRQ line (IHI0048B 3.2.4). */
START_TEST(level_interrupt_resample_and_irq_eoi)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_spi(g, 33, 0x40, 1, false);
    ck_assert_int_eq(gic_set_irq(g, 0, 33, true), 0);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 33);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, 33));
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISACTIVER, 33));
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    cu_wr(g, 0, VINTC_GICC_EOIR, 33);
    ck_assert_uint_eq(atomic_load(&h.eois), 1);
    ck_assert_uint_eq(atomic_load(&h.last_eoi), 33);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_int_eq(gic_set_irq(g, 0, 33, false), 0);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), VINTC_GIC_SPURIOUS_ID);
    /* Edge interrupts get no irq_eoi. */
    cu_spi(g, 40, 0x40, 1, true);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    cu_wr(g, 0, VINTC_GICC_EOIR, 40);
    ck_assert_uint_eq(atomic_load(&h.eois), 1);
    gic_destroy(g);
}
END_TEST

/* PPIs are banked: each CPU acknowledges its own. */
START_TEST(ppis_are_banked)
{
    struct cu_host h;
    struct gic *g = cu_gic(2, 64, &h);
    cu_enable_all(g, 2);
    for (unsigned c = 0; c < 2; c++) {
        tu_wrw(g, c, VINTC_GICD_IPRIORITYR + 27, 1, 0x20);
        tu_enable(g, c, 27);
    }
    ck_assert_int_eq(gic_set_irq(g, 1, 27, true), 0);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    ck_assert_uint_eq(cu_irq(&h, 1), 1);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), VINTC_GIC_SPURIOUS_ID);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_IAR), 27);
    cu_wr(g, 1, VINTC_GICC_EOIR, 27);
    ck_assert_uint_eq(atomic_load(&h.eois), 1); /* PPIs are level here */
    gic_destroy(g);
}
END_TEST

/* priority_bits 4..8: PMR keeps the implemented bits, BPR's minimum is
 * 7 - min(n, 7), ABPR's one more, and the active-priority bit of priority p
 * is (p >> (8 - min(n, 7))) (IHI0048B 3.3, GICC_BPR, GICC_APRn). */
START_TEST(priority_bits_4_to_8)
{
    for (unsigned n = 4; n <= 8; n++) {
        struct cu_host h;
        struct gic_config cfg = cu_config(1, 64, n);
        struct gic *g = cu_gic_cfg(&cfg, &h);
        unsigned minbpr = 7 - (n < 7 ? n : 7), shift = minbpr + 1;
        uint32_t pmask = (0xFFu << (8 - n)) & 0xFFu;
        ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_BPR), minbpr);
        ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_ABPR), minbpr + 1);
        cu_wr(g, 0, VINTC_GICC_BPR, 0);
        cu_wr(g, 0, VINTC_GICC_ABPR, 0);
        ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_BPR), minbpr);
        ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_ABPR), minbpr + 1);
        cu_enable_all(g, 1);
        ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_PMR), pmask);
        /* APR words and bits: 2^min(n,7) of them. */
        unsigned levels = 1u << (8 - shift);
        for (unsigned w = 0; w < 4; w++) {
            cu_wr(g, 0, VINTC_GICC_APR0 + 4 * w, ~0u);
            cu_wr(g, 0, VINTC_GICC_NSAPR0 + 4 * w, ~0u);
            uint32_t want = levels <= 32 * w ? 0
                            : levels - 32 * w >= 32
                                ? ~0u
                                : (1u << (levels - 32 * w)) - 1;
            ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_APR0 + 4 * w), want);
            ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_NSAPR0 + 4 * w), want);
            cu_wr(g, 0, VINTC_GICC_APR0 + 4 * w, 0);
            cu_wr(g, 0, VINTC_GICC_NSAPR0 + 4 * w, 0);
        }
        /* Priority 0x3F keeps its implemented bits; with BPR at its
         * minimum all of them that are group bits decide the level. */
        uint32_t prio = 0x3Fu & pmask;
        cu_spi(g, 40, 0x3F, 1, true);
        ck_assert_uint_eq(tu_rdw(g, 0, VINTC_GICD_IPRIORITYR + 40, 1), prio);
        tu_pulse(g, 0, 40);
        ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
        uint32_t gp = prio & (0xFFu << shift) & 0xFFu;
        unsigned level = gp >> shift;
        ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), gp);
        ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_APR0 + 4 * (level / 32)),
                          1u << (level % 32));
        cu_wr(g, 0, VINTC_GICC_EOIR, 40);
        ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0xFF);
        gic_destroy(g);
    }
}
END_TEST

/* Writing the active-priority registers changes the running priority and
 * so what can preempt. */
START_TEST(apr_writes_set_running_priority)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_spi(g, 40, 0x40, 1, true);
    cu_wr(g, 0, VINTC_GICC_NSAPR0 + 4, 1); /* level 32: 0x40 */
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0x40);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    cu_wr(g, 0, VINTC_GICC_APR0, 1u << 31); /* level 31: 0x3E */
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0x3E);
    cu_wr(g, 0, VINTC_GICC_APR0, 0);
    cu_wr(g, 0, VINTC_GICC_NSAPR0 + 4, 0);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    gic_destroy(g);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_cpuif_ack");
    TCase *tc = tcase_create("ack");
    tcase_add_test(tc, iar_takes_highest_priority_lowest_id);
    tcase_add_test(tc, nested_preemption_eoi_in_reverse_order);
    tcase_add_test(tc, preemption_uses_group_priority);
    tcase_add_test(tc, pmr_masks_strictly_hppir_does_not);
    tcase_add_test(tc, group1_with_ackctl0_reads_1022);
    tcase_add_test(tc, aliased_registers_are_group1_only);
    tcase_add_test(tc, aliased_registers_see_group0_winner_as_spurious);
    tcase_add_test(tc, disabled_groups_are_ignored);
    tcase_add_test(tc, split_binary_points_check_only_the_highest);
    tcase_add_test(tc, abpr_groups_group1);
    tcase_add_test(tc, eoimode1_dir_in_any_order);
    tcase_add_test(tc, dir_with_eoimode0_is_ignored);
    tcase_add_test(tc, dir_of_an_spi_from_another_cpu);
    tcase_add_test(tc, eoi_of_nothing_is_ignored);
    tcase_add_test(tc, iar_with_nothing_pending_is_spurious);
    tcase_add_test(tc, sgi_sources_one_at_a_time);
    tcase_add_test(tc, level_interrupt_resample_and_irq_eoi);
    tcase_add_test(tc, ppis_are_banked);
    tcase_add_test(tc, priority_bits_4_to_8);
    tcase_add_test(tc, apr_writes_set_running_priority);
    suite_add_tcase(s, tc);
    return s;
}
