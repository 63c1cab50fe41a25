/* SPDX-License-Identifier: MIT */
/* CPU-interface backend: the GICC register file, its reset values and the
 * access rules (IHI0048B 4.4, table 4-2 "CPU interface register map"), and
 * the calls that exist only on the other backend. */
#include <errno.h>

#include "cpuif_test_util.h"
#include "test_util.h"

/* Reset values without Security Extensions: CTLR 0, PMR 0, BPR and ABPR at
 * their minimum (+1), RPR idle, HPPIR 1023, APRs 0, IIDR ArchRev 2. */
START_TEST(reset_values)
{
    struct cu_host h;
    struct gic_config cfg = cu_config(2, 64, 5);
    struct gic *g = cu_gic_cfg(&cfg, &h);
    for (unsigned c = 0; c < 2; c++) {
        ck_assert_uint_eq(cu_rd(g, c, VINTC_GICC_CTLR), 0);
        ck_assert_uint_eq(cu_rd(g, c, VINTC_GICC_PMR), 0);
        ck_assert_uint_eq(cu_rd(g, c, VINTC_GICC_BPR), 2);
        ck_assert_uint_eq(cu_rd(g, c, VINTC_GICC_ABPR), 3);
        ck_assert_uint_eq(cu_rd(g, c, VINTC_GICC_RPR), 0xFF);
        ck_assert_uint_eq(cu_rd(g, c, VINTC_GICC_HPPIR), VINTC_GIC_SPURIOUS_ID);
        ck_assert_uint_eq(cu_rd(g, c, VINTC_GICC_AHPPIR),
                          VINTC_GIC_SPURIOUS_ID);
        for (unsigned w = 0; w < 4; w++) {
            ck_assert_uint_eq(cu_rd(g, c, VINTC_GICC_APR0 + 4 * w), 0);
            ck_assert_uint_eq(cu_rd(g, c, VINTC_GICC_NSAPR0 + 4 * w), 0);
        }
        uint32_t iidr = cu_rd(g, c, VINTC_GICC_IIDR);
        ck_assert_uint_eq(iidr, VINTC_GICC_IIDR_VALUE);
        ck_assert_uint_eq((iidr >> 16) & 0xF, 2); /* GICv2 */
        ck_assert_uint_eq(iidr & 0xFFF, 0x43B);   /* Arm */
    }
    gic_destroy(g);
}
END_TEST

/* GICC_CTLR keeps EnableGrp0/1, AckCtl, FIQEn, CBPR and EOImode; the
 * bypass-disable bits and everything else are RAZ/WI. */
START_TEST(ctlr_bits)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 32, &h);
    cu_wr(g, 0, VINTC_GICC_CTLR, ~0u);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_CTLR), 0x21F);
    for (unsigned b = 0; b < 32; b++) {
        cu_wr(g, 0, VINTC_GICC_CTLR, 1u << b);
        ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_CTLR), (1u << b) & 0x21Fu);
    }
    gic_destroy(g);
}
END_TEST

/* PMR, BPR, ABPR read back what was written (within their fields), and
 * every CPU has its own (the "this CPU" view of the GICC frame). */
START_TEST(registers_are_per_cpu)
{
    struct cu_host h;
    struct gic *g = cu_gic(2, 32, &h);
    cu_wr(g, 0, VINTC_GICC_PMR, 0x1A5);
    cu_wr(g, 0, VINTC_GICC_BPR, 0xF4);
    cu_wr(g, 0, VINTC_GICC_ABPR, 0x16);
    cu_wr(g, 0, VINTC_GICC_CTLR, 0x3);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_PMR), 0xA5);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_BPR), 4);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_ABPR), 6);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_PMR), 0);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_BPR), 0);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_ABPR), 1);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_CTLR), 0);
    gic_destroy(g);
}
END_TEST

/* Malformed accesses are refused exactly as gic_dist_mmio_* refuse them:
 * bad size, misaligned, outside the frame, CPU out of range, NULL. */
