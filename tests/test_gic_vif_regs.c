/* SPDX-License-Identifier: MIT */
/* Software GICV register file: reset values, writable masks, VMCR aliasing,
 * binary-point minimums, RAZ/WI and malformed accesses. */
#include <errno.h>
#include <string.h>

#include <vintc/gicv2.h>

#include "test_util.h"
#include "vif_test_util.h"

#define NR_LRS 4u

/* A vif with something in every field: a pending Group 0 LR that IAR would
 * take, an active one, an APR bit, EOICount and both groups enabled. */
static void busy_vif(struct gic_vif *vif)
{
    gic_vif_init(vif);
    vif->hcr = VINTC_GICH_HCR_EN | (3u << VINTC_GICH_HCR_EOICOUNT_SHIFT);
    vif->vmcr |= VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_GRP1EN |
                 (0x1Fu << VINTC_GICH_VMCR_PRIMASK_SHIFT);
    vif->apr = 1u << 16; /* active at 0x80 */
    vif->lr[0] = 40u | (0x08u << 23) |
                 VINTC_GICH_LR_STATE_PENDING; /* prio 0x40 */
    vif->lr[1] = 41u | (0x10u << 23) |
                 VINTC_GICH_LR_STATE_ACTIVE; /* prio 0x80 */
    for (unsigned i = NR_LRS; i < VINTC_GIC_MAX_LRS; i++)
        vif->lr[i] = 0x5A5A5A5Au; /* not implemented */
}

static bool is_register(uint32_t off)
{
    switch (off) {
    case VINTC_GICV_CTLR:
    case VINTC_GICV_PMR:
    case VINTC_GICV_BPR:
    case VINTC_GICV_IAR:
    case VINTC_GICV_EOIR:
    case VINTC_GICV_RPR:
    case VINTC_GICV_HPPIR:
    case VINTC_GICV_ABPR:
    case VINTC_GICV_AIAR:
    case VINTC_GICV_AEOIR:
    case VINTC_GICV_AHPPIR:
    case VINTC_GICV_APR0:
    case VINTC_GICV_IIDR:
    case VINTC_GICV_DIR:
        return true;
    default:
        return false;
    }
}

START_TEST(init_sets_architectural_reset)
{
    struct gic_vif vif;
    memset(&vif, 0xA5, sizeof(vif));
    gic_vif_init(&vif);
    ck_assert_uint_eq(vif.hcr, 0);
    ck_assert_uint_eq(vif.vmcr, 0x004C0000u);
    ck_assert_uint_eq(vif.vmcr, VINTC_GICH_VMCR_RESET);
    ck_assert_uint_eq(vif.apr, 0);
    for (unsigned i = 0; i < VINTC_GIC_MAX_LRS; i++)
        ck_assert_uint_eq(vif.lr[i], 0);
    gic_vif_init(NULL); /* no-op, no crash */
}
END_TEST

START_TEST(reset_register_values)
{
    struct gic_vif vif;
    gic_vif_init(&vif);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_CTLR), 0);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_PMR), 0);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_BPR), 2);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_ABPR), 3);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 1023);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AIAR), 1023);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_RPR), 0xFF);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_HPPIR), 1023);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AHPPIR), 1023);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_APR0), 0);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IIDR), 0x0002043Bu);
    ck_assert_uint_eq((vif_rd(&vif, NR_LRS, VINTC_GICV_IIDR) >> 16) & 0xF,
                      2); /* GICv2 */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_EOIR),
                      0); /* write-only */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_AEOIR), 0);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_DIR), 0);
}
END_TEST

/* Loop over bit positions: each CTLR bit is writable iff it is in 0x21F, and
 * lands in VMCR at the same position without touching the other fields. */
