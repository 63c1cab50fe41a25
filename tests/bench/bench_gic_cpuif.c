/* SPDX-License-Identifier: MIT */
/* CPU-interface backend benchmarks (issue 9 budgets), each printed next to
 * its budget. A measurement tool, not a test: it exits 0 unless the library
 * fails, and prints "OVER BUDGET" for a miss.
 *
 * Method: every figure is the median over REPS timed batches of ITERS
 * operations (bench_ns_per_op). The host callbacks are the cheapest a host
 * can have: set_irq_line stores the level and counts the call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

#include <vintc/gicv2.h>

#include "bench_util.h"

#define ITERS 10000u
#define REPS  301u


struct host {
    unsigned level[VINTC_GIC_MAX_CPUS][2];
    unsigned long long calls;
};

static void set_irq_line(void *opaque, unsigned cpu, unsigned line, bool level)
{
    struct host *h = opaque;
    h->level[cpu][line] = level;
    h->calls++;
}

static struct gic *make_gic(unsigned cpus, struct host *h)
{
    struct gic_config cfg = { .nr_cpus = cpus,
                              .nr_irqs = 256,
                              .backend = GIC_BACKEND_CPUIF };
    struct vintc_host_ops ops = { .set_irq_line = set_irq_line };
    struct gic *g;
    memset(h, 0, sizeof(*h));
    BENCH_CHECK(gic_create(&cfg, &ops, h, &g));
    BENCH_CHECK(gic_dist_mmio_write(g, 0, VINTC_GICD_CTLR, 4, 3));
    for (unsigned c = 0; c < cpus; c++) {
        BENCH_CHECK(gic_cpuif_mmio_write(g, c, VINTC_GICC_CTLR, 4, 3));
        BENCH_CHECK(gic_cpuif_mmio_write(g, c, VINTC_GICC_PMR, 4, 0xF0));
    }
    return g;
}

/* Enable `irq` at priority 0xA0 (banked for `cpu` when private), with SPI
 * target mask `targets`, edge or level. */
static void setup_irq(struct gic *g, unsigned cpu, unsigned irq,
                      uint8_t targets, int edge)
{
    BENCH_CHECK(
        gic_dist_mmio_write(g, cpu, VINTC_GICD_IPRIORITYR + irq, 1, 0xA0));
    if (irq >= 32) {
        uint32_t off = VINTC_GICD_ICFGR + irq / 16 * 4,
                 bit = 2u << (irq % 16 * 2), v;
        BENCH_CHECK(gic_dist_mmio_write(g, cpu, VINTC_GICD_ITARGETSR + irq, 1,
                                        targets));
        BENCH_CHECK(gic_dist_mmio_read(g, cpu, off, 4, &v));
        BENCH_CHECK(
            gic_dist_mmio_write(g, cpu, off, 4, edge ? v | bit : v & ~bit));
    }
    BENCH_CHECK(gic_dist_mmio_write(g, cpu, VINTC_GICD_ISENABLER + irq / 32 * 4,
                                    4, 1u << irq % 32));
}

struct cycle {
    struct gic *gic;
    unsigned irq;
    unsigned bad;
};

/* A level PPI whose line stays high: IAR acknowledges it (IRQ line drops),
 * EOIR deactivates it and it is pending again (IRQ line rises). Both line
 * callbacks are inside the timed region. */
static void run_iar_eoir(void *arg, unsigned iters)
{
    struct cycle *c = arg;
    for (unsigned i = 0; i < iters; i++) {
        uint32_t iar = 0;
        gic_cpuif_mmio_read(c->gic, 0, VINTC_GICC_IAR, 4, &iar);
        gic_cpuif_mmio_write(c->gic, 0, VINTC_GICC_EOIR, 4, iar);
        c->bad += iar != c->irq;
    }
}

/* A level SPI raised and lowered by its device: each call moves the IRQ
 * line and so makes one set_irq_line call. */
static void run_inject(void *arg, unsigned iters)
{
    struct cycle *c = arg;
    for (unsigned i = 0; i < iters; i++) {
        gic_set_irq(c->gic, 0, c->irq, true);
        gic_set_irq(c->gic, 0, c->irq, false);
    }
}

/* One delivered edge SPI: the device pulses it, the CPU acknowledges and
 * ends it. */
static void deliver(struct gic *g, unsigned cpu, unsigned irq, unsigned *bad)
{
    uint32_t iar = 0;
    gic_set_irq(g, 0, irq, true);
    gic_set_irq(g, 0, irq, false);
    gic_cpuif_mmio_read(g, cpu, VINTC_GICC_IAR, 4, &iar);
    gic_cpuif_mmio_write(g, cpu, VINTC_GICC_EOIR, 4, iar);
    *bad += iar != irq;
}

static void bench_round_trip(void)
{
    struct host h;
    struct gic *g = make_gic(4, &h);
    setup_irq(g, 0, 27, 0, 0);
    BENCH_CHECK(gic_set_irq(g, 0, 27, true));
    struct cycle c = { g, 27, 0 };
    bench_report("GICC IAR + EOIR round trip (level PPI, 2 line callbacks)",
                 bench_ns_per_op(run_iar_eoir, &c, ITERS, REPS), "ns", 60, 1);
    if (c.bad)
        bench_die("IAR acknowledged the wrong interrupt", -1);
    gic_destroy(g);
}

static void bench_inject(void)
{
    struct host h;
    struct gic *g = make_gic(4, &h);
    setup_irq(g, 0, 40, 1, 0);
    struct cycle c = { g, 40, 0 };
    unsigned long long before = h.calls;
    double ns = bench_ns_per_op(run_inject, &c, ITERS, REPS) / 2;
    unsigned long long calls = h.calls - before;
    bench_report(
        "device injection to IRQ-line callback (gic_set_irq, level SPI)", ns,
        "ns", 40, 1);
    if (calls != 2ull * ITERS * (REPS + 1)) /* + bench_ns_per_op's warm-up */
        printf("  (%llu line callbacks for %llu calls)\n", calls,
               2ull * ITERS * (REPS + 1));
    gic_destroy(g);
}

static void bench_callbacks(void)
{
    enum { N = 100000 };
    struct host h;
    struct gic *g = make_gic(4, &h);
    setup_irq(g, 0, 40, 1, 1);   /* one target */
    setup_irq(g, 0, 41, 0xF, 1); /* all four CPUs: 1-of-N */
    unsigned bad = 0;
    unsigned long long before = h.calls;
    for (unsigned i = 0; i < N; i++)
        deliver(g, 0, 40, &bad);
    double one = (double)(h.calls - before) / N;
    before = h.calls;
    for (unsigned i = 0; i < N; i++)
        deliver(g, i % 4, 41, &bad);
    double four = (double)(h.calls - before) / N;
    if (bad)
        bench_die("a delivery acknowledged the wrong interrupt", -1);
    bench_report(
        "line callbacks per delivered interrupt (edge SPI, one target)", one,
        "calls", 2, 1);
    printf("  the same for an SPI targeting 4 CPUs (1-of-N): %.2f calls, "
           "%.2f per targeted CPU\n",
           four, four / 4);
    gic_destroy(g);
}

int main(void)
{
    bench_go_multithreaded();
    printf("vintc GICv2 CPU-interface backend benchmarks: median of %u batches "
           "of %u\n",
           REPS, ITERS);
    bench_round_trip();
    bench_inject();
    bench_callbacks();
    return 0;
}
