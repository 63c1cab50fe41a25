/* SPDX-License-Identifier: MIT */
/* CPU-interface backend: the IRQ/FIQ lines (set_irq_line only on a level
 * change), FIQ routing, 1-of-N delivery of multi-target SPIs, kicks,
 * gic_cpu_pending, reset, and the introspection of the CPU interfaces
 * (IHI0048B 3.2 "General handling of interrupts", GICC_CTLR.FIQEn;
 * docs/design.md 3.2 and 3.7). */
#include <stdio.h>
#include <stdlib.h>

#include "cpuif_test_util.h"
#include "test_util.h"

#define G0 VINTC_GICC_CTLR_ENABLE_GRP0
#define G1 VINTC_GICC_CTLR_ENABLE_GRP1

/* One edge SPI delivered and completed costs exactly two line calls: up on
 * injection, down on acknowledge. EOIR with nothing else pending, a second
 * injection while the line is already high and register writes that change
 * nothing make no call. */
START_TEST(line_calls_only_on_level_change)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_spi(g, 40, 0x40, 1, true);
    cu_spi(g, 41, 0x50, 1, true);
    ck_assert_uint_eq(cu_calls(&h, 0), 0);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_uint_eq(cu_calls(&h, 0), 1);
    tu_pulse(g, 0, 40);                /* already pending */
    cu_wr(g, 0, VINTC_GICC_PMR, 0xFF); /* unchanged */
    ck_assert_uint_eq(cu_calls(&h, 0), 1);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    ck_assert_uint_eq(cu_calls(&h, 0), 2);
    cu_wr(g, 0, VINTC_GICC_EOIR, 40);
    ck_assert_uint_eq(cu_calls(&h, 0), 2);
    /* 41 pending while 40 runs: masked by the running priority; EOIR lets
     * it through: up again. */
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    tu_pulse(g, 0, 41);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    cu_wr(g, 0, VINTC_GICC_EOIR, 40);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_uint_eq(atomic_load(&h.same), 0);
    ck_assert_uint_eq(atomic_load(&h.bad), 0);
    struct gic_stats st;
    ck_assert_int_eq(gic_get_stats(g, 0, &st), 0);
    ck_assert_uint_eq(st.line_changes, cu_calls(&h, 0));
    gic_destroy(g);
}
END_TEST

/* Group 0 is signalled as FIQ when FIQEn is set, as IRQ otherwise; Group 1
 * always as IRQ. Only the highest-priority pending interrupt drives a line
 * (IHI0048B GICC_CTLR.FIQEn; QEMU gic_update). */
START_TEST(fiq_routing)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_wr(g, 0, VINTC_GICC_CTLR,
          G0 | G1 | VINTC_GICC_CTLR_FIQEN | VINTC_GICC_CTLR_ACKCTL);
    cu_spi(g, 40, 0x40, 1, true); /* Group 0 */
    cu_spi(g, 41, 0x80, 1, true); /* Group 1 */
    cu_group(g, 0, 41, true);
    tu_pulse(g, 0, 41);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_uint_eq(cu_fiq(&h, 0), 0);
    tu_pulse(g, 0, 40); /* higher priority, Group 0 */
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    ck_assert_uint_eq(cu_fiq(&h, 0), 1);
    ck_assert(gic_cpu_pending(g, 0));
    cu_wr(g, 0, VINTC_GICC_CTLR,
          G0 | G1 | VINTC_GICC_CTLR_ACKCTL); /* FIQEn off */
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_uint_eq(cu_fiq(&h, 0), 0);
    cu_wr(g, 0, VINTC_GICC_CTLR,
          G0 | G1 | VINTC_GICC_CTLR_FIQEN | VINTC_GICC_CTLR_ACKCTL);
    ck_assert_uint_eq(cu_fiq(&h, 0), 1);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    /* 41 cannot preempt 0x40: both lines low. */
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    ck_assert_uint_eq(cu_fiq(&h, 0), 0);
    ck_assert(!gic_cpu_pending(g, 0));
    cu_wr(g, 0, VINTC_GICC_EOIR, 40);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 41);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    gic_destroy(g);
}
END_TEST