START_TEST(ctlr_bit_is_writable_iff_in_mask)
{
    const uint32_t bit = 1u << _i;
    const uint32_t kept = bit & 0x21Fu;
    struct gic_vif vif;
    gic_vif_init(&vif);
    vif_wr(&vif, NR_LRS, VINTC_GICV_CTLR, bit);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_CTLR), kept);
    ck_assert_uint_eq(vif.vmcr, VINTC_GICH_VMCR_RESET | kept);
    vif_wr(&vif, NR_LRS, VINTC_GICV_CTLR, ~bit);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_CTLR), 0x21Fu & ~bit);
    ck_assert_uint_eq(vif.vmcr, VINTC_GICH_VMCR_RESET | (0x21Fu & ~bit));
}
END_TEST

START_TEST(ctlr_write_keeps_other_vmcr_fields)
{
    struct gic_vif vif;
    gic_vif_init(&vif);
    vif.vmcr = 0xFFFFFFFFu;
    vif_wr(&vif, NR_LRS, VINTC_GICV_CTLR, 0);
    ck_assert_uint_eq(vif.vmcr, ~0x21Fu);
    vif_wr(&vif, NR_LRS, VINTC_GICV_CTLR, 0xFFFFFFFFu);
    ck_assert_uint_eq(vif.vmcr, 0xFFFFFFFFu);
}
END_TEST

/* VMCR -> GICV: the host writes GICH_VMCR, the guest reads the aliases. */
START_TEST(vmcr_fields_read_through_gicv)
{
    struct gic_vif vif;
    gic_vif_init(&vif);
    vif.vmcr = 0xFFFFFFFFu;
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_CTLR), 0x21F);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_PMR), 0xF8);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_BPR), 7);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_ABPR), 7);
    /* VMPriMask 0x0A, VMBP 5, VMABP 6, EOImode and AckCtl. */
    vif.vmcr = (0x0Au << 27) | (5u << 21) | (6u << 18) |
               VINTC_GICH_VMCR_EOIMODE | VINTC_GICH_VMCR_ACKCTL;
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_PMR), 0x50);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_BPR), 5);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_ABPR), 6);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_CTLR),
                      (1u << 9) | (1u << 2));
}
END_TEST

START_TEST(pmr_keeps_bits_7_to_3_in_vmcr)
{
    struct gic_vif vif;
    gic_vif_init(&vif);
    vif_wr(&vif, NR_LRS, VINTC_GICV_PMR, 0xFF);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_PMR), 0xF8);
    ck_assert_uint_eq(vif.vmcr, VINTC_GICH_VMCR_RESET | (0x1Fu << 27));
    vif_wr(&vif, NR_LRS, VINTC_GICV_PMR, 0x57);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_PMR), 0x50);
    ck_assert_uint_eq(vif.vmcr >> 27, 0x0A);
    vif_wr(&vif, NR_LRS, VINTC_GICV_PMR,
           0xFFFFFF07u); /* bits above [7:0] are reserved */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_PMR), 0);
    ck_assert_uint_eq(vif.vmcr, VINTC_GICH_VMCR_RESET);
    vif.vmcr = ~(0x1Fu << 27); /* PMR writes touch only [31:27] */
    vif_wr(&vif, NR_LRS, VINTC_GICV_PMR, 0x88);
    ck_assert_uint_eq(vif.vmcr, ~(0x1Fu << 27) | (0x11u << 27));
}
END_TEST

/* Loop over values 0..7: BPR's minimum is 2, ABPR's is 3. */
START_TEST(bpr_and_abpr_minimums)
{
    const uint32_t v = (uint32_t)_i;
    const uint32_t bpr = v < 2 ? 2 : v, abpr = v < 3 ? 3 : v;
    struct gic_vif vif;
    gic_vif_init(&vif);
    vif_wr(&vif, NR_LRS, VINTC_GICV_BPR, 0xFFFFFFF8u | v);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_BPR), bpr);
    ck_assert_uint_eq(vif.vmcr,
                      (VINTC_GICH_VMCR_RESET & ~(7u << 21)) | bpr << 21);
    vif_wr(&vif, NR_LRS, VINTC_GICV_ABPR, 0xFFFFFFF8u | v);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_ABPR), abpr);
    ck_assert_uint_eq(vif.vmcr,
                      (VINTC_GICH_VMCR_RESET & ~(7u << 21 | 7u << 18)) |
                          bpr << 21 | abpr << 18);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_CTLR), 0);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_PMR), 0);
}
END_TEST

