/* SPDX-License-Identifier: MIT */
/* gic_save / gic_restore on the CPU-interface backend: each GICC register
 * round-trips, the lines are reported after a restore, every truncation and
 * bit flip and each impossible GICC state is refused, and snapshots move
 * between the LR and the CPU-interface backends with the guest's view
 * intact (docs/snapshot-format.md, "Moving between backends"). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cpuif_test_util.h"
#include "snap_suite_util.h"
#include "test_util.h"
#include "vif_test_util.h"

#define GICC_SNAP_LEN 48u /* per CPU: CTLR PMR BPR ABPR APR0..3 NSAPR0..3 */
#define G01           (VINTC_GICC_CTLR_ENABLE_GRP0 | VINTC_GICC_CTLR_ENABLE_GRP1)

/* Offset of CPU c's GICC record: the last section of a CPU-interface blob. */
static size_t gicc_off(struct blob b, unsigned nr_cpus, unsigned c)
{
    return b.n - SNAP_CRC_LEN - (nr_cpus - c) * GICC_SNAP_LEN;
}

/* A 2-CPU, 64-interrupt CPU-interface GIC with something in every GICC
 * field: CPU 0 has SGI 2 (from CPU 1) active in Group 0 and SPI 42 active
 * in Group 1 (NSAPR), SGI 2 pending again; CPU 1 has SPI 40 active; SPI 41
 * is pending for both (1-of-N). */
static struct gic *sample(const struct gic_config *cfg, struct cu_host *h)
{
    struct gic *g = cu_gic_cfg(cfg, h);
    cu_enable_all(g, 2);
    cu_wr(g, 0, VINTC_GICC_CTLR,
          G01 | VINTC_GICC_CTLR_ACKCTL | VINTC_GICC_CTLR_FIQEN |
              VINTC_GICC_CTLR_EOIMODE);
    cu_wr(g, 0, VINTC_GICC_PMR, 0xE0);
    cu_wr(g, 1, VINTC_GICC_BPR, 4);
    cu_wr(g, 1, VINTC_GICC_ABPR, 6);
    tu_wrw(g, 0, VINTC_GICD_IPRIORITYR + 2, 1, 0x60);
    tu_wr(g, 1, VINTC_GICD_SGIR, 0x00010002u); /* SGI 2: CPU 1 -> 0 */
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 0x402u);
    tu_wr(g, 1, VINTC_GICD_SGIR, 0x00010002u);
    cu_spi(g, 42, 0x40, 1, true);
    cu_group(g, 0, 42, true);
    tu_pulse(g, 0, 42);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_AIAR), 42);
    cu_spi(g, 40, 0x80, 2, true);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_IAR), 40);
    cu_spi(g, 41, 0xA0, 3, false);
    ck_assert_int_eq(gic_set_irq(g, 0, 41, true), 0);
    return g;
}

/* save -> restore into a fresh GIC -> save: identical bytes and dump. */
static void round_trip(struct gic *g, const struct gic_config *cfg)
{
    struct blob a = snap_save_gic(g);
    struct cu_host h2;
    struct gic *h = cu_gic_cfg(cfg, &h2);
    ck_assert_int_eq(gic_restore(h, a.p, a.n), 0);
    struct blob b = snap_save_gic(h);
    ck_assert(blob_eq(a, b));
    char *da = snap_dump_gic(g), *db = snap_dump_gic(h);
    ck_assert_str_eq(da, db);
    free(da);
    free(db);
    free(a.p);
    free(b.p);
    gic_destroy(h);
}

/* Every GICC register (IHI0048B 4.4) and the active and 1-of-N pending
 * state round-trip for each priority width; the blob is version 2 with
 * backend 1 and ends with the GICC records. */