/* After an acknowledge the interface presents the next interrupt under
 * the new running priority: with split binary points a lower-priority
 * Group 1 interrupt can preempt the one just taken (IHI0048B 3.3), so the
 * IRQ line rises as the FIQ line falls. */
START_TEST(acknowledge_presents_the_next)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_wr(g, 0, VINTC_GICC_CTLR,
          G0 | G1 | VINTC_GICC_CTLR_FIQEN | VINTC_GICC_CTLR_ACKCTL);
    cu_wr(g, 0, VINTC_GICC_ABPR, 7); /* Group 1: no group bits */
    cu_spi(g, 40, 0x40, 1, true);    /* Group 0 */
    cu_spi(g, 41, 0x50, 1, true);    /* Group 1 */
    cu_spi(g, 42, 0x60, 1, true);    /* Group 1 */
    cu_group(g, 0, 41, true);
    cu_group(g, 0, 42, true);
    tu_pulse(g, 0, 42);
    tu_pulse(g, 0, 41);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_fiq(&h, 0), 1);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 40);
    ck_assert_uint_eq(cu_fiq(&h, 0), 0);
    ck_assert_uint_eq(cu_irq(&h, 0), 1); /* 41: group priority 0 */
    /* Group 1 taken through AIAR: its level 0 blocks everything else. */
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_AIAR), 41);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0x00);
    cu_wr(g, 0, VINTC_GICC_AEOIR, 41);
    ck_assert_uint_eq(cu_irq(&h, 0), 1); /* 42 preempts 0x40 */
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 42);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    cu_wr(g, 0, VINTC_GICC_EOIR, 42);
    cu_wr(g, 0, VINTC_GICC_EOIR, 40);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_RPR), 0xFF);
    ck_assert_uint_eq(atomic_load(&h.same), 0);
    gic_destroy(g);
}
END_TEST

/* 1-of-N (IHI0048B 3.1.2, "1-N model"): an SPI targeting several CPUs is
 * signalled to each; the first IAR takes it; the others' lines drop and
 * their IAR reads 1023. */
START_TEST(one_of_n_first_acknowledge_wins)
{
    struct cu_host h;
    struct gic *g = cu_gic(4, 64, &h);
    cu_enable_all(g, 4);
    cu_spi(g, 50, 0x40, 0x7, true);
    tu_pulse(g, 0, 50);
    for (unsigned c = 0; c < 3; c++) {
        ck_assert_uint_eq(cu_irq(&h, c), 1);
        ck_assert(gic_cpu_pending(g, c));
        ck_assert_uint_eq(cu_rd(g, c, VINTC_GICC_HPPIR), 50);
    }
    ck_assert_uint_eq(cu_irq(&h, 3), 0);
    ck_assert_uint_eq(cu_calls(&h, 3), 0);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_IAR), 50);
    for (unsigned c = 0; c < 4; c++)
        ck_assert_uint_eq(cu_irq(&h, c), 0);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), VINTC_GIC_SPURIOUS_ID);
    ck_assert_uint_eq(cu_rd(g, 2, VINTC_GICC_IAR), VINTC_GIC_SPURIOUS_ID);
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_HPPIR), VINTC_GIC_SPURIOUS_ID);
    /* A new edge while it is active: active and pending, nobody can take
     * it until CPU 1 deactivates it; then all three see it again. */
    tu_pulse(g, 0, 50);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    cu_wr(g, 1, VINTC_GICC_EOIR, 50);
    for (unsigned c = 0; c < 3; c++)
        ck_assert_uint_eq(cu_irq(&h, c), 1);
    ck_assert_uint_eq(cu_rd(g, 2, VINTC_GICC_IAR), 50);
    cu_wr(g, 2, VINTC_GICC_EOIR, 50);
    for (unsigned c = 0; c < 4; c++)
        ck_assert_uint_eq(cu_irq(&h, c), 0);
    gic_destroy(g);
}
END_TEST

