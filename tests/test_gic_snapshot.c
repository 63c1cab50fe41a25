/* SPDX-License-Identifier: MIT */
/* gic_save / gic_restore: the container, each piece of state, the LR
 * in-flight rule, the rejection table and random round trips. Every
 * rejected restore is checked to leave the GIC exactly as it was (its own
 * snapshot before and after is byte-identical). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gic_test_util.h"
#include "snap_suite_util.h"
#include "test_util.h"


/* Save g, restore into a fresh GIC of the same config, and check that the
 * fresh one saves the same bytes and dumps the same text. Returns it. */
static struct gic *round_trip(struct gic *g, const struct gic_config *cfg)
{
    struct blob a = snap_save_gic(g);
    struct gic *h = tu_gic_cfg(cfg, NULL);
    ck_assert_int_eq(gic_restore(h, a.p, a.n), 0);
    struct blob b = snap_save_gic(h);
    ck_assert(blob_eq(a, b));
    char *da = snap_dump_gic(g), *db = snap_dump_gic(h);
    ck_assert_str_eq(da, db);
    free(da);
    free(db);
    free(a.p);
    free(b.p);
    return h;
}

/* The guest on `cpu` acknowledges every pending LR (pending -> active), as
 * the GICV IAR does. */
static void guest_ack_all(struct gic *g, unsigned cpu)
{
    struct gic_vif vif;
    tu_vif_reset(&vif);
    int n = gic_lr_flush(g, cpu, &vif);
    ck_assert_int_ge(n, 0);
    for (int i = 0; i < n; i++)
        if ((vif.lr[i] & VINTC_GICH_LR_STATE_MASK) ==
            VINTC_GICH_LR_STATE_PENDING)
            vif.lr[i] ^= VINTC_GICH_LR_STATE_PENDING |
                         VINTC_GICH_LR_STATE_ACTIVE;
    ck_assert_int_eq(gic_lr_sync(g, cpu, &vif), n);
}

/* ---- the container ---------------------------------------------------- */

START_TEST(size_query_and_short_buffer)
{
    struct gic *g = tu_gic(2, 64, NULL);
    int n = gic_save(g, NULL, 0);
    ck_assert_int_gt(n, 0);
    uint8_t *buf = malloc((size_t)n + 1);
    ck_assert_int_eq(gic_save(g, buf, (size_t)n - 1), -ENOSPC);
    ck_assert_int_eq(gic_save(g, buf, 0), -ENOSPC);
    ck_assert_int_eq(gic_save(g, buf, (size_t)n + 1), n);
    ck_assert_int_eq(gic_save(NULL, buf, (size_t)n), -EINVAL);
    ck_assert_int_eq(gic_restore(NULL, buf, (size_t)n), -EINVAL);
    ck_assert_int_eq(gic_restore(g, NULL, (size_t)n), -EINVAL);
    free(buf);
    gic_destroy(g);
}
END_TEST

/* Header fields and the CRC-32C trailer as docs/snapshot-format.md gives
 * them, checked against an independent bitwise CRC-32C (whose check value
 * for "123456789" is 0xE3069283, RFC 3720 B.4). */
START_TEST(header_layout)
{
    ck_assert_uint_eq(snap_ref_crc32c((const uint8_t *)"123456789", 9),
                      0xE3069283u);
    struct gic *g = tu_gic(8, 1024, NULL);
    struct blob b = snap_save_gic(g);
    ck_assert(memcmp(b.p, "VINTCSNP", 8) == 0);
    ck_assert_uint_eq(b.p[SNAP_OFF_KIND] << 8 | b.p[SNAP_OFF_KIND + 1], 1);
    ck_assert_uint_eq(b.p[SNAP_OFF_VERSION] << 8 | b.p[SNAP_OFF_VERSION + 1],
                      1);
    uint32_t clen = snap_be32(b.p + SNAP_OFF_CFGLEN),
             plen = snap_be32(b.p + SNAP_OFF_PAYLEN);
    ck_assert_uint_eq(clen, 24);
    ck_assert_uint_eq(SNAP_HDR_LEN + clen + plen + SNAP_CRC_LEN, b.n);
    const uint8_t *cfg = b.p + SNAP_HDR_LEN;
    ck_assert_uint_eq(snap_be32(cfg), 8);
    ck_assert_uint_eq(snap_be32(cfg + 4), 1024);
    ck_assert_uint_eq(snap_be32(cfg + 8), 4);
    ck_assert_uint_eq(snap_be32(cfg + 12), GIC_BACKEND_LR);
    ck_assert_uint_eq(snap_be32(cfg + 16), 5);
    ck_assert_uint_eq(snap_be32(cfg + 20), VINTC_GIC_DEFAULT_IIDR);
    ck_assert_uint_eq(snap_be32(b.p + b.n - 4), snap_ref_crc32c(b.p, b.n - 4));
    /* 8 CPUs, 1020 interrupts: well under the 16 KiB budget. */
    ck_assert_uint_le(b.n, 16384);
    free(b.p);
    gic_destroy(g);
}
END_TEST