START_TEST(gicc_round_trip)
{
    static const unsigned bits[] = { 4, 5, 6, 7, 8 };
    for (unsigned i = 0; i < N_ELEMS(bits); i++) {
        struct gic_config cfg = cu_config(2, 64, bits[i]);
        struct cu_host h;
        struct gic *g = sample(&cfg, &h);
        /* A guest-written APR bit beside the acknowledged ones. */
        cu_wr(g, 1, VINTC_GICC_APR0, cu_rd(g, 1, VINTC_GICC_APR0) | 1u);
        struct blob b = snap_save_gic(g);
        ck_assert_uint_eq(b.p[SNAP_OFF_VERSION + 1], 2);
        ck_assert_uint_eq(snap_be32(b.p + SNAP_HDR_LEN + 12),
                          GIC_BACKEND_CPUIF);
        size_t o = gicc_off(b, 2, 0);
        ck_assert_uint_eq(snap_be32(b.p + o), cu_rd(g, 0, VINTC_GICC_CTLR));
        ck_assert_uint_eq(snap_be32(b.p + o + 4),
                          0xE0u & (0xFFu << (8 - bits[i])));
        uint32_t ns = 0;
        for (unsigned w = 0; w < 4; w++) {
            ck_assert_uint_eq(snap_be32(b.p + o + 16 + 4 * w),
                              cu_rd(g, 0, VINTC_GICC_APR0 + 4 * w));
            ck_assert_uint_eq(snap_be32(b.p + o + 32 + 4 * w),
                              cu_rd(g, 0, VINTC_GICC_NSAPR0 + 4 * w));
            ns |= cu_rd(g, 0, VINTC_GICC_NSAPR0 + 4 * w);
        }
        ck_assert_msg(ns != 0, "bits %u: SPI 42 in NSAPRn", bits[i]);
        o = gicc_off(b, 2, 1);
        ck_assert_uint_eq(snap_be32(b.p + o + 8), 4);
        ck_assert_uint_eq(snap_be32(b.p + o + 12), 6);
        ck_assert_uint_eq(snap_be32(b.p + o + 16),
                          cu_rd(g, 1, VINTC_GICC_APR0));
        free(b.p);
        round_trip(g, &cfg);
        gic_destroy(g);
    }
}
END_TEST

/* After a restore the lines follow the restored state and are reported
 * through set_irq_line, once per change; restoring a quiet state lowers
 * them again. Group 0 with FIQEn goes out as FIQ (GICC_CTLR.FIQEn). */
START_TEST(lines_after_restore)
{
    struct gic_config cfg = cu_config(2, 64, 5);
    struct cu_host h1, h2;
    struct gic *g = cu_gic_cfg(&cfg, &h1);
    struct blob quiet = snap_save_gic(g);
    cu_enable_all(g, 2);
    cu_wr(g, 1, VINTC_GICC_CTLR, G01 | VINTC_GICC_CTLR_FIQEN);
    cu_spi(g, 40, 0x40, 1, false);
    cu_spi(g, 41, 0x40, 2, false);
    ck_assert_int_eq(gic_set_irq(g, 0, 40, true), 0);
    ck_assert_int_eq(gic_set_irq(g, 0, 41, true), 0);
    ck_assert_uint_eq(cu_irq(&h1, 0), 1);
    ck_assert_uint_eq(cu_fiq(&h1, 1), 1);
    struct blob b = snap_save_gic(g);

    struct gic *f = cu_gic_cfg(&cfg, &h2);
    ck_assert_int_eq(gic_restore(f, b.p, b.n), 0);
    ck_assert_uint_eq(cu_irq(&h2, 0), 1);
    ck_assert_uint_eq(cu_fiq(&h2, 0), 0);
    ck_assert_uint_eq(cu_irq(&h2, 1), 0);
    ck_assert_uint_eq(cu_fiq(&h2, 1), 1);
    ck_assert_uint_eq(cu_calls(&h2, 0), 1);
    ck_assert_uint_eq(cu_calls(&h2, 1), 1);
    ck_assert_uint_eq(atomic_load(&h2.same), 0);
    /* The restored GIC acknowledges what the lines announce. */
    ck_assert_uint_eq(cu_rd(f, 0, VINTC_GICC_IAR), 40);
    ck_assert_uint_eq(cu_irq(&h2, 0), 0);

    ck_assert_int_eq(gic_restore(g, quiet.p, quiet.n), 0);
    ck_assert_uint_eq(cu_irq(&h1, 0), 0);
    ck_assert_uint_eq(cu_fiq(&h1, 1), 0);
    ck_assert_uint_eq(atomic_load(&h1.same), 0);
    ck_assert_uint_eq(atomic_load(&h1.bad) + atomic_load(&h2.bad), 0);
    free(b.p);
    free(quiet.p);
    gic_destroy(f);
    gic_destroy(g);
}
END_TEST

