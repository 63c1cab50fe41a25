/* SPDX-License-Identifier: MIT */
/* gic_create validation (docs/design.md 3.1), defaults,
 * gic_destroy/gic_reset. */
#include <errno.h>
#include <stddef.h>

#include "gic_test_util.h"
#include "test_util.h"

/* Every field outside its documented range is refused with -EINVAL. */
struct bad_cfg {
    const char *what;
    unsigned nr_cpus, nr_irqs, nr_lrs, backend, priority_bits;
};

static const struct bad_cfg bad_cfgs[] = {
    { "no cpus", 0, 64, 4, GIC_BACKEND_LR, 0 },
    { "9 cpus", 9, 64, 4, GIC_BACKEND_LR, 0 },
    { "huge cpus", ~0u, 64, 4, GIC_BACKEND_LR, 0 },
    { "no irqs", 1, 0, 4, GIC_BACKEND_LR, 0 },
    { "16 irqs", 1, 16, 4, GIC_BACKEND_LR, 0 },
    { "31 irqs", 1, 31, 4, GIC_BACKEND_LR, 0 },
    { "33 irqs", 1, 33, 4, GIC_BACKEND_LR, 0 },
    { "100 irqs", 1, 100, 4, GIC_BACKEND_LR, 0 },
    { "1020 irqs", 1, 1020, 4, GIC_BACKEND_LR, 0 },
    { "1056 irqs", 1, 1056, 4, GIC_BACKEND_LR, 0 },
    { "huge irqs", 1, 0xFFFFFFE0u, 4, GIC_BACKEND_LR, 0 },
    { "no lrs", 1, 64, 0, GIC_BACKEND_LR, 0 },
    { "65 lrs", 1, 64, 65, GIC_BACKEND_LR, 0 },
    { "1 priority bit", 1, 64, 4, GIC_BACKEND_LR, 1 },
    { "3 priority bits", 1, 64, 4, GIC_BACKEND_LR, 3 },
    { "9 priority bits", 1, 64, 4, GIC_BACKEND_LR, 9 },
    { "unknown backend 2", 1, 64, 4, 2, 0 },
    { "unknown backend 99", 1, 64, 4, 99, 0 },
};

START_TEST(create_rejects_bad_config)
{
    const struct bad_cfg *b = &bad_cfgs[_i];
    struct gic_config cfg = tu_config(b->nr_cpus, b->nr_irqs);
    cfg.nr_lrs = b->nr_lrs;
    cfg.backend = (enum gic_backend)b->backend;
    cfg.priority_bits = b->priority_bits;
    struct gic *g = NULL;
    ck_assert_msg(gic_create(&cfg, NULL, NULL, &g) == -EINVAL, "%s accepted",
                  b->what);
    ck_assert_ptr_null(g);
}
END_TEST

START_TEST(create_rejects_null_arguments)
{
    struct gic_config cfg = tu_config(1, 64);
    struct gic *g = NULL;
    ck_assert_int_eq(gic_create(NULL, NULL, NULL, &g), -EINVAL);
    ck_assert_ptr_null(g);
    ck_assert_int_eq(gic_create(&cfg, NULL, NULL, NULL), -EINVAL);
}
END_TEST

static void no_line(void *opaque, unsigned cpu, unsigned line, bool level)
{
    (void)opaque;
    (void)cpu;
    (void)line;
    (void)level;
}

/* The CPU-interface backend drives the IRQ/FIQ lines through set_irq_line:
 * without it gic_create refuses the config (docs/design.md 3.7). */
START_TEST(create_cpuif_backend_needs_set_irq_line)
{
    struct gic_config cfg = tu_config(2, 64);
    cfg.backend = GIC_BACKEND_CPUIF;
    cfg.nr_lrs = 0; /* not used by this backend */
    struct gic *g = NULL;
    ck_assert_int_eq(gic_create(&cfg, NULL, NULL, &g), -EINVAL);
    ck_assert_ptr_null(g);
    struct vintc_host_ops ops;
    memset(&ops, 0, sizeof(ops));
    ck_assert_int_eq(gic_create(&cfg, &ops, NULL, &g), -EINVAL);
    ck_assert_ptr_null(g);
    ops.set_irq_line = no_line;
    ck_assert_int_eq(gic_create(&cfg, &ops, NULL, &g), 0);
    ck_assert_ptr_nonnull(g);
    gic_destroy(g);
}
END_TEST

/* Both ends of every range are accepted and show up in GICD_TYPER. */
struct good_cfg {
    unsigned nr_cpus, nr_irqs, nr_lrs, priority_bits;
};

