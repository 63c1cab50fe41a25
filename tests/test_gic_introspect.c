/* SPDX-License-Identifier: MIT */
/* gic_get_stats and gic_dump (docs/design.md 3.6). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "gic_test_util.h"
#include "test_util.h"

START_TEST(stats_arguments)
{
    struct gic *g = tu_gic(2, 64, NULL);
    struct gic_stats st;
    ck_assert_int_eq(gic_get_stats(NULL, 0, &st), -EINVAL);
    ck_assert_int_eq(gic_get_stats(g, 0, NULL), -EINVAL);
    ck_assert_int_eq(gic_get_stats(g, 2, &st), -EINVAL);
    ck_assert_int_eq(gic_get_stats(g, VINTC_GIC_STATS_ALL - 1, &st), -EINVAL);
    ck_assert_int_eq(gic_get_stats(g, 1, &st), 0);
    ck_assert_uint_eq(st.mmio_reads + st.mmio_writes + st.kicks + st.injections,
                      0);
    gic_destroy(g);
}
END_TEST

/* VINTC_GIC_STATS_ALL is the per-vCPU sum plus the events of no vCPU. */
START_TEST(stats_all_is_sum)
{
    struct tu_kicks k;
    struct gic *g = tu_gic(3, 64, &k);
    tu_wr(g, 0, VINTC_GICD_CTLR, 1);
    tu_rd(g, 1, VINTC_GICD_TYPER);
    tu_rd(g, 2, 0x010);
    tu_wr(g, 2, VINTC_GICD_SGIR, VINTC_GICD_SGIR_VALUE(1, 0, 4));
    tu_set_target(g, 40, 0x4);
    tu_enable(g, 0, 40);
    ck_assert_int_eq(gic_set_irq(g, 0, 40, true), 0);
    uint32_t v;
    ck_assert_int_eq(gic_dist_mmio_read(g, 9, 0, 4, &v), -EINVAL);
    struct gic_vif vif;
    tu_vif_reset(&vif);
    ck_assert_int_eq(gic_lr_flush(g, 2, &vif), 1);
    ck_assert_int_eq(gic_lr_sync(g, 2, &vif), 1);

    struct gic_stats all, c[3], sum;
    memset(&sum, 0, sizeof(sum));
    ck_assert_int_eq(gic_get_stats(g, VINTC_GIC_STATS_ALL, &all), 0);
    for (unsigned i = 0; i < 3; i++) {
        ck_assert_int_eq(gic_get_stats(g, i, &c[i]), 0);
        sum.mmio_reads += c[i].mmio_reads;
        sum.mmio_writes += c[i].mmio_writes;
        sum.kicks += c[i].kicks;
        sum.sgis_sent += c[i].sgis_sent;
        sum.lr_flushes += c[i].lr_flushes;
    }
    ck_assert_uint_eq(all.mmio_reads, sum.mmio_reads);
    ck_assert_uint_eq(all.mmio_writes, sum.mmio_writes);
    ck_assert_uint_eq(all.kicks, sum.kicks);
    ck_assert_uint_eq(all.sgis_sent, 2);
    ck_assert_uint_eq(c[2].sgis_sent, 2);
    ck_assert_uint_eq(all.mmio_malformed, 1);
    ck_assert_uint_eq(
        c[0].mmio_malformed + c[1].mmio_malformed + c[2].mmio_malformed, 0);
    ck_assert_uint_eq(c[1].mmio_reads, 1);
    ck_assert_uint_eq(c[2].mmio_razwi, 1);
    ck_assert_uint_eq(c[2].kicks, 1);
    ck_assert_uint_eq(c[0].kicks, 1);
    ck_assert_uint_eq(c[1].kicks, 1);
    ck_assert_uint_eq(all.injections, 1);
    ck_assert_uint_eq(c[2].lr_flushes, 1);
    ck_assert_uint_eq(c[2].lr_syncs, 1);
    ck_assert_uint_eq(c[2].lr_writes, 1);
    ck_assert_uint_eq(all.lr_flushes, 1);
    gic_destroy(g);
}
END_TEST