/* Every truncation and every single flipped bit of a CPU-interface blob is
 * refused and leaves the GIC as it was (CRC-32C detects every single-bit
 * error). */
START_TEST(every_truncation_and_bit_flip)
{
    struct gic_config cfg = cu_config(2, 64, 5);
    struct cu_host h1, h2;
    struct gic *src = sample(&cfg, &h1);
    struct blob b = snap_save_gic(src);
    struct gic *g = cu_gic_cfg(&cfg, &h2);
    cu_enable_all(g, 2);
    struct blob before = snap_save_gic(g);
    for (size_t n = 0; n < b.n; n++)
        ck_assert_int_eq(gic_restore(g, b.p, n), -EINVAL);
    uint8_t *m = malloc(b.n);
    for (size_t bit = 0; bit < b.n * 8; bit++) {
        memcpy(m, b.p, b.n);
        m[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        if (gic_restore(g, m, b.n) != -EINVAL)
            ck_abort_msg("bit %zu accepted", bit);
    }
    struct blob after = snap_save_gic(g);
    ck_assert(blob_eq(before, after));
    free(m);
    free(b.p);
    free(before.p);
    free(after.p);
    gic_destroy(g);
    gic_destroy(src);
}
END_TEST

/* GICC states no register write can produce, with a valid checksum. */
START_TEST(impossible_gicc_states)
{
    struct gic_config cfg = cu_config(2, 64, 5);
    struct cu_host h1, h2;
    struct gic *src = sample(&cfg, &h1);
    struct blob b = snap_save_gic(src);
    struct gic *g = cu_gic_cfg(&cfg, &h2);
    static const struct {
        const char *what;
        unsigned field;
        uint32_t val;
    } table[] = {
        { "CTLR bypass bit 5", 0, 1u << 5 },
        { "CTLR bit 10", 0, 1u << 10 },
        { "PMR bit 2 with 5 priority bits", 1, 0xF4 },
        { "PMR above 8 bits", 1, 0x1F0 },
        { "BPR below its minimum 2", 2, 1 },
        { "BPR 8", 2, 8 },
        { "ABPR below its minimum 3", 3, 2 },
        { "ABPR 8", 3, 8 },
        { "APR1 with 32 levels", 5, 1 },
        { "APR3 with 32 levels", 7, 0x80000000u },
        { "NSAPR1 with 32 levels", 9, 1 },
    };
    uint8_t *m = malloc(b.n);
    for (unsigned i = 0; i < N_ELEMS(table); i++)
        for (unsigned c = 0; c < 2; c++) {
            memcpy(m, b.p, b.n);
            snap_put_be32(m + gicc_off(b, 2, c) + 4 * table[i].field,
                          table[i].val);
            snap_reseal(m, b.n);
            snap_expect_rejected_gic(g, m, b.n, table[i].what);
        }
    /* A CPU-interface blob claiming version 1 (which knows only LRs). */
    memcpy(m, b.p, b.n);
    m[SNAP_OFF_VERSION + 1] = 1;
    snap_reseal(m, b.n);
    snap_expect_rejected_gic(g, m, b.n, "version 1 with backend 1");
    /* The CPU-interface backend has no hardware mappings: a count of 1
     * (the record bytes taken from the first GICC record) is refused. */
    size_t hw = gicc_off(b, 2, 0) - 2;
    ck_assert_uint_lt(hw + 1, b.n);
    memcpy(m, b.p, b.n);
    ck_assert_uint_eq(m[hw] << 8 | m[hw + 1], 0);
    m[hw + 1] = 1;
    snap_reseal(m, b.n);
    snap_expect_rejected_gic(g, m, b.n, "hardware mapping");
    free(m);
    free(b.p);
    gic_destroy(g);
    gic_destroy(src);
}
END_TEST

START_TEST(lr_in_flight_still_lr_only)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 32, &h);
    ck_assert_int_eq(gic_lr_in_flight(g, 0), -EOPNOTSUPP);
    struct gic_vif vif;
    gic_vif_init(&vif);
    ck_assert_int_eq(gic_lr_get_vmcr(g, 0, &vif), -EOPNOTSUPP);
    gic_destroy(g);
}
END_TEST