/* With two multi-target SPIs, the CPU that loses the first sees the
 * second. */
START_TEST(one_of_n_others_see_the_next)
{
    struct cu_host h;
    struct gic *g = cu_gic(2, 64, &h);
    cu_enable_all(g, 2);
    cu_spi(g, 40, 0x40, 3, true);
    cu_spi(g, 41, 0x60, 3, true);
    tu_pulse(g, 0, 41);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_IAR), 40);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_uint_eq(cu_irq(&h, 1), 0); /* 41 cannot preempt 40 */
    ck_assert_uint_eq(cu_rd(g, 0, VINTC_GICC_IAR), 41);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_HPPIR), VINTC_GIC_SPURIOUS_ID);
    gic_destroy(g);
}
END_TEST

/* Retargeting a pending SPI moves its signal; an empty target mask
 * delivers nowhere. An active SPI stays with its CPU. */
START_TEST(retarget_moves_the_signal)
{
    struct cu_host h;
    struct gic *g = cu_gic(3, 64, &h);
    cu_enable_all(g, 3);
    cu_spi(g, 45, 0x40, 1, true);
    tu_pulse(g, 0, 45);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    tu_set_target(g, 45, 4);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    ck_assert_uint_eq(cu_irq(&h, 2), 1);
    tu_set_target(g, 45, 0);
    ck_assert_uint_eq(cu_irq(&h, 2), 0);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISPENDR, 45));
    tu_set_target(g, 45, 2);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_IAR), 45);
    tu_set_target(g, 45, 1);
    ck_assert(tu_bit(g, 0, VINTC_GICD_ISACTIVER, 45));
    cu_wr(g, 1, VINTC_GICC_EOIR, 45);
    ck_assert(!tu_bit(g, 0, VINTC_GICD_ISACTIVER, 45));
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    gic_destroy(g);
}
END_TEST

/* Distributor and CPU-interface enables, the priority and the interrupt
 * enable all gate the line. */
START_TEST(enables_gate_the_line)
{
    struct cu_host h;
    struct gic *g = cu_gic(1, 64, &h);
    cu_enable_all(g, 1);
    cu_spi(g, 40, 0x40, 1, true);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    tu_wr(g, 0, VINTC_GICD_CTLR, 0);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    cu_wr(g, 0, VINTC_GICC_CTLR, G1);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    cu_wr(g, 0, VINTC_GICC_CTLR, G0);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    tu_wr(g, 0, VINTC_GICD_ICENABLER + 4, 1u << 8);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    tu_enable(g, 0, 40);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    tu_wrw(g, 0, VINTC_GICD_IPRIORITYR + 40, 1, 0xFF); /* not < PMR 0xFF */
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    tu_wrw(g, 0, VINTC_GICD_IPRIORITYR + 40, 1, 0x10);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    tu_wr(g, 0, VINTC_GICD_ICPENDR + 4, 1u << 8);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    tu_wr(g, 0, VINTC_GICD_ISPENDR + 4, 1u << 8);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    tu_wr(g, 0, VINTC_GICD_ISACTIVER + 4, 1u << 8);
    ck_assert_uint_eq(cu_irq(&h, 0), 0); /* active+pending */
    tu_wr(g, 0, VINTC_GICD_ICACTIVER + 4, 1u << 8);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_uint_eq(atomic_load(&h.same), 0);
    gic_destroy(g);
}
END_TEST

/* A CPU is kicked when an interrupt becomes deliverable to it, also by a
 * priority change made from another CPU (docs/design.md 3.7: a vCPU halted in
 * WFI needs waking, not only a line). */