static int count_lines(const char *buf)
{
    int n = 0;
    for (; *buf; buf++)
        n += *buf == '\n';
    return n;
}

/* Does the line starting at `line` contain `what`? */
static bool line_has(const char *line, const char *what)
{
    const char *end = strchr(line, '\n');
    const char *hit = strstr(line, what);
    return hit && (!end || hit < end);
}

START_TEST(dump_lines)
{
    struct gic *g = tu_gic(2, 64, NULL);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    tu_set_target(g, 40, 0x2);
    tu_enable(g, 0, 40);
    ck_assert_int_eq(gic_set_irq(g, 0, 40, true), 0); /* level, pending */
    tu_set_bit(g, 0, VINTC_GICD_ISPENDR, 50);         /* disabled, pending */
    tu_set_bit(g, 0, VINTC_GICD_ISACTIVER, 60);
    tu_enable(g, 1, 27); /* PPI enabled only */
    tu_wr(g, 0, VINTC_GICD_SGIR, VINTC_GICD_SGIR_VALUE(0, 0x2, 9));
    char buf[8192];
    memset(buf, 0, sizeof(buf));
    FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");
    ck_assert_ptr_nonnull(f);
    int n = gic_dump(g, f);
    fclose(f);
    /* SPI 40, SPI 50, SPI 60, PPI 27 of cpu 1, SGI 9 of cpu 1 */
    ck_assert_int_eq(n, 5);
    ck_assert_int_eq(count_lines(buf), 1 + 2 + 5); /* header, vcpus */
    ck_assert_ptr_nonnull(strstr(buf, "GICD_CTLR 0x3"));
    ck_assert_ptr_nonnull(strstr(buf, "cpus 2"));
    ck_assert_ptr_nonnull(strstr(buf, "irqs 64"));
    ck_assert_ptr_nonnull(strstr(buf, "vcpu 1: 2 queued")); /* SPI 40, SGI 9 */
    const char *l = strstr(buf, "SPI    40");
    ck_assert_ptr_nonnull(l);
    ck_assert_ptr_nonnull(strstr(l, "en 1 pend 1 act 0 lvl 1 latch 0 level"));
    l = strstr(buf, "SPI    50");
    ck_assert_ptr_nonnull(l);
    ck_assert_ptr_nonnull(strstr(l, "en 0 pend 1 act 0"));
    l = strstr(buf, "SGI     9 cpu 1");
    ck_assert_ptr_nonnull(l);
    ck_assert_ptr_nonnull(strstr(l, "sources 0x01"));
    ck_assert(line_has(l, "queued 1 "));
    ck_assert_ptr_nonnull(strstr(buf, "PPI    27 cpu 1"));
    ck_assert_ptr_null(strstr(buf, "PPI    27 cpu 0"));
    /* The bank's CPU and the queue owner are printed independently. */
    l = strstr(buf, "PPI    27 cpu 1");
    ck_assert(line_has(l, "queued - "));
    gic_destroy(g);
}
END_TEST

START_TEST(dump_errors)
{
    struct gic *g = tu_gic(1, 32, NULL);
    ck_assert_int_eq(gic_dump(NULL, stdout), -EINVAL);
    ck_assert_int_eq(gic_dump(g, NULL), -EINVAL);
    FILE *ro = fopen("/dev/null", "r");
    ck_assert_ptr_nonnull(ro);
    ck_assert_int_eq(gic_dump(g, ro), -EIO);
    fclose(ro);
    gic_destroy(g);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_introspect");
    TCase *tc = tcase_create("introspect");
    tcase_add_test(tc, stats_arguments);
    tcase_add_test(tc, stats_all_is_sum);
    tcase_add_test(tc, dump_lines);
    tcase_add_test(tc, dump_errors);
    suite_add_tcase(s, tc);
    return s;
}