START_TEST(fresh_round_trip)
{
    static const unsigned shapes[][2] = {
        { 1, 32 }, { 2, 64 }, { 8, 1024 }, { 3, 96 }
    };
    for (unsigned i = 0; i < 4; i++) {
        struct gic_config cfg = tu_config(shapes[i][0], shapes[i][1]);
        struct gic *g = tu_gic_cfg(&cfg, NULL);
        gic_destroy(round_trip(g, &cfg));
        gic_destroy(g);
    }
}
END_TEST

/* ---- each piece of state --------------------------------------------- */

/* Distributor registers read back the same after restoring into a fresh
 * GIC: GICD_CTLR, IGROUPR, ISENABLER, IPRIORITYR, ITARGETSR, ICFGR. */
START_TEST(distributor_registers)
{
    struct gic_config cfg = tu_config(4, 128);
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    tu_wr(g, 2, VINTC_GICD_IGROUPR, 0x00FF00F0u); /* banked for CPU 2 */
    tu_wr(g, 0, VINTC_GICD_IGROUPR + 8, 0x12345678u);
    tu_wr(g, 1, VINTC_GICD_ISENABLER, 0x0F000000u); /* PPIs of CPU 1 */
    tu_wr(g, 0, VINTC_GICD_ISENABLER + 12, 0x80000001u);
    tu_wr(g, 3, VINTC_GICD_IPRIORITYR + 24, 0xA0B0C0D0u);
    tu_wr(g, 0, VINTC_GICD_IPRIORITYR + 100, 0x18283848u);
    tu_wr(g, 0, VINTC_GICD_ITARGETSR + 64, 0x0F080402u);
    tu_wr(g, 0, VINTC_GICD_ICFGR + 4 * 4, 0xAAAA0002u);
    struct gic *h = round_trip(g, &cfg);
    static const uint32_t offs[] = { VINTC_GICD_CTLR,
                                     VINTC_GICD_IGROUPR,
                                     VINTC_GICD_IGROUPR + 8,
                                     VINTC_GICD_ISENABLER,
                                     VINTC_GICD_ISENABLER + 12,
                                     VINTC_GICD_IPRIORITYR + 24,
                                     VINTC_GICD_IPRIORITYR + 100,
                                     VINTC_GICD_ITARGETSR + 64,
                                     VINTC_GICD_ICFGR + 16 };
    for (unsigned c = 0; c < 4; c++)
        for (unsigned i = 0; i < N_ELEMS(offs); i++)
            ck_assert_uint_eq(tu_rd(h, c, offs[i]), tu_rd(g, c, offs[i]));
    ck_assert_uint_eq(tu_rd(h, 2, VINTC_GICD_IGROUPR), 0x00FF00F0u);
    ck_assert_uint_eq(tu_rd(h, 0, VINTC_GICD_IGROUPR), 0);
    ck_assert_uint_eq(tu_rd(h, 3, VINTC_GICD_IPRIORITYR + 24), 0xA0B0C0D0u);
    gic_destroy(h);
    gic_destroy(g);
}
END_TEST

/* Line level and pending latch stay apart (IHI 0048B 3.2.4): a level SPI
 * held high is pending through its line and stops being pending when the
 * restored GIC sees the line drop; one made pending by ISPENDR stays
 * pending with the line low. An edge latch survives as such. */
START_TEST(line_and_latch)
{
    struct gic_config cfg = tu_config(1, 64);
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    tu_enable(g, 0, 40);
    tu_enable(g, 0, 41);
    tu_enable(g, 0, 42);
    tu_set_target(g, 40, 1);
    tu_set_target(g, 41, 1);
    tu_set_target(g, 42, 1);
    ck_assert_int_eq(gic_set_irq(g, 0, 40, true), 0); /* level, line high */
    tu_set_bit(g, 0, VINTC_GICD_ISPENDR, 41);         /* level, latched */
    tu_set_edge(g, 42, true);
    tu_pulse(g, 0, 42); /* edge, latched */
    struct gic *h = round_trip(g, &cfg);
    for (unsigned irq = 40; irq <= 42; irq++)
        ck_assert(tu_bit(h, 0, VINTC_GICD_ISPENDR, irq));
    ck_assert_int_eq(gic_set_irq(h, 0, 40, false), 0);
    ck_assert(!tu_bit(h, 0, VINTC_GICD_ISPENDR, 40));
    ck_assert_int_eq(gic_set_irq(h, 0, 41, false), 0);
    ck_assert(tu_bit(h, 0, VINTC_GICD_ISPENDR, 41));
    ck_assert_uint_eq(tu_consume(h, 0, 42, -1), 1);
    ck_assert_uint_eq(tu_consume(h, 0, 42, -1), 0);
    gic_destroy(h);
    gic_destroy(g);
}
END_TEST

/* An active SPI stays with the vCPU that acknowledged it (IHI 0048B
 * 3.2.4: active until deactivated by that CPU): after restore, that vCPU's
 * flush lists it active and another targeted vCPU gets nothing. */