/* ---- moving between backends ------------------------------------------ */

static struct gic_config lr_config(unsigned bits)
{
    struct gic_config cfg = tu_config(2, 64);
    cfg.priority_bits = bits;
    return cfg;
}

static bool active(struct gic *g, unsigned cpu, unsigned id)
{
    return tu_bit(g, cpu, VINTC_GICD_ISACTIVER, id);
}

/* LR -> CPU interface: SPI 40 acknowledged through GICV_IAR, then the VM
 * moves; the GICC shows the guest's GICV_CTLR/PMR/BPR and running priority
 * (VMCR and GICH_APR carried over), GICC_EOIR completes 40 and the pending
 * SPI 41 is then signalled and acknowledged through GICC_IAR. */
START_TEST(lr_to_cpuif)
{
    struct gic_config lcfg = lr_config(5), ccfg = cu_config(2, 64, 5);
    struct gic *lr = tu_gic_cfg(&lcfg, NULL);
    tu_wr(lr, 0, VINTC_GICD_CTLR, 3);
    cu_spi(lr, 40, 0x40, 1, true);
    cu_spi(lr, 41, 0x50, 1, false);
    tu_pulse(lr, 0, 40);
    ck_assert_int_eq(gic_set_irq(lr, 0, 41, true), 0);
    struct gic_vif vif;
    gic_vif_init(&vif);
    int n = gic_lr_flush(lr, 0, &vif);
    ck_assert_int_eq(n, 2);
    vif_wr(&vif, 4, VINTC_GICV_CTLR, G01);
    vif_wr(&vif, 4, VINTC_GICV_PMR, 0xF0);
    vif_wr(&vif, 4, VINTC_GICV_BPR, 3);
    vif_wr(&vif, 4, VINTC_GICV_ABPR, 5);
    ck_assert_uint_eq(vif_rd(&vif, 4, VINTC_GICV_IAR), 40);
    ck_assert_int_eq(gic_lr_sync(lr, 0, &vif), n);
    struct blob b = snap_save_gic(lr);

    struct cu_host h;
    struct gic *c = cu_gic_cfg(&ccfg, &h);
    ck_assert_int_eq(gic_restore(c, b.p, b.n), 0);
    ck_assert_uint_eq(cu_rd(c, 0, VINTC_GICC_CTLR), G01);
    ck_assert_uint_eq(cu_rd(c, 0, VINTC_GICC_PMR), 0xF0);
    ck_assert_uint_eq(cu_rd(c, 0, VINTC_GICC_BPR), 3);
    ck_assert_uint_eq(cu_rd(c, 0, VINTC_GICC_ABPR), 5);
    ck_assert_uint_eq(cu_rd(c, 0, VINTC_GICC_RPR), 0x40);
    ck_assert_uint_eq(cu_rd(c, 0, VINTC_GICC_APR0), 1u << 8);
    ck_assert(active(c, 0, 40));
    ck_assert_uint_eq(cu_irq(&h, 0), 0); /* 0x50 does not preempt 0x40 */
    cu_wr(c, 0, VINTC_GICC_EOIR, 40);
    ck_assert(!active(c, 0, 40));
    ck_assert_uint_eq(cu_rd(c, 0, VINTC_GICC_RPR), 0xFF);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_uint_eq(cu_rd(c, 0, VINTC_GICC_IAR), 41);
    free(b.p);
    gic_destroy(c);
    gic_destroy(lr);
}
END_TEST

/* CPU interface -> LR: SPI 40 acknowledged through GICC_IAR and SGI 3
 * pending from CPU 1, then the VM moves; gic_lr_get_vmcr() gives the GICV
 * state back, the flush hands 40 over active and SGI 3 pending, GICV_EOIR
 * completes 40 and GICV_IAR takes SGI 3 with its source. */