static const struct good_cfg good_cfgs[] = {
    { 1, 32, 1, 0 }, { 8, 1024, 64, 8 }, { 1, 1024, 4, 4 }, { 8, 32, 4, 5 },
    { 2, 64, 2, 6 }, { 3, 96, 16, 7 },   { 4, 992, 4, 8 },  { 7, 480, 63, 4 },
};

START_TEST(create_accepts_range_limits)
{
    const struct good_cfg *c = &good_cfgs[_i];
    struct gic_config cfg = tu_config(c->nr_cpus, c->nr_irqs);
    cfg.nr_lrs = c->nr_lrs;
    cfg.priority_bits = c->priority_bits;
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_TYPER),
                      (c->nr_irqs / 32 - 1) | (c->nr_cpus - 1) << 5);
    unsigned bits = c->priority_bits ? c->priority_bits : 5;
    tu_wrw(g, 0, VINTC_GICD_IPRIORITYR + 40 % c->nr_irqs, 1, 0xFF);
    ck_assert_uint_eq(tu_rdw(g, 0, VINTC_GICD_IPRIORITYR + 40 % c->nr_irqs, 1),
                      (0xFFu << (8 - bits)) & 0xFFu);
    gic_destroy(g);
}
END_TEST

START_TEST(default_iidr_and_custom_iidr)
{
    struct gic_config cfg = tu_config(1, 32);
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_IIDR), VINTC_GIC_DEFAULT_IIDR);
    ck_assert_uint_eq(VINTC_GIC_DEFAULT_IIDR, 0x7600043Bu);
    gic_destroy(g);
    cfg.iidr = 0x0102243Bu;
    g = tu_gic_cfg(&cfg, NULL);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_IIDR), 0x0102243Bu);
    gic_destroy(g);
}
END_TEST

START_TEST(null_object_calls_are_harmless)
{
    gic_destroy(NULL);
    gic_reset(NULL);
    ck_assert(!gic_cpu_pending(NULL, 0));
}
END_TEST

/* Two GICs share nothing (docs/design.md 2: no global state). */
START_TEST(objects_are_independent)
{
    struct tu_kicks ka, kb;
    struct gic *a = tu_gic(2, 64, &ka), *b = tu_gic(2, 64, &kb);
    tu_wr(a, 0, VINTC_GICD_CTLR, 3);
    tu_enable(a, 0, 40);
    tu_set_target(a, 40, 1);
    tu_pulse(a, 0, 40);
    ck_assert_uint_eq(tu_rd(b, 0, VINTC_GICD_CTLR), 0);
    ck_assert(!tu_bit(b, 0, VINTC_GICD_ISPENDR, 40));
    ck_assert(!tu_bit(b, 0, VINTC_GICD_ISENABLER, 40));
    ck_assert_uint_eq(tu_kicks_total(&kb), 0);
    ck_assert_uint_eq(tu_kicks_of(&ka, 0), 1);
    gic_destroy(a);
    gic_destroy(b);
}
END_TEST

/* gic_reset: every guest-visible register back to its reset value, device
 * line levels and statistics kept. */