START_TEST(active_spi_owner)
{
    struct gic_config cfg = tu_config(4, 64);
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    tu_enable(g, 0, 50);
    tu_set_edge(g, 50, true);
    tu_set_target(g, 50, 1u << 2);
    tu_pulse(g, 0, 50);
    guest_ack_all(g, 2);
    tu_set_target(g, 50, 1u << 0); /* retarget: stays on 2 */
    struct gic *h = round_trip(g, &cfg);
    ck_assert(tu_bit(h, 0, VINTC_GICD_ISACTIVER, 50));
    struct gic_vif vif;
    tu_vif_reset(&vif);
    ck_assert_int_eq(gic_lr_flush(h, 0, &vif), 0);
    ck_assert_int_eq(gic_lr_sync(h, 0, &vif), 0);
    ck_assert_int_eq(gic_lr_flush(h, 2, &vif), 1);
    ck_assert_uint_eq(vif.lr[0] & VINTC_GICH_LR_VIRTUALID_MASK, 50);
    ck_assert_uint_eq(vif.lr[0] & VINTC_GICH_LR_STATE_MASK,
                      VINTC_GICH_LR_STATE_ACTIVE);
    vif.lr[0] &= ~VINTC_GICH_LR_STATE_MASK; /* guest deactivates */
    ck_assert_int_eq(gic_lr_sync(h, 2, &vif), 1);
    ck_assert(!tu_bit(h, 0, VINTC_GICD_ISACTIVER, 50));
    gic_destroy(h);
    gic_destroy(g);
}
END_TEST

/* SGI pending state is per (target, source) pair (IHI 0048B 4.3.15,
 * GICD_SPENDSGIRn): both sources survive, and each is delivered once; an
 * active SGI keeps its source (the LR's CPUID). */
START_TEST(sgi_sources)
{
    struct gic_config cfg = tu_config(4, 32);
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    tu_wr(g, 1, VINTC_GICD_SGIR, 0x00010005u); /* SGI 5 from CPU 1 to CPU 0 */
    tu_wr(g, 3, VINTC_GICD_SGIR, 0x00010005u); /* ... and from CPU 3 */
    tu_wr(g, 2, VINTC_GICD_SGIR, 0x00010007u); /* SGI 7 from CPU 2 */
    guest_ack_all(g, 0); /* SGI 5 src 1 and SGI 7 src 2 active */
    struct gic *h = round_trip(g, &cfg);
    ck_assert_uint_eq(tu_rdw(h, 0, VINTC_GICD_SPENDSGIR + 5, 1), 0x08);
    ck_assert(tu_bit(h, 0, VINTC_GICD_ISACTIVER, 5));
    ck_assert(tu_bit(h, 0, VINTC_GICD_ISACTIVER, 7));
    struct gic_vif vif;
    tu_vif_reset(&vif);
    int n = gic_lr_flush(h, 0, &vif);
    ck_assert_int_eq(n, 2);
    int i7 = tu_lr_find(&vif, n, 7);
    ck_assert_int_ge(i7, 0);
    ck_assert_uint_eq((vif.lr[i7] & VINTC_GICH_LR_CPUID_MASK) >>
                          VINTC_GICH_LR_CPUID_SHIFT,
                      2);
    ck_assert_uint_eq(vif.lr[i7] & VINTC_GICH_LR_STATE_MASK,
                      VINTC_GICH_LR_STATE_ACTIVE);
    int i5 = tu_lr_find(&vif, n, 5);
    ck_assert_int_ge(i5, 0);
    ck_assert_uint_eq((vif.lr[i5] & VINTC_GICH_LR_CPUID_MASK) >>
                          VINTC_GICH_LR_CPUID_SHIFT,
                      1);
    for (int i = 0; i < n; i++)
        vif.lr[i] &= ~(VINTC_GICH_LR_STATE_MASK); /* deactivate both */
    ck_assert_int_eq(gic_lr_sync(h, 0, &vif), n);
    ck_assert_uint_eq(tu_consume(h, 0, 5, 3), 1);
    ck_assert_uint_eq(tu_consume(h, 0, 5, -1), 0);
    gic_destroy(h);
    gic_destroy(g);
}
END_TEST

/* Hardware mappings: the restored GIC writes HW = 1 and the physical ID
 * into the LR (IHI 0048B 5.3.5, GICH_LRn). */
START_TEST(hw_mappings)
{
    struct gic_config cfg = tu_config(2, 64);
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    ck_assert_int_eq(gic_map_hw_irq(g, 1, 27, 27), 0);
    ck_assert_int_eq(gic_map_hw_irq(g, 0, 45, 100), 0);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    tu_enable(g, 1, 27);
    ck_assert_int_eq(gic_set_irq(g, 1, 27, true), 0);
    struct gic *h = round_trip(g, &cfg);
    struct gic_vif vif;
    tu_vif_reset(&vif);
    ck_assert_int_eq(gic_lr_flush(h, 1, &vif), 1);
    ck_assert_uint_eq(vif.lr[0] & VINTC_GICH_LR_HW, VINTC_GICH_LR_HW);
    ck_assert_uint_eq((vif.lr[0] & VINTC_GICH_LR_PHYSID_MASK) >>
                          VINTC_GICH_LR_PHYSID_SHIFT,
                      27);
    ck_assert_int_eq(gic_lr_sync(h, 1, &vif), 1);
    ck_assert_int_eq(gic_unmap_hw_irq(h, 0, 45), 0); /* the mapping existed */
    ck_assert_int_eq(gic_unmap_hw_irq(h, 0, 46), -EINVAL);
    gic_destroy(h);
    gic_destroy(g);
}
END_TEST

