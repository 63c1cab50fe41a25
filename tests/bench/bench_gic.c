/* SPDX-License-Identifier: MIT */
/* GICv2 benchmarks: every GIC budget of docs/design.md section 7, each
 * printed next to its budget. A measurement tool, not a test: it always
 * exits 0 (unless the library itself fails) and prints "OVER BUDGET" for a
 * miss.
 *
 * Method: every figure is the median over many repetitions of a timed batch
 * of calls (bench_ns_per_op), so one preemption or cache miss does not move
 * it. What exactly sits inside each timed batch is written next to it. */
#define _GNU_SOURCE /* mallinfo2 */
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <vintc/gicv2.h>

#include "bench_util.h"

#define ITERS 10000u
#define REPS  301u


/* The host callbacks the budgets are stated for: an empty kick. */
static void empty_kick(void *opaque, unsigned cpu)
{
    (void)opaque;
    (void)cpu;
}
static void empty_eoi(void *opaque, unsigned cpu, unsigned irq)
{
    (void)opaque;
    (void)cpu;
    (void)irq;
}
static const struct vintc_host_ops ops = { .kick = empty_kick,
                                           .irq_eoi = empty_eoi };

static struct gic *make_gic(unsigned cpus, unsigned irqs, unsigned lrs)
{
    struct gic_config cfg = { .nr_cpus = cpus, .nr_irqs = irqs, .nr_lrs = lrs };
    struct gic *g;
    BENCH_CHECK(gic_create(&cfg, &ops, NULL, &g));
    BENCH_CHECK(gic_dist_mmio_write(g, 0, VINTC_GICD_CTLR, 4, 3));
    return g;
}

/* Enable `irq` (banked for `cpu` when private), priority 0xA0, routed to
 * CPU 0, edge or level. */
static void setup_irq(struct gic *g, unsigned cpu, unsigned irq, int edge)
{
    BENCH_CHECK(
        gic_dist_mmio_write(g, cpu, VINTC_GICD_IPRIORITYR + irq, 1, 0xA0));
    if (irq >= 32) {
        uint32_t off = VINTC_GICD_ICFGR + irq / 16 * 4,
                 bit = 2u << (irq % 16 * 2), v;
        BENCH_CHECK(
            gic_dist_mmio_write(g, cpu, VINTC_GICD_ITARGETSR + irq, 1, 1));
        BENCH_CHECK(gic_dist_mmio_read(g, cpu, off, 4, &v));
        BENCH_CHECK(
            gic_dist_mmio_write(g, cpu, off, 4, edge ? v | bit : v & ~bit));
    }
    BENCH_CHECK(gic_dist_mmio_write(g, cpu, VINTC_GICD_ISENABLER + irq / 32 * 4,
                                    4, 1u << irq % 32));
}

/* ---- distributor MMIO ------------------------------------------------- */

struct mmio_case {
    const char *name;
    struct gic *gic;
    int write;
    uint32_t off;
    unsigned size;
    uint32_t val;
};

static volatile uint32_t sink;

static void run_mmio(void *arg, unsigned iters)
{
    struct mmio_case *m = arg;
    uint32_t v = 0;
    for (unsigned i = 0; i < iters; i++) {
        if (m->write)
            gic_dist_mmio_write(m->gic, 0, m->off, m->size, m->val);
        else
            gic_dist_mmio_read(m->gic, 0, m->off, m->size, &v);
    }
    sink = v;
}