START_TEST(cpuif_to_lr)
{
    struct gic_config lcfg = lr_config(5), ccfg = cu_config(2, 64, 5);
    struct cu_host h;
    struct gic *c = cu_gic_cfg(&ccfg, &h);
    cu_enable_all(c, 2);
    cu_wr(c, 0, VINTC_GICC_PMR, 0xF0);
    cu_wr(c, 0, VINTC_GICC_BPR, 3);
    cu_spi(c, 40, 0x40, 1, true);
    tu_wrw(c, 0, VINTC_GICD_IPRIORITYR + 3, 1, 0x60);
    tu_pulse(c, 0, 40);
    ck_assert_uint_eq(cu_rd(c, 0, VINTC_GICC_IAR), 40);
    tu_wr(c, 1, VINTC_GICD_SGIR, 0x00010003u);
    struct blob b = snap_save_gic(c);

    struct gic *lr = tu_gic_cfg(&lcfg, NULL);
    ck_assert_int_eq(gic_restore(lr, b.p, b.n), 0);
    struct gic_vif vif;
    gic_vif_init(&vif);
    ck_assert_int_eq(gic_lr_get_vmcr(lr, 0, &vif), 1);
    ck_assert_uint_eq(vif_rd(&vif, 4, VINTC_GICV_CTLR), G01);
    ck_assert_uint_eq(vif_rd(&vif, 4, VINTC_GICV_PMR), 0xF0);
    ck_assert_uint_eq(vif_rd(&vif, 4, VINTC_GICV_BPR), 3);
    ck_assert_uint_eq(vif.apr, 1u << 8);
    ck_assert_uint_eq(vif_rd(&vif, 4, VINTC_GICV_RPR), 0x40);
    int n = gic_lr_flush(lr, 0, &vif);
    ck_assert_int_eq(n, 2);
    int i40 = tu_lr_find(&vif, n, 40), i3 = tu_lr_find(&vif, n, 3);
    ck_assert_int_ge(i40, 0);
    ck_assert_int_ge(i3, 0);
    ck_assert_uint_eq(vif.lr[i40] & VINTC_GICH_LR_STATE_MASK,
                      VINTC_GICH_LR_STATE_ACTIVE);
    ck_assert_uint_eq(vif.lr[i3] & VINTC_GICH_LR_STATE_MASK,
                      VINTC_GICH_LR_STATE_PENDING);
    vif_wr(&vif, 4, VINTC_GICV_EOIR, 40);
    ck_assert_uint_eq(vif_rd(&vif, 4, VINTC_GICV_IAR), 0x403u);
    ck_assert_int_eq(gic_lr_sync(lr, 0, &vif), n);
    ck_assert(!active(lr, 0, 40));
    ck_assert(active(lr, 0, 3));
    free(b.p);
    gic_destroy(lr);
    gic_destroy(c);
}
END_TEST

/* Moving back and forth is lossless for a state both sides represent:
 * LR -> CPUIF -> LR gives the LR blob again, byte for byte. */
START_TEST(lr_cpuif_lr_identity)
{
    struct gic_config lcfg = lr_config(5), ccfg = cu_config(2, 64, 5);
    struct gic *lr = tu_gic_cfg(&lcfg, NULL);
    tu_wr(lr, 0, VINTC_GICD_CTLR, 3);
    cu_spi(lr, 40, 0x40, 3, true);
    cu_spi(lr, 41, 0x48, 2, true);
    tu_pulse(lr, 0, 40);
    tu_pulse(lr, 0, 41);
    struct gic_vif vif;
    gic_vif_init(&vif);
    int n = gic_lr_flush(lr, 0, &vif);
    vif_wr(&vif, 4, VINTC_GICV_CTLR, G01 | VINTC_GICC_CTLR_EOIMODE);
    vif_wr(&vif, 4, VINTC_GICV_PMR, 0xF8);
    ck_assert_uint_eq(vif_rd(&vif, 4, VINTC_GICV_IAR), 40);
    ck_assert_int_eq(gic_lr_sync(lr, 0, &vif), n);
    struct blob a = snap_save_gic(lr);
    struct cu_host h;
    struct gic *c = cu_gic_cfg(&ccfg, &h);
    ck_assert_int_eq(gic_restore(c, a.p, a.n), 0);
    struct blob m = snap_save_gic(c);
    struct gic *back = tu_gic_cfg(&lcfg, NULL);
    ck_assert_int_eq(gic_restore(back, m.p, m.n), 0);
    struct blob z = snap_save_gic(back);
    ck_assert(blob_eq(a, z));
    free(a.p);
    free(m.p);
    free(z.p);
    gic_destroy(back);
    gic_destroy(c);
    gic_destroy(lr);
}
END_TEST