START_TEST(kicks_when_deliverable)
{
    struct cu_host h;
    struct gic *g = cu_gic(2, 64, &h);
    cu_enable_all(g, 2);
    cu_wr(g, 1, VINTC_GICC_PMR, 0x80);
    cu_spi(g, 46, 0xA0, 2, true);
    tu_pulse(g, 0, 46);
    ck_assert_uint_eq(cu_irq(&h, 1), 0);
    unsigned before = atomic_load(&h.kicks[1]);
    tu_wrw(g, 0, VINTC_GICD_IPRIORITYR + 46, 1, 0x40);
    ck_assert_uint_eq(cu_irq(&h, 1), 1);
    ck_assert_uint_gt(atomic_load(&h.kicks[1]), before);
    ck_assert(gic_cpu_pending(g, 1));
    ck_assert(!gic_cpu_pending(g, 0));
    ck_assert_uint_eq(atomic_load(&h.kicks[0]), 0);
    gic_destroy(g);
}
END_TEST

/* gic_reset drops every raised line through the callback (docs/design.md 3.7).
 */
START_TEST(reset_drops_lines)
{
    struct cu_host h;
    struct gic *g = cu_gic(2, 64, &h);
    cu_enable_all(g, 2);
    cu_wr(g, 1, VINTC_GICC_CTLR, G0 | VINTC_GICC_CTLR_FIQEN);
    cu_spi(g, 40, 0x40, 3, false);
    ck_assert_int_eq(gic_set_irq(g, 0, 40, true), 0);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    ck_assert_uint_eq(cu_fiq(&h, 1), 1);
    gic_reset(g);
    ck_assert_uint_eq(cu_irq(&h, 0), 0);
    ck_assert_uint_eq(cu_fiq(&h, 1), 0);
    ck_assert(!gic_cpu_pending(g, 0));
    /* The device line is an input and survives: enabling again signals. */
    cu_enable_all(g, 2);
    cu_spi(g, 40, 0x40, 1, false);
    ck_assert_uint_eq(cu_irq(&h, 0), 1);
    gic_destroy(g);
}
END_TEST

/* The LR backend keeps its lowest-target rule (docs/design.md 3.2): only vCPU 0
 * gets a multi-target SPI. */
START_TEST(lr_backend_keeps_lowest_target)
{
    struct gic *g = tu_gic(2, 64, NULL);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    tu_set_target(g, 40, 3);
    tu_set_edge(g, 40, true);
    tu_enable(g, 0, 40);
    tu_pulse(g, 0, 40);
    ck_assert(tu_routed_pending(g, 0, 40));
    ck_assert(!tu_routed_pending(g, 1, 40));
    gic_destroy(g);
}
END_TEST

struct trace_log {
    unsigned reads, writes, lines, eoi;
    unsigned last_line_cpu, last_line, last_level;
};

static void trace_cb(void *opaque, const struct vintc_trace_event *ev)
{
    struct trace_log *t = opaque;
    switch (ev->kind) {
    case VINTC_TRACE_GIC_CPUIF_READ:
        t->reads++;
        break;
    case VINTC_TRACE_GIC_CPUIF_WRITE:
        t->writes++;
        break;
    case VINTC_TRACE_GIC_EOI_NOTIFY:
        t->eoi++;
        break;
    case VINTC_TRACE_GIC_IRQ_LINE:
        t->lines++;
        t->last_line_cpu = ev->cpu;
        t->last_line = (unsigned)ev->values[0];
        t->last_level = (unsigned)ev->values[1];
        break;
    default:
        break;
    }
}

static void quiet_line(void *opaque, unsigned cpu, unsigned line, bool level)
{
    (void)opaque;
    (void)cpu;
    (void)line;
    (void)level;
}