static void bench_mmio(void)
{
    struct gic *g = make_gic(4, 256, 4);
    setup_irq(g, 0, 40, 1);
    setup_irq(g, 0, 41, 0);
    /* SPI 40 pending and queued on CPU 0, so ISPENDR has something to show. */
    BENCH_CHECK(gic_set_irq(g, 0, 40, true));
    struct mmio_case cases[] = {
        { "gic_dist_mmio_read  GICD_CTLR", g, 0, VINTC_GICD_CTLR, 4, 0 },
        { "gic_dist_mmio_read  GICD_ISPENDR1", g, 0, VINTC_GICD_ISPENDR + 4, 4,
          0 },
        { "gic_dist_mmio_read  GICD_ITARGETSR10 (IDs 40..43)", g, 0,
          VINTC_GICD_ITARGETSR + 40, 4, 0 },
        { "gic_dist_mmio_write GICD_ISENABLER1 (already set)", g, 1,
          VINTC_GICD_ISENABLER + 4, 4, 1u << 8 },
        { "gic_dist_mmio_write GICD_IPRIORITYR byte (same value)", g, 1,
          VINTC_GICD_IPRIORITYR + 41, 1, 0xA0 },
        /* SGI 1 to CPU 1; from the second write on it is already pending
         * from this source, and the kick (empty) is issued each time. */
        { "gic_dist_mmio_write GICD_SGIR (SGI 1 -> CPU 1)", g, 1,
          VINTC_GICD_SGIR, 4, (1u << 16) | 1u },
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        bench_report(cases[i].name,
                     bench_ns_per_op(run_mmio, &cases[i], ITERS, REPS), "ns",
                     20, 1);
    gic_destroy(g);
}

/* ---- gic_set_irq ------------------------------------------------------ */

struct inject_case {
    struct gic *gic;
    unsigned irq;
};

/* Rising then falling edge of one SPI: two calls per iteration. The rising
 * edge finds the latch still set from the previous iteration (nothing takes
 * it), so this is "raise an edge SPI that is already pending" plus "lower". */
static void run_raise_lower(void *arg, unsigned iters)
{
    struct inject_case *c = arg;
    for (unsigned i = 0; i < iters; i++) {
        gic_set_irq(c->gic, 0, c->irq, true);
        gic_set_irq(c->gic, 0, c->irq, false);
    }
}

#define FRESH_SPIS 64u

/* A rising edge on an SPI that is not pending: FRESH_SPIS different SPIs are
 * raised inside the timed region; lowering them and clearing their pending
 * state through GICD_ICPENDR happens outside it. */
static double bench_fresh_raise(struct gic *g)
{
    double *samples = malloc(REPS * sizeof(*samples));
    if (!samples)
        bench_die("malloc", -1);
    for (unsigned r = 0; r <= REPS; r++) {
        uint64_t t0 = bench_now_ns();
        for (unsigned i = 0; i < FRESH_SPIS; i++)
            gic_set_irq(g, 0, 64 + i, true);
        uint64_t t1 = bench_now_ns();
        for (unsigned i = 0; i < FRESH_SPIS; i++)
            gic_set_irq(g, 0, 64 + i, false);
        BENCH_CHECK(gic_dist_mmio_write(g, 0, VINTC_GICD_ICPENDR + 8, 4, ~0u));
        BENCH_CHECK(gic_dist_mmio_write(g, 0, VINTC_GICD_ICPENDR + 12, 4, ~0u));
        if (r > 0) /* the first round warms up */
            samples[r - 1] = (double)(t1 - t0) / FRESH_SPIS;
    }
    double med = bench_median(samples, REPS);
    free(samples);
    return med;
}

static void bench_set_irq(void)
{
    struct gic *g = make_gic(4, 256, 4);
    for (unsigned irq = 40; irq < 64 + FRESH_SPIS; irq++)
        setup_irq(g, 0, irq, 1);
    struct inject_case c = { g, 40 };
    bench_report("gic_set_irq edge SPI, not pending -> pending",
                 bench_fresh_raise(g), "ns", 30, 1);
    bench_report("gic_set_irq edge SPI, raise+lower pair / 2",
                 bench_ns_per_op(run_raise_lower, &c, ITERS, REPS) / 2, "ns",
                 30, 1);
    gic_destroy(g);
}

/* ---- LR backend ------------------------------------------------------- */

struct lr_case {
    struct gic *gic;
    struct gic_vif vif;
    unsigned nr_lrs;
    unsigned irq;
    unsigned bad;
};

static void run_empty_flush(void *arg, unsigned iters)
{
    struct lr_case *c = arg;
    for (unsigned i = 0; i < iters; i++)
        gic_lr_flush(c->gic, 0, &c->vif);
}

/* The whole round trip of one edge SPI: the device raises and lowers its
 * line, the vCPU flushes, the guest reads GICV_IAR and writes GICV_EOIR, the
 * vCPU syncs. */
static void run_round_trip(void *arg, unsigned iters)
{
    struct lr_case *c = arg;
    for (unsigned i = 0; i < iters; i++) {
        uint32_t iar;
        gic_set_irq(c->gic, 0, c->irq, true);
        gic_set_irq(c->gic, 0, c->irq, false);
        gic_lr_flush(c->gic, 0, &c->vif);
        gic_vif_mmio_read(&c->vif, c->nr_lrs, VINTC_GICV_IAR, 4, &iar);
        gic_vif_mmio_write(&c->vif, c->nr_lrs, VINTC_GICV_EOIR, 4, iar);
        gic_lr_sync(c->gic, 0, &c->vif);
        c->bad += iar != c->irq;
    }
}

/* A level PPI whose line stays high: every flush finds it pending, the
 * guest acknowledges and EOIs it, the sync re-samples the line and it is
 * pending again. One interrupt pending, no device work in the loop. */
static void run_level_cycle(void *arg, unsigned iters)
{
    struct lr_case *c = arg;
    for (unsigned i = 0; i < iters; i++) {
        uint32_t iar;
        gic_lr_flush(c->gic, 0, &c->vif);
        gic_vif_mmio_read(&c->vif, c->nr_lrs, VINTC_GICV_IAR, 4, &iar);
        gic_vif_mmio_write(&c->vif, c->nr_lrs, VINTC_GICV_EOIR, 4, iar);
        gic_lr_sync(c->gic, 0, &c->vif);
        c->bad += iar != c->irq;
    }
}

static void lr_case_init(struct lr_case *c, struct gic *g, unsigned lrs,
                         unsigned irq)
{
    memset(c, 0, sizeof(*c));
    c->gic = g;
    c->nr_lrs = lrs;
    c->irq = irq;
    gic_vif_init(&c->vif);
    BENCH_CHECK(gic_vif_mmio_write(&c->vif, lrs, VINTC_GICV_CTLR, 4, 3));
    BENCH_CHECK(gic_vif_mmio_write(&c->vif, lrs, VINTC_GICV_PMR, 4, 0xF0));
}

static void bench_lr(void)
{
    struct gic *g = make_gic(4, 256, 4);
    setup_irq(g, 0, 40, 1);
    struct lr_case c;
    lr_case_init(&c, g, 4, 40);
    bench_report("gic_lr_flush, nothing pending",
                 bench_ns_per_op(run_empty_flush, &c, ITERS, REPS), "ns", 10,
                 1);
    bench_report("set_irq(1,0) -> flush -> IAR -> EOIR -> sync, edge SPI",
                 bench_ns_per_op(run_round_trip, &c, ITERS, REPS), "ns", 150,
                 1);
    if (c.bad)
        bench_die("round trip acknowledged the wrong interrupt", -(int)c.bad);
    gic_destroy(g);
}

/* nr_irqs 32 vs 1024: the same level-PPI cycle on two GICs, the two
 * configurations timed alternately (one batch each per round) so drifts in
 * clock speed or cache state hit both alike. In the large GIC every SPI is
 * enabled and configured, only the PPI is pending. */
static void bench_scaling(void)
{
    struct gic *small = make_gic(8, 32, 4), *large = make_gic(8, 1024, 4);
    setup_irq(small, 0, 27, 0);
    setup_irq(large, 0, 27, 0);
    for (unsigned irq = 32; irq < 1020; irq++)
        BENCH_CHECK(gic_dist_mmio_write(large, 0, VINTC_GICD_IPRIORITYR + irq,
                                        1, 0xA0));
    for (unsigned r = 1; r < 32; r++)
        BENCH_CHECK(gic_dist_mmio_write(large, 0, VINTC_GICD_ISENABLER + r * 4,
                                        4, ~0u));
    BENCH_CHECK(gic_set_irq(small, 0, 27, true));
    BENCH_CHECK(gic_set_irq(large, 0, 27, true));
    struct lr_case cs, cl;
    lr_case_init(&cs, small, 4, 27);
    lr_case_init(&cl, large, 4, 27);

    enum { SC_REPS = 1001, SC_ITERS = 2000 };
    double *s = malloc(SC_REPS * sizeof(*s)), *l = malloc(SC_REPS * sizeof(*l));
    if (!s || !l)
        bench_die("malloc", -1);
    run_level_cycle(&cs, SC_ITERS);
    run_level_cycle(&cl, SC_ITERS);
    for (unsigned r = 0; r < SC_REPS; r++) {
        /* Alternate which one goes first, too. */
        struct lr_case *first = r % 2 ? &cs : &cl, *second = r % 2 ? &cl : &cs;
        double *fs = r % 2 ? s : l, *ss = r % 2 ? l : s;
        uint64_t t0 = bench_now_ns();
        run_level_cycle(first, SC_ITERS);
        uint64_t t1 = bench_now_ns();
        run_level_cycle(second, SC_ITERS);
        uint64_t t2 = bench_now_ns();
        fs[r] = (double)(t1 - t0) / SC_ITERS;
        ss[r] = (double)(t2 - t1) / SC_ITERS;
    }
    double ms = bench_median(s, SC_REPS), ml = bench_median(l, SC_REPS);
    if (cs.bad || cl.bad)
        bench_die("level cycle acknowledged the wrong interrupt", -1);
    printf("  flush+IAR+EOIR+sync, one level PPI pending: nr_irqs 32 %.2f ns, "
           "nr_irqs 1024 %.2f ns\n",
           ms, ml);
    bench_report("flush/IAR/sync cost, nr_irqs 1024 / nr_irqs 32", ml / ms,
                 "ratio", 1.1, 1);
    free(s);
    free(l);
    gic_destroy(small);
    gic_destroy(large);
}

/* ---- two injecting threads ------------------------------------------- */

#define MT_ITERS 2000000u

struct mt_arg {
    struct gic *gic; /* NULL: the machine baseline loop */
    pthread_barrier_t *start;
    uint64_t cpu_ns; /* CPU time the thread itself used */
};

static uint64_t thread_cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void *mt_worker(void *p)
{
    struct mt_arg *a = p;
    pthread_barrier_wait(a->start);
    uint64_t t0 = thread_cpu_ns();
    if (a->gic) {
        for (unsigned i = 0; i < MT_ITERS; i++) {
            gic_set_irq(a->gic, 0, 40, true);
            gic_set_irq(a->gic, 0, 40, false);
        }
    } else {
        /* Pure computation touching no memory: how much parallelism the
         * machine gives two threads right now. */
        volatile uint32_t x = 1;
        for (unsigned i = 0; i < MT_ITERS * 8; i++)
            x = x * 1664525u + 1013904223u;
    }
    a->cpu_ns = thread_cpu_ns() - t0;
    return NULL;
}

/* `n` threads each doing MT_ITERS raise/lower pairs on its own GIC (or the
 * baseline loop), started together. Returns the wall time; *cpu receives
 * the CPU time summed over the threads. */
static double mt_run(struct gic **gics, unsigned n, double *cpu)
{
    pthread_barrier_t start;
    pthread_t th[2];
    struct mt_arg args[2];
    pthread_barrier_init(&start, NULL, n + 1);
    for (unsigned i = 0; i < n; i++) {
        args[i] = (struct mt_arg){ gics ? gics[i] : NULL, &start, 0 };
        if (pthread_create(&th[i], NULL, mt_worker, &args[i]))
            bench_die("pthread_create", -1);
    }
    uint64_t t0 = bench_now_ns();
    pthread_barrier_wait(&start);
    *cpu = 0;
    for (unsigned i = 0; i < n; i++) {
        pthread_join(th[i], NULL);
        *cpu += (double)args[i].cpu_ns;
    }
    uint64_t wall = bench_now_ns() - t0;
    pthread_barrier_destroy(&start);
    return (double)wall;
}

/* Throughput of 2 threads (each on its own GIC) over 1, by wall time: the
 * budget figure. It can only reach 2x if the machine has two idle cores, so
 * the same ratio is printed for a loop that uses no library at all, and the
 * CPU time per call, which shows whether the library itself slows down when
 * two threads run (contention or false sharing would). */
static void bench_threads(void)
{
    struct gic *gics[2] = { make_gic(4, 256, 4), make_gic(4, 256, 4) };
    setup_irq(gics[0], 0, 40, 1);
    setup_irq(gics[1], 0, 40, 1);
    enum { MT_REPS = 7 };
    double one[MT_REPS], two[MT_REPS], one_cpu[MT_REPS], two_cpu[MT_REPS];
    double base1[MT_REPS], base2[MT_REPS], cpu;
    mt_run(gics, 1, &cpu); /* warm up */
    for (unsigned r = 0; r < MT_REPS; r++) {
        one[r] = mt_run(gics, 1, &one_cpu[r]);
        two[r] = mt_run(gics, 2, &two_cpu[r]);
        base1[r] = mt_run(NULL, 1, &cpu);
        base2[r] = mt_run(NULL, 2, &cpu);
    }
    double t1 = bench_median(one, MT_REPS), t2 = bench_median(two, MT_REPS);
    double c1 = bench_median(one_cpu, MT_REPS) / (2.0 * MT_ITERS);
    double c2 = bench_median(two_cpu, MT_REPS) / (4.0 * MT_ITERS);
    double ops1 = 2.0 * MT_ITERS / t1 * 1e3, ops2 = 4.0 * MT_ITERS / t2 * 1e3;
    double machine = 2.0 * bench_median(base1, MT_REPS) /
                     bench_median(base2, MT_REPS);
    printf(
        "  gic_set_irq throughput: 1 thread %.1f Mcalls/s, 2 threads on 2 GICs "
        "%.1f Mcalls/s\n",
        ops1, ops2);
    printf("  CPU time per gic_set_irq: 1 thread %.2f ns, 2 threads %.2f ns\n",
           c1, c2);
    printf("  the same 2-vs-1 ratio for a loop without the library (machine): "
           "%.2fx\n",
           machine);
    bench_report_scaling("2 threads / 2 GICs vs 1 thread / 1 GIC, throughput",
                         ops2 / ops1, "x", 1.8, machine);
    gic_destroy(gics[0]);
    gic_destroy(gics[1]);
}

/* ---- memory ----------------------------------------------------------- */

/* Heap bytes in use (glibc mallinfo2) before and after gic_create: counts
 * every allocation the GIC makes, including allocator overhead. */
static void bench_memory(void)
{
    struct gic_config cfg = { .nr_cpus = 8, .nr_irqs = 1024, .nr_lrs = 64 };
    struct gic *g;
    size_t before = mallinfo2().uordblks;
    BENCH_CHECK(gic_create(&cfg, &ops, NULL, &g));
    size_t after = mallinfo2().uordblks;
    bench_report("memory of a GIC, 8 CPUs, 1020 IRQs, 64 LRs (mallinfo2)",
                 (double)(after - before) / 1024.0, "KiB", 64, 1);
    gic_destroy(g);
}

int main(void)
{
    bench_go_multithreaded();
    printf("vintc GICv2 benchmarks: median of %u batches unless noted\n", REPS);
    bench_mmio();
    bench_set_irq();
    bench_lr();
    bench_scaling();
    bench_threads();
    bench_memory();
    return 0;
}