/* What has no exact equivalent is refused (-EINVAL, GIC unchanged):
 * GICV priorities are 5 bits (IHI0048B 5.3), so a GICC with more bits
 * cannot move a PMR or an active priority with bits below bit 3; GICH_APR
 * levels between a 4-bit GICC's levels cannot move the other way; nor can
 * hardware mappings (the CPU-interface backend has none) or reserved VMCR
 * bits. */
START_TEST(cross_backend_refusals)
{
    struct gic_config lcfg8 = lr_config(8), ccfg8 = cu_config(1, 64, 8);
    lcfg8.nr_cpus = 1;
    struct gic *lr8 = tu_gic_cfg(&lcfg8, NULL);
    struct cu_host h;
    struct gic *c8 = cu_gic_cfg(&ccfg8, &h);
    cu_enable_all(c8, 1);
    cu_wr(c8, 0, VINTC_GICC_PMR, 0xF1);
    struct blob b = snap_save_gic(c8);
    snap_expect_rejected_gic(lr8, b.p, b.n, "PMR 0xF1");
    free(b.p);
    cu_wr(c8, 0, VINTC_GICC_PMR, 0xF0);
    cu_spi(c8, 40, 0x44, 1, true);
    tu_pulse(c8, 0, 40);
    ck_assert_uint_eq(cu_rd(c8, 0, VINTC_GICC_IAR), 40);
    b = snap_save_gic(c8);
    snap_expect_rejected_gic(lr8, b.p, b.n, "active priority 0x44");
    free(b.p);
    /* Priority 0x48 has an equivalent; BPR 0 is stored as the GICV
     * minimum 2 (the value a GICV_BPR write of 0 reads back as). */
    cu_wr(c8, 0, VINTC_GICC_EOIR, 40);
    tu_wrw(c8, 0, VINTC_GICD_IPRIORITYR + 40, 1, 0x48);
    tu_pulse(c8, 0, 40);
    ck_assert_uint_eq(cu_rd(c8, 0, VINTC_GICC_BPR), 0);
    ck_assert_uint_eq(cu_rd(c8, 0, VINTC_GICC_IAR), 40);
    b = snap_save_gic(c8);
    ck_assert_int_eq(gic_restore(lr8, b.p, b.n), 0);
    struct gic_vif vif;
    gic_vif_init(&vif);
    ck_assert_int_eq(gic_lr_get_vmcr(lr8, 0, &vif), 1);
    ck_assert_uint_eq(vif_rd(&vif, 4, VINTC_GICV_RPR), 0x48);
    ck_assert_uint_eq(vif_rd(&vif, 4, VINTC_GICV_BPR), 2);
    ck_assert_uint_eq(vif_rd(&vif, 4, VINTC_GICV_PMR), 0xF0);
    free(b.p);

    /* LR -> CPUIF with 4 priority bits: GICH_APR bit 1 (priority 0x08) has
     * no GICC level; bit 2 (priority 0x10) is level 1. A binary point of 2
     * becomes the 4-bit minimum 3. */
    struct gic_config lcfg4 = lr_config(4), ccfg4 = cu_config(2, 64, 4);
    struct gic *lr4 = tu_gic_cfg(&lcfg4, NULL);
    struct cu_host h4;
    struct gic *c4 = cu_gic_cfg(&ccfg4, &h4);
    gic_vif_init(&vif);
    vif.apr = 2;
    ck_assert_int_eq(gic_lr_sync(lr4, 0, &vif), 0);
    b = snap_save_gic(lr4);
    snap_expect_rejected_gic(c4, b.p, b.n, "GICH_APR bit 1 with 4 bits");
    free(b.p);
    vif.apr = 4;
    ck_assert_int_eq(gic_lr_sync(lr4, 0, &vif), 0);
    b = snap_save_gic(lr4);
    ck_assert_int_eq(gic_restore(c4, b.p, b.n), 0);
    ck_assert_uint_eq(cu_rd(c4, 0, VINTC_GICC_APR0), 2);
    ck_assert_uint_eq(cu_rd(c4, 0, VINTC_GICC_RPR), 0x10);
    ck_assert_uint_eq(cu_rd(c4, 0, VINTC_GICC_BPR), 3);
    free(b.p);
    vif.apr = 0;
    vif.vmcr |= 1u << 5; /* reserved VMCR bit */
    ck_assert_int_eq(gic_lr_sync(lr4, 0, &vif), 0);
    b = snap_save_gic(lr4);
    snap_expect_rejected_gic(c4, b.p, b.n, "reserved VMCR bit");
    free(b.p);
    vif.vmcr &= ~(1u << 5);
    vif.vmcr |= 0x11u << VINTC_GICH_VMCR_PRIMASK_SHIFT; /* PMR 0x88 */
    ck_assert_int_eq(gic_lr_sync(lr4, 0, &vif), 0);
    b = snap_save_gic(lr4);
    snap_expect_rejected_gic(c4, b.p, b.n, "PMR 0x88 with 4 bits");
    free(b.p);
    vif.vmcr &= ~(0x1Fu << VINTC_GICH_VMCR_PRIMASK_SHIFT);
    ck_assert_int_eq(gic_lr_sync(lr4, 0, &vif), 0);
    ck_assert_int_eq(gic_map_hw_irq(lr4, 0, 45, 100), 0);
    b = snap_save_gic(lr4);
    snap_expect_rejected_gic(c4, b.p, b.n, "hardware mapping");
    free(b.p);
    ck_assert_int_eq(gic_unmap_hw_irq(lr4, 0, 45), 0);
    b = snap_save_gic(lr4);
    ck_assert_int_eq(gic_restore(c4, b.p, b.n), 0);
    free(b.p);

    gic_destroy(c4);
    gic_destroy(lr4);
    gic_destroy(c8);
    gic_destroy(lr8);
}
END_TEST