/* The VMCR synced last decides gic_cpu_pending(): a guest that masked
 * everything (PMR 0) is not woken, in the restored GIC too. */
START_TEST(vmcr_as_synced)
{
    struct gic_config cfg = tu_config(1, 64);
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    tu_enable(g, 0, 33);
    tu_set_target(g, 33, 1);
    struct gic_vif vif;
    tu_vif_reset(&vif);
    vif.vmcr = VINTC_GICH_VMCR_GRP0EN |
               VINTC_GICH_VMCR_GRP1EN; /* priority mask 0 */
    vif.apr = 0x4;
    ck_assert_int_eq(gic_lr_flush(g, 0, &vif), 0);
    ck_assert_int_eq(gic_lr_sync(g, 0, &vif), 0);
    ck_assert_int_eq(gic_set_irq(g, 0, 33, true), 0);
    ck_assert(!gic_cpu_pending(g, 0));
    struct gic *fresh = tu_gic_cfg(&cfg, NULL);
    struct gic *h = round_trip(g, &cfg);
    ck_assert(!gic_cpu_pending(h, 0));
    /* Without the VMCR the same distributor state would wake it. */
    tu_wr(fresh, 0, VINTC_GICD_CTLR, 3);
    tu_enable(fresh, 0, 33);
    tu_set_target(fresh, 33, 1);
    ck_assert_int_eq(gic_set_irq(fresh, 0, 33, true), 0);
    ck_assert(gic_cpu_pending(fresh, 0));
    gic_destroy(fresh);
    gic_destroy(h);
    gic_destroy(g);
}
END_TEST

/* Equal priorities: the order in which interrupts became pending decides
 * which go into too few LRs, in the restored GIC as in the original. */
START_TEST(list_order_kept)
{
    struct gic_config cfg = tu_config(1, 64);
    cfg.nr_lrs = 2;
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    static const unsigned order[] = { 60, 35, 47, 33 };
    for (unsigned i = 0; i < 4; i++) {
        tu_enable(g, 0, order[i]);
        tu_set_target(g, order[i], 1);
        ck_assert_int_eq(gic_set_irq(g, 0, order[i], true), 0);
    }
    struct gic *h = round_trip(g, &cfg);
    struct gic_vif vif;
    tu_vif_reset(&vif);
    ck_assert_int_eq(gic_lr_flush(h, 0, &vif), 2);
    ck_assert_uint_eq(vif.lr[0] & VINTC_GICH_LR_VIRTUALID_MASK, 60);
    ck_assert_uint_eq(vif.lr[1] & VINTC_GICH_LR_VIRTUALID_MASK, 35);
    ck_assert_int_eq(gic_lr_sync(h, 0, &vif), 2);
    gic_destroy(h);
    gic_destroy(g);
}
END_TEST

/* ---- LRs in flight ---------------------------------------------------- */

/* Between flush and sync only the guest side knows what became of the LRs:
 * gic_save refuses and gic_lr_in_flight names the vCPU. After the sync the
 * snapshot holds the folded state, and restoring it delivers the interrupt
 * the guest did not take exactly once. */
START_TEST(save_refuses_lrs_in_flight)
{
    struct gic_config cfg = tu_config(2, 64);
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    tu_enable(g, 0, 40);
    tu_set_edge(g, 40, true);
    tu_set_target(g, 40, 2);
    tu_pulse(g, 0, 40);
    struct gic_vif vif;
    tu_vif_reset(&vif);
    ck_assert_int_eq(gic_lr_flush(g, 1, &vif), 1);
    ck_assert_int_eq(gic_save(g, NULL, 0), -EBUSY);
    ck_assert_int_eq(gic_lr_in_flight(g, 1), 1);
    ck_assert_int_eq(gic_lr_in_flight(g, 0), 0);
    ck_assert_int_eq(gic_lr_in_flight(g, 2), -EINVAL);
    ck_assert_int_eq(gic_lr_in_flight(NULL, 0), -EINVAL);
    ck_assert_int_eq(gic_lr_sync(g, 1, &vif), 1); /* guest did not take it */
    ck_assert_int_eq(gic_lr_in_flight(g, 1), 0);
    struct gic *h = round_trip(g, &cfg);
    ck_assert_uint_eq(tu_consume(h, 1, 40, -1), 1);
    ck_assert_uint_eq(tu_consume(h, 1, 40, -1), 0);
    gic_destroy(h);
    gic_destroy(g);
}
END_TEST

/* Restore drops a flush's hand-over: the next sync folds nothing, and a
 * flush hands out the restored state. */
START_TEST(restore_drops_handover)
{
    struct gic_config cfg = tu_config(1, 64);
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    struct blob empty = snap_save_gic(g);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    tu_enable(g, 0, 40);
    tu_set_target(g, 40, 1);
    ck_assert_int_eq(gic_set_irq(g, 0, 40, true), 0);
    struct gic_vif vif;
    tu_vif_reset(&vif);
    ck_assert_int_eq(gic_lr_flush(g, 0, &vif), 1);
    ck_assert_int_eq(gic_restore(g, empty.p, empty.n), 0);
    ck_assert_int_eq(gic_lr_in_flight(g, 0), 0);
    struct blob after = snap_save_gic(g);
    ck_assert(blob_eq(empty, after));
    ck_assert_int_eq(gic_lr_sync(g, 0, &vif), 0);
    ck_assert(!gic_cpu_pending(g, 0));
    free(empty.p);
    free(after.p);
    gic_destroy(g);
}
END_TEST