START_TEST(malformed_accesses)
{
    struct cu_host h;
    struct gic *g = cu_gic(2, 32, &h);
    uint32_t v = 7;
    ck_assert_int_eq(gic_cpuif_mmio_read(g, 0, VINTC_GICC_PMR, 3, &v), -EINVAL);
    ck_assert_uint_eq(v, 0);
    v = 7;
    ck_assert_int_eq(gic_cpuif_mmio_read(g, 0, VINTC_GICC_PMR, 8, &v), -EINVAL);
    ck_assert_int_eq(gic_cpuif_mmio_read(g, 0, VINTC_GICC_PMR + 2, 4, &v),
                     -EINVAL);
    ck_assert_int_eq(gic_cpuif_mmio_read(g, 0, VINTC_GICC_PMR + 1, 2, &v),
                     -EINVAL);
    ck_assert_int_eq(gic_cpuif_mmio_read(g, 0, VINTC_GIC_CPU_SIZE, 4, &v),
                     -EINVAL);
    ck_assert_int_eq(gic_cpuif_mmio_read(g, 0, 0xFFFFFFFCu, 4, &v), -EINVAL);
    ck_assert_int_eq(gic_cpuif_mmio_read(g, 2, VINTC_GICC_PMR, 4, &v), -EINVAL);
    ck_assert_int_eq(gic_cpuif_mmio_read(g, 0, VINTC_GICC_PMR, 4, NULL),
                     -EINVAL);
    ck_assert_int_eq(gic_cpuif_mmio_read(NULL, 0, VINTC_GICC_PMR, 4, &v),
                     -EINVAL);
    ck_assert_uint_eq(v, 0);
    ck_assert_int_eq(gic_cpuif_mmio_write(g, 0, VINTC_GICC_PMR, 0, 0xFF),
                     -EINVAL);
    ck_assert_int_eq(gic_cpuif_mmio_write(g, 0, VINTC_GICC_PMR + 2, 4, 0xFF),
                     -EINVAL);
    ck_assert_int_eq(
        gic_cpuif_mmio_write(g, 0, VINTC_GIC_CPU_SIZE + 4, 4, 0xFF), -EINVAL);
    ck_assert_int_eq(gic_cpuif_mmio_write(g, 7, VINTC_GICC_PMR, 4, 0xFF),
                     -EINVAL);
    ck_assert_int_eq(gic_cpuif_mmio_write(NULL, 0, VINTC_GICC_PMR, 4, 0xFF),
                     -EINVAL);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_PMR), 0);
    struct gic_stats st;
    ck_assert_int_eq(gic_get_stats(g, VINTC_GIC_STATS_ALL, &st), 0);
    ck_assert_uint_eq(st.mmio_malformed, 12);
    gic_destroy(g);
}
END_TEST

/* Well-formed accesses the frame does not implement are RAZ/WI: byte and
 * halfword accesses (every GICC register is 32-bit), reserved and IMPDEF
 * offsets, write-only registers read, read-only registers written. A byte
 * read of IAR does not acknowledge. */
START_TEST(razwi_accesses)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_spi(g, 40, 0x40, 1, true);
    tu_pulse(g, 0, 40);
    uint32_t v;
    for (unsigned size = 1; size <= 2; size++) {
        v = 7;
        ck_assert_int_eq(gic_cpuif_mmio_read(g, 0, VINTC_GICC_IAR, size, &v),
                         0);
        ck_assert_uint_eq(v, 0);
        ck_assert_int_eq(gic_cpuif_mmio_read(g, 0, VINTC_GICC_PMR, size, &v),
                         0);
        ck_assert_uint_eq(v, 0);
        ck_assert_int_eq(gic_cpuif_mmio_write(g, 0, VINTC_GICC_PMR, size, 0),
                         0);
        ck_assert_int_eq(gic_cpuif_mmio_write(g, 0, VINTC_GICC_CTLR, size, 0),
                         0);
    }
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_PMR), 0xFF);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_CTLR), 3);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, 40)); /* not acknowledged */
    static const uint32_t razwi[] = {
        VINTC_GICC_EOIR,
        VINTC_GICC_AEOIR,
        VINTC_GICC_DIR,
        0x2C,
        0x3C,
        0x40,
        0xCC,
        0xF0,
        0xF8,
        0x100,
        0xFFC,
        0x1004,
        0x1FFC,
    };
    for (unsigned i = 0; i < (sizeof(razwi) / sizeof(razwi[0])); i++)
        ck_assert_uint_eq(cu_rd(g, 0, razwi[i]), 0);
    /* Writes to read-only registers change nothing. */
    cu_wr(g, 0, VINTC_GICC_IAR, 40);
    cu_wr(g, 0, VINTC_GICC_RPR, 0);
    cu_wr(g, 0, VINTC_GICC_HPPIR, 0);
    cu_wr(g, 0, VINTC_GICC_AIAR, 40);
    cu_wr(g, 0, VINTC_GICC_AHPPIR, 0);
    cu_wr(g, 0, VINTC_GICC_IIDR, 0);
    cu_wr(g, 0, 0x2C, ~0u);
    cu_wr(g, 0, 0x1004, ~0u);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IIDR), VINTC_GICC_IIDR_VALUE);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0xFF);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, 40));
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    struct gic_stats st;
    ck_assert_int_eq(gic_get_stats(g, 0, &st), 0);
    ck_assert_uint_eq(st.cpuif_razwi,
                      8 + (sizeof(razwi) / sizeof(razwi[0])) + 8);
    ck_assert_uint_eq(st.cpuif_acks, 1);
    gic_destroy(g);
}
END_TEST

/* Every offset of the frame, every width: defined result, no crash, and
 * only the registers of the map read non-zero after writing ones. */