/* A never-synced LR vCPU (VMCR/APR at reset) leaves the GICC at its reset
 * values, also where they differ from the GICV's (BPR 0 with 8 bits). */
START_TEST(unsynced_vcpu_keeps_gicc_reset)
{
    struct gic_config lcfg = lr_config(8), ccfg = cu_config(2, 64, 8);
    struct gic *lr = tu_gic_cfg(&lcfg, NULL);
    struct blob b = snap_save_gic(lr);
    struct cu_host h;
    struct gic *c = cu_gic_cfg(&ccfg, &h);
    struct blob fresh = snap_save_gic(c);
    ck_assert_int_eq(gic_restore(c, b.p, b.n), 0);
    struct blob after = snap_save_gic(c);
    ck_assert(blob_eq(fresh, after));
    ck_assert_uint_eq(cu_rd(c, 0, VINTC_GICC_BPR), 0);
    free(b.p);
    free(fresh.p);
    free(after.p);
    gic_destroy(c);
    gic_destroy(lr);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_snapshot_cpuif");
    TCase *t = tcase_create("cpuif");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, gicc_round_trip);
    tcase_add_test(t, lines_after_restore);
    tcase_add_test(t, every_truncation_and_bit_flip);
    tcase_add_test(t, impossible_gicc_states);
    tcase_add_test(t, lr_in_flight_still_lr_only);
    suite_add_tcase(s, t);
    t = tcase_create("cross_backend");
    tcase_add_test(t, lr_to_cpuif);
    tcase_add_test(t, cpuif_to_lr);
    tcase_add_test(t, lr_cpuif_lr_identity);
    tcase_add_test(t, cross_backend_refusals);
    tcase_add_test(t, unsynced_vcpu_keeps_gicc_reset);
    suite_add_tcase(s, t);
    return s;
}