/* ---- rejection table --------------------------------------------------- */

/* A GIC (2 CPUs, 64 interrupts) with something in every part of the blob. */
static struct gic *sample_gic(const struct gic_config *cfg)
{
    struct gic *g = tu_gic_cfg(cfg, NULL);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    tu_wr(g, 0, VINTC_GICD_IGROUPR + 4, 0xF0F0F0F0u);
    tu_wr(g, 0, VINTC_GICD_IPRIORITYR + 32, 0x10203040u);
    tu_wr(g, 0, VINTC_GICD_ITARGETSR + 32, 0x01020301u);
    tu_wr(g, 1, VINTC_GICD_SGIR, 0x00010001u); /* SGI 1: CPU 1 -> CPU 0 */
    tu_wr(g, 1, VINTC_GICD_SGIR, 0x00010003u); /* SGI 3: CPU 1 -> CPU 0 */
    guest_ack_all(g, 0);                       /* SGIs 1 and 3 active, src 1 */
    tu_wr(g, 1, VINTC_GICD_SGIR, 0x00010001u); /* SGI 1 pending again */
    tu_enable(g, 0, 40);
    tu_set_edge(g, 40, true);
    tu_set_target(g, 40, 2);
    tu_pulse(g, 0, 40);
    guest_ack_all(g, 1); /* SPI 40 active on CPU 1 */
    ck_assert_int_eq(gic_map_hw_irq(g, 0, 45, 100), 0);
    tu_enable(g, 0, 50);
    tu_set_target(g, 50, 1);
    ck_assert_int_eq(gic_set_irq(g, 0, 50, true), 0); /* pending on CPU 0 */
    return g;
}

/* Offsets inside a 2-CPU, 64-interrupt blob (docs/snapshot-format.md). */
enum {
    S_NB = 3,
    S_NSPI = 32,
    S_CPUS = 2,
    S_CTLR = 0,
    S_MAPS = 4,
    S_PRIO = S_MAPS + 6 * S_NB * 4,
    S_TARGET = S_PRIO + S_CPUS * 32 + S_NSPI,
    S_SGI = S_TARGET + S_NSPI,
    S_OWNERS = S_SGI + S_CPUS * 32, /* one byte: SPI 40 */
    S_HW = S_OWNERS + 1,            /* u16 count 1; u8 cpu, u16 id, u16 pirq */
    S_CPUIF = S_HW + 7,             /* per CPU: u8 have, u32 vmcr, u32 apr */
    S_LISTS = S_CPUIF + S_CPUS * 9, /* per CPU: u16 count, u16 IDs */
};
enum { M_ENABLED, M_GROUP, M_EDGE, M_LATCH, M_LINE, M_ACTIVE };

static size_t map_word(unsigned map, unsigned bank)
{
    return S_MAPS + (map * S_NB + bank) * 4;
}

struct mutation {
    const char *what;
    size_t off; /* from the payload start */
    uint8_t xor_mask;
};