START_TEST(reset_restores_registers_keeps_lines)
{
    struct tu_kicks k;
    struct gic *g = tu_gic(2, 96, &k);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    for (unsigned c = 0; c < 2; c++) {
        tu_wr(g, c, VINTC_GICD_IGROUPR, 0xFFFFFFFFu);
        tu_wr(g, c, VINTC_GICD_ISENABLER, 0xFFFFFFFFu);
        tu_wr(g, c, VINTC_GICD_ISACTIVER, 0xFFFFFFFFu);
        tu_wr(g, c, VINTC_GICD_ISPENDR, 0xFFFFFFFFu);
        tu_wr(g, c, VINTC_GICD_IPRIORITYR, 0xFFFFFFFFu);
        tu_wr(g, c, VINTC_GICD_SPENDSGIR, 0xFFFFFFFFu);
        tu_wr(g, c, VINTC_GICD_SGIR, VINTC_GICD_SGIR_VALUE(1, 0, 7));
    }
    for (unsigned w = 1; w < 3; w++) {
        tu_wr(g, 0, VINTC_GICD_IGROUPR + 4 * w, 0xFFFFFFFFu);
        tu_wr(g, 0, VINTC_GICD_ISENABLER + 4 * w, 0xFFFFFFFFu);
        tu_wr(g, 0, VINTC_GICD_ISPENDR + 4 * w, 0xFFFFFFFFu);
        tu_wr(g, 0, VINTC_GICD_ISACTIVER + 4 * w, 0xFFFFFFFFu);
    }
    for (unsigned off = 0x420; off < 0x460; off += 4) {
        tu_wr(g, 0, off, 0xFFFFFFFFu);
        tu_wr(g, 0, off + 0x400, 0xFFFFFFFFu);
    }
    for (unsigned off = 0xC08; off < 0xC18; off += 4)
        tu_wr(g, 0, off, 0xFFFFFFFFu);
    /* Level SPI 50 and PPI 20 (cpu 1) lines stay high across the reset. */
    ck_assert_int_eq(gic_set_irq(g, 0, 50, true), 0);
    ck_assert_int_eq(gic_set_irq(g, 1, 20, true), 0);
    struct gic_vif vif;
    tu_vif_reset(&vif);
    ck_assert_int_gt(gic_lr_flush(g, 0, &vif), 0);
    struct gic_stats before;
    ck_assert_int_eq(gic_get_stats(g, VINTC_GIC_STATS_ALL, &before), 0);

    gic_reset(g);

    for (unsigned c = 0; c < 2; c++) {
        for (uint32_t off = 0; off < 0x1000; off += 4) {
            uint32_t want = 0;
            if (off == VINTC_GICD_TYPER)
                want = 2 | 1u << 5;
            else if (off == VINTC_GICD_IIDR)
                want = VINTC_GIC_DEFAULT_IIDR;
            else if (off == VINTC_GICD_ISENABLER || off == VINTC_GICD_ICENABLER)
                want = 0xFFFF;
            else if (off >= 0x800 && off < 0x820)
                want = 0x01010101u << c;
            else if (off == VINTC_GICD_ICFGR)
                want = 0xAAAAAAAAu;
            else if (off >= 0xFD0) {
                static const uint8_t idb[12] = { 0x04, 0,    0,    0,
                                                 0x90, 0xB4, 0x2B, 0,
                                                 0x0D, 0xF0, 0x05, 0xB1 };
                want = idb[(off - 0xFD0) / 4];
            }
            /* The lines still high make their level interrupts pending. */
            if ((off == VINTC_GICD_ISPENDR + 4 ||
                 off == VINTC_GICD_ICPENDR + 4))
                want = 1u << (50 - 32);
            if ((off == VINTC_GICD_ISPENDR || off == VINTC_GICD_ICPENDR) &&
                c == 1)
                want = 1u << 20;
            ck_assert_msg(tu_rd(g, c, off) == want,
                          "cpu %u offset 0x%03x: 0x%08x, want 0x%08x", c, off,
                          tu_rd(g, c, off), want);
        }
    }
    /* Nothing is queued anywhere, and the next sync folds nothing. */
    ck_assert(!gic_cpu_pending(g, 0));
    ck_assert(!gic_cpu_pending(g, 1));
    ck_assert_int_eq(gic_lr_sync(g, 0, &vif), 0);
    struct gic_stats after;
    ck_assert_int_eq(gic_get_stats(g, VINTC_GIC_STATS_ALL, &after), 0);
    /* Statistics survive (only reads happened since). */
    ck_assert_uint_eq(after.mmio_writes, before.mmio_writes);
    ck_assert_uint_eq(after.injections, before.injections);
    ck_assert_uint_eq(after.lr_flushes, before.lr_flushes);
    ck_assert_uint_gt(after.mmio_reads, before.mmio_reads);
    /* The level SPI is delivered once re-enabled. */
    tu_wr(g, 0, VINTC_GICD_CTLR, 1);
    tu_set_target(g, 50, 1);
    tu_enable(g, 0, 50);
    ck_assert(gic_cpu_pending(g, 0));
    ck_assert(tu_routed_pending(g, 0, 50));
    gic_destroy(g);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_config");
    TCase *tc = tcase_create("create");
    tcase_add_loop_test(tc, create_rejects_bad_config, 0,
                        (int)(sizeof(bad_cfgs) / sizeof(bad_cfgs[0])));
    tcase_add_test(tc, create_rejects_null_arguments);
    tcase_add_test(tc, create_cpuif_backend_needs_set_irq_line);
    tcase_add_loop_test(tc, create_accepts_range_limits, 0,
                        (int)(sizeof(good_cfgs) / sizeof(good_cfgs[0])));
    tcase_add_test(tc, default_iidr_and_custom_iidr);
    tcase_add_test(tc, null_object_calls_are_harmless);
    tcase_add_test(tc, objects_are_independent);
    suite_add_tcase(s, tc);
    tc = tcase_create("reset");
    tcase_add_test(tc, reset_restores_registers_keeps_lines);
    suite_add_tcase(s, tc);
    return s;
}