START_TEST(apr0_is_gich_apr_and_apr1_3_are_razwi)
{
    struct gic_vif vif;
    gic_vif_init(&vif);
    vif_wr(&vif, NR_LRS, VINTC_GICV_APR0, 0xDEADBEEFu);
    ck_assert_uint_eq(vif.apr, 0xDEADBEEFu);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_APR0), 0xDEADBEEFu);
    vif.apr = 0x00010100u;
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_APR0), 0x00010100u);
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_RPR),
                      0x40); /* lowest set bit 8 */
    for (uint32_t off = 0xD4; off <= 0xDC; off += 4) {
        vif_wr(&vif, NR_LRS, off, 0xFFFFFFFFu);
        ck_assert_uint_eq(vif_rd(&vif, NR_LRS, off), 0);
        ck_assert_uint_eq(vif.apr, 0x00010100u);
    }
}
END_TEST

START_TEST(read_only_registers_ignore_writes)
{
    static const uint32_t ro[] = { VINTC_GICV_IAR,    VINTC_GICV_RPR,
                                   VINTC_GICV_HPPIR,  VINTC_GICV_AIAR,
                                   VINTC_GICV_AHPPIR, VINTC_GICV_IIDR };
    struct gic_vif vif, before;
    busy_vif(&vif);
    before = vif;
    for (size_t i = 0; i < sizeof(ro) / sizeof(ro[0]); i++) {
        vif_wr(&vif, NR_LRS, ro[i], 0xFFFFFFFFu);
        vif_wr(&vif, NR_LRS, ro[i], 40u);
        ck_assert_mem_eq(&vif, &before, sizeof(vif));
    }
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IIDR), 0x0002043Bu);
}
END_TEST

/* Every word offset of the frame that is not a register is RAZ/WI. */
START_TEST(reserved_offsets_are_razwi)
{
    struct gic_vif vif, before;
    unsigned checked = 0;
    for (uint32_t off = 0; off < VINTC_GIC_CPU_SIZE; off += 4) {
        if (is_register(off))
            continue;
        busy_vif(&vif);
        before = vif;
        ck_assert_uint_eq(vif_rd(&vif, NR_LRS, off), 0);
        vif_wr(&vif, NR_LRS, off, 0xFFFFFFFFu);
        vif_wr(&vif, NR_LRS, off, 40u);
        ck_assert_mem_eq(&vif, &before, sizeof(vif));
        checked++;
    }
    ck_assert_uint_eq(checked, VINTC_GIC_CPU_SIZE / 4 - 14);
}
END_TEST

/* Loop over widths 1 and 2: well-formed narrow accesses anywhere in the
 * frame return 0, read 0 and change nothing (no acknowledge, no EOI). */
START_TEST(narrow_accesses_are_razwi)
{
    const unsigned size = _i ? 2u : 1u;
    struct gic_vif vif, before;
    busy_vif(&vif);
    before = vif;
    for (uint32_t off = 0; off < VINTC_GIC_CPU_SIZE; off += size) {
        uint32_t v = 0xDEADBEEFu;
        ck_assert_int_eq(gic_vif_mmio_read(&vif, NR_LRS, off, size, &v), 0);
        ck_assert_uint_eq(v, 0);
        ck_assert_int_eq(
            gic_vif_mmio_write(&vif, NR_LRS, off, size, 0xFFFFFFFFu), 0);
        ck_assert_int_eq(gic_vif_mmio_write(&vif, NR_LRS, off, size, 41u), 0);
    }
    ck_assert_mem_eq(&vif, &before, sizeof(vif));
    /* The same state answers a 32-bit IAR: the narrow reads really were RAZ. */
    ck_assert_uint_eq(vif_rd(&vif, NR_LRS, VINTC_GICV_IAR), 40);
}
END_TEST