START_TEST(impossible_states)
{
    struct gic_config cfg = tu_config(2, 64);
    struct gic *src = sample_gic(&cfg);
    struct blob b = snap_save_gic(src);
    struct gic *g = sample_gic(&cfg); /* the live GIC under test */
    tu_wr(g, 0, VINTC_GICD_CTLR, 1);  /* differs from the blob */
    size_t p = snap_payload_off(b.p);
    /* The layout the table relies on. */
    const uint8_t *q = b.p + p;
    ck_assert_uint_eq(q[S_SGI + 2 * 1], 0x02);  /* SGI 1 from CPU 1 */
    ck_assert_uint_eq(q[S_SGI + 2 * 3 + 1], 1); /* SGI 3 active from CPU 1 */
    ck_assert_uint_eq(q[S_SGI + 2 * 4 + 1], 0xFF);
    ck_assert_uint_eq(q[S_PRIO + 64 + 1], 0x30);
    ck_assert_uint_eq(q[S_TARGET + 3], 0x01);
    ck_assert_uint_eq(q[S_OWNERS], 1); /* SPI 40 on CPU 1 */
    ck_assert_uint_eq(q[S_HW] << 8 | q[S_HW + 1], 1);
    ck_assert_uint_eq(q[S_HW + 3] << 8 | q[S_HW + 4], 45);
    ck_assert_uint_eq(q[S_HW + 5] << 8 | q[S_HW + 6], 100);
    ck_assert_uint_eq(q[S_CPUIF], 1);
    ck_assert_uint_eq(q[S_LISTS] << 8 | q[S_LISTS + 1],
                      3); /* SGIs 1, 3, SPI 50 */
    ck_assert_uint_eq(b.n - SNAP_CRC_LEN - p, S_LISTS + 2 + 3 * 2 + 2 + 1 * 2);
    /* Sanity: the unmutated blob restores. */
    ck_assert_int_eq(gic_restore(g, b.p, b.n), 0);
    tu_wr(g, 0, VINTC_GICD_CTLR, 1);
    const struct mutation table[] = {
        { "GICD_CTLR reserved bit", S_CTLR + 3, 0x04 },
        { "SGI disabled", map_word(M_ENABLED, 0) + 3, 0x01 },
        { "PPI edge-triggered", map_word(M_EDGE, 0) + 0, 0x10 },
        { "SGI edge bit clear", map_word(M_EDGE, 0) + 3, 0x02 },
        { "SGI line high", map_word(M_LINE, 0) + 3, 0x04 },
        { "SGI latch without source", map_word(M_LATCH, 0) + 2, 0x02 },
        { "SGI source cleared under its latch", S_SGI + 2 * 1, 0x02 },
        { "SGI source CPU 2 does not exist", S_SGI + 2 * 1, 0x04 },
        { "SGI source CPU 7 does not exist", S_SGI + 2 * 9, 0x80 },
        { "active SGI source CPU 2", S_SGI + 2 * 3 + 1, 0x03 },
        { "inactive SGI with a source", S_SGI + 2 * 4 + 1, 0xFF },
        { "active SGI without a source", S_SGI + 2 * 3 + 1, 0xFE },
        { "active SPI owned by CPU 2", S_OWNERS, 0x03 },
        { "unimplemented priority bit", S_PRIO + 64 + 1, 0x01 },
        { "SPI target CPU 2 does not exist", S_TARGET + 3, 0x04 },
        { "SPI target CPU 7 does not exist", S_TARGET + 9, 0x80 },
        { "hw map count 0", S_HW + 1, 0x01 },
        { "hw map CPU field of an SPI", S_HW + 2, 0x01 },
        { "hw map on SGI 13", S_HW + 4, 0x20 },
        { "hw map physical ID 4", S_HW + 5, 0x00 },
        { "have_vmcr 2", S_CPUIF, 0x03 },
        { "have_vmcr 0 with a synced VMCR", S_CPUIF, 0x01 },
        { "list of CPU 0 count", S_LISTS + 1, 0x01 },
        { "list of CPU 0 names SPI 51", S_LISTS + 3, 0x00 },
    };
    for (unsigned i = 0; i < N_ELEMS(table); i++) {
        uint8_t *m = malloc(b.n);
        memcpy(m, b.p, b.n);
        if (strcmp(table[i].what, "hw map physical ID 4") == 0) {
            m[p + S_HW + 5] = 0;
            m[p + S_HW + 6] = 4;
        } else if (strncmp(table[i].what, "list of CPU 0", 13) == 0) {
            m[p + table[i].off] = 51;
        } else {
            m[p + table[i].off] ^= table[i].xor_mask;
        }
        snap_reseal(m, b.n);
        snap_expect_rejected_gic(g, m, b.n, table[i].what);
        free(m);
    }
    free(b.p);
    gic_destroy(g);
    gic_destroy(src);
}
END_TEST

/* Every truncation (0 .. size-1 bytes) and a trailing byte are refused. */
START_TEST(every_truncation)
{
    struct gic_config cfg = tu_config(8, 1024);
    struct gic *src = tu_gic_cfg(&cfg, NULL);
    tu_wr(src, 0, VINTC_GICD_CTLR, 3);
    tu_wr(src, 5, VINTC_GICD_SGIR, 0x00FF0002u);
    struct blob b = snap_save_gic(src);
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    struct blob before = snap_save_gic(g);
    for (size_t n = 0; n < b.n; n++)
        if (gic_restore(g, b.p, n) != -EINVAL)
            ck_abort_msg("truncation to %zu bytes accepted", n);
    uint8_t *longer = calloc(1, b.n + 1);
    memcpy(longer, b.p, b.n);
    ck_assert_int_eq(gic_restore(g, longer, b.n + 1), -EINVAL);
    struct blob after = snap_save_gic(g);
    ck_assert(blob_eq(before, after));
    ck_assert_int_eq(gic_restore(g, b.p, b.n), 0);
    free(longer);
    free(b.p);
    free(before.p);
    free(after.p);
    gic_destroy(g);
    gic_destroy(src);
}
END_TEST

/* Any single flipped bit anywhere in the blob is refused (CRC-32C detects
 * every single-bit error), and the GIC stays as it was. */
START_TEST(every_bit_flip)
{
    struct gic_config cfg = tu_config(2, 64);
    struct gic *src = sample_gic(&cfg);
    struct blob b = snap_save_gic(src);
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    struct blob before = snap_save_gic(g);
    for (size_t i = 0; i < b.n * 8; i++) {
        b.p[i / 8] ^= (uint8_t)(1u << (i % 8));
        if (gic_restore(g, b.p, b.n) != -EINVAL)
            ck_abort_msg("flip of bit %zu accepted", i);
        b.p[i / 8] ^= (uint8_t)(1u << (i % 8));
    }
    struct blob after = snap_save_gic(g);
    ck_assert(blob_eq(before, after));
    free(b.p);
    free(before.p);
    free(after.p);
    gic_destroy(g);
    gic_destroy(src);
}
END_TEST