/* Trace events cover GICC accesses, line changes and irq_eoi. */
START_TEST(trace_events)
{
    struct trace_log t;
    memset(&t, 0, sizeof(t));
    struct vintc_host_ops ops;
    memset(&ops, 0, sizeof(ops));
    ops.set_irq_line = quiet_line;
    ops.trace = trace_cb;
    struct gic_config cfg = cu_config(2, 64, 8);
    struct gic *g;
    ck_assert_int_eq(gic_create(&cfg, &ops, &t, &g), 0);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    ck_assert_int_eq(gic_cpuif_mmio_write(g, 1, VINTC_GICC_CTLR, 4, 1), 0);
    ck_assert_int_eq(gic_cpuif_mmio_write(g, 1, VINTC_GICC_PMR, 4, 0xFF), 0);
    cu_spi(g, 33, 0x40, 2, false);
    ck_assert_int_eq(gic_set_irq(g, 0, 33, true), 0);
    ck_assert_uint_eq(t.lines, 1);
    ck_assert_uint_eq(t.last_line_cpu, 1);
    ck_assert_uint_eq(t.last_line, 0);
    ck_assert_uint_eq(t.last_level, 1);
    uint32_t v;
    ck_assert_int_eq(gic_cpuif_mmio_read(g, 1, VINTC_GICC_IAR, 4, &v), 0);
    ck_assert_uint_eq(v, 33);
    ck_assert_uint_eq(t.last_level, 0);
    ck_assert_int_eq(gic_cpuif_mmio_write(g, 1, VINTC_GICC_EOIR, 4, 33), 0);
    ck_assert_uint_eq(t.reads, 1);
    ck_assert_uint_eq(t.writes, 3);
    ck_assert_uint_eq(t.eoi, 1);
    ck_assert_uint_eq(t.lines, 3); /* up again: line still high */
    gic_destroy(g);
}
END_TEST

/* gic_dump shows each CPU interface; gic_get_stats counts its events. */
START_TEST(dump_and_stats)
{
    struct cu_host h;
    struct gic *g = cu_gic(2, 64, &h);
    cu_enable_all(g, 2);
    cu_spi(g, 40, 0x40, 3, true);
    tu_pulse(g, 0, 40);
    ck_assert_uint_eq(cu_rd(g, 1, VINTC_GICC_IAR), 40);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_ge(gic_dump(g, f), 1);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(buf, "cpu 1:"));
    ck_assert_ptr_nonnull(strstr(buf, "RPR 0x40"));
    ck_assert_ptr_nonnull(strstr(buf, "SPI    40"));
    free(buf);
    struct gic_stats st;
    ck_assert_int_eq(gic_get_stats(g, 1, &st), 0);
    ck_assert_uint_eq(st.cpuif_acks, 1);
    ck_assert_uint_eq(st.cpuif_reads, 1);
    ck_assert_uint_eq(st.cpuif_writes, 2);
    ck_assert_uint_eq(st.line_changes, 2);
    ck_assert_int_eq(gic_get_stats(g, VINTC_GIC_STATS_ALL, &st), 0);
    ck_assert_uint_eq(st.line_changes, 4);
    gic_destroy(g);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_cpuif_lines");
    TCase *tc = tcase_create("lines");
    tcase_add_test(tc, line_calls_only_on_level_change);
    tcase_add_test(tc, fiq_routing);
    tcase_add_test(tc, acknowledge_presents_the_next);
    tcase_add_test(tc, one_of_n_first_acknowledge_wins);
    tcase_add_test(tc, one_of_n_others_see_the_next);
    tcase_add_test(tc, retarget_moves_the_signal);
    tcase_add_test(tc, enables_gate_the_line);
    tcase_add_test(tc, kicks_when_deliverable);
    tcase_add_test(tc, reset_drops_lines);
    tcase_add_test(tc, lr_backend_keeps_lowest_target);
    tcase_add_test(tc, trace_events);
    tcase_add_test(tc, dump_and_stats);
    suite_add_tcase(s, tc);
    return s;
}