START_TEST(malformed_accesses_are_einval)
{
    struct {
        unsigned nr;
        uint32_t off;
        unsigned size;
    } bad[] = {
        { 0, VINTC_GICV_CTLR, 4 },
        { 65, VINTC_GICV_CTLR, 4 },
        { ~0u, VINTC_GICV_CTLR, 4 },
        { 4, VINTC_GICV_CTLR, 0 },
        { 4, VINTC_GICV_CTLR, 3 },
        { 4, VINTC_GICV_CTLR, 8 },
        { 4, VINTC_GICV_CTLR, ~0u },
        { 4, 0x1, 4 },
        { 4, 0x2, 4 },
        { 4, 0xE, 4 },
        { 4, 0x1, 2 },
        { 4, 0x1001, 2 },
        { 4, VINTC_GIC_CPU_SIZE, 4 },
        { 4, VINTC_GIC_CPU_SIZE, 1 },
        { 4, 0x3000, 4 },
        { 4, 0xFFFFFFFCu, 4 },
        { 4, 0xFFFFFFFFu, 1 },
    };
    struct gic_vif vif, before;
    busy_vif(&vif);
    before = vif;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        uint32_t v = 0xDEADBEEFu;
        ck_assert_int_eq(
            gic_vif_mmio_read(&vif, bad[i].nr, bad[i].off, bad[i].size, &v),
            -EINVAL);
        ck_assert_uint_eq(v, 0);
        ck_assert_int_eq(
            gic_vif_mmio_write(&vif, bad[i].nr, bad[i].off, bad[i].size, 0),
            -EINVAL);
        ck_assert_int_eq(gic_vif_mmio_write(&vif, bad[i].nr, bad[i].off,
                                            bad[i].size, 0xFFFFFFFFu),
                         -EINVAL);
    }
    ck_assert_mem_eq(&vif, &before, sizeof(vif));

    uint32_t v = 0xDEADBEEFu;
    ck_assert_int_eq(gic_vif_mmio_read(NULL, NR_LRS, VINTC_GICV_IAR, 4, &v),
                     -EINVAL);
    ck_assert_uint_eq(v, 0);
    ck_assert_int_eq(gic_vif_mmio_read(&vif, NR_LRS, VINTC_GICV_IAR, 4, NULL),
                     -EINVAL);
    ck_assert_int_eq(gic_vif_mmio_read(NULL, NR_LRS, VINTC_GICV_IAR, 4, NULL),
                     -EINVAL);
    ck_assert_int_eq(gic_vif_mmio_write(NULL, NR_LRS, VINTC_GICV_EOIR, 4, 40),
                     -EINVAL);
    ck_assert_mem_eq(&vif, &before, sizeof(vif));

    /* The extremes that are well-formed. */
    ck_assert_int_eq(gic_vif_mmio_read(&vif, 1, VINTC_GIC_CPU_SIZE - 4, 4, &v),
                     0);
    ck_assert_int_eq(gic_vif_mmio_read(&vif, 64, VINTC_GIC_CPU_SIZE - 1, 1, &v),
                     0);
    ck_assert_int_eq(gic_vif_mmio_write(&vif, 64, VINTC_GIC_CPU_SIZE - 2, 2, 0),
                     0);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_vif_regs");
    TCase *tc = tcase_create("regs");
    tcase_add_test(tc, init_sets_architectural_reset);
    tcase_add_test(tc, reset_register_values);
    tcase_add_loop_test(tc, ctlr_bit_is_writable_iff_in_mask, 0, 32);
    tcase_add_test(tc, ctlr_write_keeps_other_vmcr_fields);
    tcase_add_test(tc, vmcr_fields_read_through_gicv);
    tcase_add_test(tc, pmr_keeps_bits_7_to_3_in_vmcr);
    tcase_add_loop_test(tc, bpr_and_abpr_minimums, 0, 8);
    tcase_add_test(tc, apr0_is_gich_apr_and_apr1_3_are_razwi);
    tcase_add_test(tc, read_only_registers_ignore_writes);
    tcase_add_test(tc, reserved_offsets_are_razwi);
    tcase_add_loop_test(tc, narrow_accesses_are_razwi, 0, 2);
    tcase_add_test(tc, malformed_accesses_are_einval);
    suite_add_tcase(s, tc);
    return s;
}