START_TEST(whole_frame_sweep)
{
    struct cu_host h;
    struct gic *g = cu_gic(2, 64, &h);
    for (uint32_t off = 0; off < VINTC_GIC_CPU_SIZE; off += 4) {
        if (off == VINTC_GICC_EOIR || off == VINTC_GICC_AEOIR ||
            off == VINTC_GICC_DIR)
            continue;
        ck_assert_int_eq(gic_cpuif_mmio_write(g, 1, off, 4, ~0u), 0);
        ck_assert_int_eq(gic_cpuif_mmio_write(g, 1, off + 2, 2, ~0u), 0);
        ck_assert_int_eq(gic_cpuif_mmio_write(g, 1, off + 3, 1, ~0u), 0);
    }
    for (uint32_t off = 0; off < VINTC_GIC_CPU_SIZE; off += 4) {
        uint32_t v = 0;
        ck_assert_int_eq(gic_cpuif_mmio_read(g, 1, off, 4, &v), 0);
        bool reg = off <= VINTC_GICC_AHPPIR ||
                   (off >= VINTC_GICC_APR0 && off < 0xF0) ||
                   off == VINTC_GICC_IIDR;
        if (!reg)
            ck_assert_msg(v == 0, "offset 0x%x reads 0x%x", off, v);
        ck_assert_int_eq(gic_cpuif_mmio_read(g, 1, off + 1, 1, &v), 0);
        ck_assert_uint_eq(v, 0);
    }
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_CTLR), 0); /* CPU 0 untouched */
    gic_destroy(g);
}
END_TEST

static void no_line(void *opaque, unsigned cpu, unsigned line, bool level)
{
    (void)opaque;
    (void)cpu;
    (void)line;
    (void)level;
}

/* Each backend refuses the other's calls with -EOPNOTSUPP (docs/design.md 3.7).
 */
START_TEST(calls_of_the_other_backend)
{
    struct gic *lr = tu_gic(1, 64, NULL);
    uint32_t v = 5;
    ck_assert_int_eq(gic_cpuif_mmio_read(lr, 0, VINTC_GICC_PMR, 4, &v),
                     -EOPNOTSUPP);
    ck_assert_uint_eq(v, 0);
    ck_assert_int_eq(gic_cpuif_mmio_write(lr, 0, VINTC_GICC_PMR, 4, 0xFF),
                     -EOPNOTSUPP);
    gic_destroy(lr);

    struct gic_config cfg = cu_config(1, 64, 0);
    struct vintc_host_ops ops;
    memset(&ops, 0, sizeof(ops));
    ops.set_irq_line = no_line;
    struct gic *g;
    ck_assert_int_eq(gic_create(&cfg, &ops, NULL, &g), 0);
    struct gic_vif vif;
    gic_vif_init(&vif);
    ck_assert_int_eq(gic_lr_flush(g, 0, &vif), -EOPNOTSUPP);
    ck_assert_int_eq(gic_lr_sync(g, 0, &vif), -EOPNOTSUPP);
    ck_assert_int_eq(gic_lr_deactivate(g, 0, 40), -EOPNOTSUPP);
    ck_assert_int_eq(gic_map_hw_irq(g, 0, 40, 40), -EOPNOTSUPP);
    ck_assert_int_eq(gic_unmap_hw_irq(g, 0, 40), -EOPNOTSUPP);
    /* priority_bits 0 means 5: BPR minimum 2. */
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_BPR), 2);
    gic_destroy(g);
}
END_TEST

/* gic_reset puts every GICC register back. */
START_TEST(reset_restores_registers)
{
    struct cu_host h;
    struct gic *g = cu_gic(2, 64, &h);
    cu_enable_all(g, 2);
    cu_wr(g, 1, VINTC_GICC_BPR, 5);
    cu_wr(g, 1, VINTC_GICC_ABPR, 6);
    cu_wr(g, 1, VINTC_GICC_APR0, 0x10);
    cu_wr(g, 1, VINTC_GICC_NSAPR0 + 12, 0x10);
    gic_reset(g);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_CTLR), 0);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_PMR), 0);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_BPR), 0);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_ABPR), 1);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_APR0), 0);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_NSAPR0 + 12), 0);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_RPR), 0xFF);
    gic_destroy(g);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_cpuif_regs");
    TCase *tc = tcase_create("regs");
    tcase_add_test(tc, reset_values);
    tcase_add_test(tc, ctlr_bits);
    tcase_add_test(tc, registers_are_per_cpu);
    tcase_add_test(tc, malformed_accesses);
    tcase_add_test(tc, razwi_accesses);
    tcase_add_test(tc, whole_frame_sweep);
    tcase_add_test(tc, calls_of_the_other_backend);
    tcase_add_test(tc, reset_restores_registers);
    suite_add_tcase(s, tc);
    return s;
}