/* Magic, kind and version are checked even when the checksum is valid. */
START_TEST(header_rejections)
{
    struct gic_config cfg = tu_config(2, 64);
    struct gic *src = sample_gic(&cfg);
    struct blob b = snap_save_gic(src);
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    static const struct {
        const char *what;
        size_t off;
        uint8_t val;
    } table[] = {
        { "magic", 0, 'X' },
        { "kind s390", SNAP_OFF_KIND + 1, 2 },
        { "kind 0", SNAP_OFF_KIND + 1, 0 },
        { "version 3 (newer)", SNAP_OFF_VERSION + 1, 3 },
        { "version 0", SNAP_OFF_VERSION + 1, 0 },
        { "version 0x101", SNAP_OFF_VERSION, 1 },
        { "config length", SNAP_OFF_CFGLEN + 3, 28 },
        { "payload length", SNAP_OFF_PAYLEN + 3, 0 },
        { "config nr_cpus", SNAP_HDR_LEN + 3, 3 },
        { "config nr_irqs", SNAP_HDR_LEN + 7, 96 },
        { "config nr_lrs 0", SNAP_HDR_LEN + 11, 0 },
        { "config nr_lrs 65", SNAP_HDR_LEN + 11, 65 },
        { "config backend 7", SNAP_HDR_LEN + 15, 7 },
        { "config priority bits", SNAP_HDR_LEN + 19, 4 },
        { "config IIDR", SNAP_HDR_LEN + 23, 0 },
    };
    for (unsigned i = 0; i < N_ELEMS(table); i++) {
        uint8_t *m = malloc(b.n);
        memcpy(m, b.p, b.n);
        m[table[i].off] = table[i].val;
        snap_reseal(m, b.n);
        snap_expect_rejected_gic(g, m, b.n, table[i].what);
        free(m);
    }
    free(b.p);
    gic_destroy(g);
    gic_destroy(src);
}
END_TEST

/* The blob must come from the same distributor configuration; another LR
 * count is accepted (a VM moves to a host with more list registers). */
START_TEST(config_mismatch)
{
    struct gic_config cfg = tu_config(2, 64);
    struct gic *src = sample_gic(&cfg);
    struct blob b = snap_save_gic(src);
    struct gic_config other[5];
    for (unsigned i = 0; i < 5; i++)
        other[i] = cfg;
    other[0].nr_cpus = 3;
    other[1].nr_irqs = 96;
    other[2].priority_bits = 8;
    other[3].iidr = 0x1234043Bu;
    other[4].nr_lrs = 16;
    for (unsigned i = 0; i < 5; i++) {
        struct gic *g = tu_gic_cfg(&other[i], NULL);
        if (i < 4) {
            snap_expect_rejected_gic(g, b.p, b.n, "configuration");
        } else {
            ck_assert_int_eq(gic_restore(g, b.p, b.n), 0);
            char *da = snap_dump_gic(src), *db = snap_dump_gic(g);
            /* The header line names the LR count; the rest is equal. */
            ck_assert_str_eq(strchr(da, '\n'), strchr(db, '\n'));
            free(da);
            free(db);
        }
        gic_destroy(g);
    }
    free(b.p);
    gic_destroy(src);
}
END_TEST

/* With nr_irqs = 1024 the last bank has bits for IDs 1020..1023, which
 * never exist: a blob setting one is refused. */
START_TEST(nonexistent_ids)
{
    struct gic_config cfg = tu_config(1, 1024);
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    struct blob b = snap_save_gic(g);
    size_t p = snap_payload_off(b.p);
    unsigned nb = 1 + 31;
    for (unsigned m = 0; m < 6; m++) {
        uint8_t *x = malloc(b.n);
        memcpy(x, b.p, b.n);
        x[p + 4 + (m * nb + nb - 1) * 4] ^= 0x10; /* bit 28: ID 1020 */
        snap_reseal(x, b.n);
        snap_expect_rejected_gic(g, x, b.n, "ID 1020");
        free(x);
    }
    free(b.p);
    gic_destroy(g);
}
END_TEST

/* ---- random states built through the public API ------------------------ */

static uint64_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Registers whose writes change state (offset base, span in bytes). */
static const struct {
    uint32_t base, span;
} regs[] = {
    { VINTC_GICD_CTLR, 4 },           { VINTC_GICD_IGROUPR, 0x80 },
    { VINTC_GICD_ISENABLER, 0x80 },   { VINTC_GICD_ISENABLER + 0x80, 0x80 },
    { VINTC_GICD_ISPENDR, 0x80 },     { VINTC_GICD_ISPENDR + 0x80, 0x80 },
    { VINTC_GICD_ISACTIVER, 0x80 },   { VINTC_GICD_ISACTIVER + 0x80, 0x80 },
    { VINTC_GICD_IPRIORITYR, 0x400 }, { VINTC_GICD_ITARGETSR, 0x400 },
    { VINTC_GICD_ICFGR, 0x100 },      { VINTC_GICD_SGIR, 4 },
    { VINTC_GICD_CPENDSGIR, 0x10 },   { VINTC_GICD_SPENDSGIR, 0x10 },
};

/* One random step: a register write, a device line change, a mapping, or
 * a vCPU run (flush, the guest acknowledges / completes some LRs, sync). */
static void random_step(struct gic *g, const struct gic_config *cfg,
                        struct gic_vif *vifs, uint64_t *s)
{
    uint64_t r = rnd(s);
    unsigned cpu = (unsigned)(r >> 8) % cfg->nr_cpus;
    switch (r % 8) {
    case 0:
    case 1:
    case 2: {
        unsigned k = (unsigned)(r >> 16) % N_ELEMS(regs);
        uint32_t off = regs[k].base +
                       (uint32_t)((r >> 24) % regs[k].span / 4 * 4);
        uint32_t val = (uint32_t)rnd(s);
        if (regs[k].base == VINTC_GICD_SGIR)
            val &= 0x03FF000Fu;
        (void)gic_dist_mmio_write(g, cpu, off, 4, val);
        break;
    }
    case 3:
    case 4:
        (void)gic_set_irq(g, cpu,
                          16 + (unsigned)(r >> 16) % (cfg->nr_irqs - 16),
                          (r >> 40) & 1);
        break;
    case 5:
        if ((r >> 16) & 1)
            (void)gic_map_hw_irq(g, cpu,
                                 16 + (unsigned)(r >> 20) % (cfg->nr_irqs - 16),
                                 16 + (unsigned)(r >> 32) % 1000);
        else
            (void)gic_unmap_hw_irq(
                g, cpu, 16 + (unsigned)(r >> 20) % (cfg->nr_irqs - 16));
        break;
    default: {
        struct gic_vif *v = &vifs[cpu];
        int n = gic_lr_flush(g, cpu, v);
        ck_assert_int_ge(n, 0);
        for (int i = 0; i < n; i++) {
            uint32_t st = v->lr[i] & VINTC_GICH_LR_STATE_MASK,
                     act = (uint32_t)rnd(s) % 3;
            if (act == 1 && st == VINTC_GICH_LR_STATE_PENDING)
                st = VINTC_GICH_LR_STATE_ACTIVE; /* acknowledge */
            else if (act == 2 && (st & VINTC_GICH_LR_STATE_ACTIVE))
                st &= ~VINTC_GICH_LR_STATE_ACTIVE; /* deactivate */
            v->lr[i] = (v->lr[i] & ~VINTC_GICH_LR_STATE_MASK) | st;
        }
        v->vmcr ^= ((uint32_t)r >> 3) & 0x1Fu << VINTC_GICH_VMCR_PRIMASK_SHIFT;
        ck_assert_int_eq(gic_lr_sync(g, cpu, v), n);
        break;
    }
    }
}

/* Random states: save -> restore into a fresh GIC -> save is
 * byte-identical and the dumps agree; then both GICs, driven by the same
 * further steps, stay identical (nothing in the snapshot was missing). */
START_TEST(random_round_trips)
{
    static const unsigned shapes[][2] = {
        { 1, 64 }, { 2, 96 }, { 4, 256 }, { 8, 1024 }
    };
    for (unsigned k = 0; k < 4; k++) {
        struct gic_config cfg = tu_config(shapes[k][0], shapes[k][1]);
        cfg.nr_lrs = 1 + k;
        for (uint64_t seed = 1; seed <= 6; seed++) {
            uint64_t s = seed * 0x9E3779B97F4A7C15ull + k;
            struct gic *g = tu_gic_cfg(&cfg, NULL);
            struct gic_vif vifs[VINTC_GIC_MAX_CPUS], vifs2[VINTC_GIC_MAX_CPUS];
            for (unsigned c = 0; c < VINTC_GIC_MAX_CPUS; c++)
                tu_vif_reset(&vifs[c]);
            for (unsigned i = 0; i < 400; i++)
                random_step(g, &cfg, vifs, &s);
            struct gic *h = round_trip(g, &cfg);
            memcpy(vifs2, vifs, sizeof(vifs));
            uint64_t s2 = s;
            for (unsigned i = 0; i < 300; i++) {
                random_step(g, &cfg, vifs, &s);
                random_step(h, &cfg, vifs2, &s2);
            }
            struct blob a = snap_save_gic(g), b = snap_save_gic(h);
            ck_assert(blob_eq(a, b));
            free(a.p);
            free(b.p);
            gic_destroy(h);
            gic_destroy(g);
        }
    }
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_snapshot");
    TCase *tc = tcase_create("format");
    tcase_add_test(tc, size_query_and_short_buffer);
    tcase_add_test(tc, header_layout);
    tcase_add_test(tc, fresh_round_trip);
    suite_add_tcase(s, tc);
    tc = tcase_create("state");
    tcase_add_test(tc, distributor_registers);
    tcase_add_test(tc, line_and_latch);
    tcase_add_test(tc, active_spi_owner);
    tcase_add_test(tc, sgi_sources);
    tcase_add_test(tc, hw_mappings);
    tcase_add_test(tc, vmcr_as_synced);
    tcase_add_test(tc, list_order_kept);
    tcase_add_test(tc, save_refuses_lrs_in_flight);
    tcase_add_test(tc, restore_drops_handover);
    suite_add_tcase(s, tc);
    tc = tcase_create("rejection");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, impossible_states);
    tcase_add_test(tc, every_truncation);
    tcase_add_test(tc, every_bit_flip);
    tcase_add_test(tc, header_rejections);
    tcase_add_test(tc, config_mismatch);
    tcase_add_test(tc, nonexistent_ids);
    suite_add_tcase(s, tc);
    tc = tcase_create("random");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, random_round_trips);
    suite_add_tcase(s, tc);
    return s;
}
