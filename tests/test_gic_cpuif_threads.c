/* SPDX-License-Identifier: MIT */
/* CPU-interface backend under contention (docs/design.md 3.7, threading.md): N
 * CPU threads (N = 2..8) race to acknowledge bursts of multi-target edge SPIs
 * while device threads inject them and a guest thread re-prioritises and
 * retargets them. Every injection must be acknowledged exactly once, by one
 * CPU (1-of-N, IHI0048B 3.1.2), the set_irq_line callbacks of one CPU must
 * never overlap or repeat a level, and every line must end low.
 *
 * Deterministic by construction: each round starts all threads at one
 * barrier; each SPI is raised once per round, so its acknowledge count is
 * exact; CPU threads leave a round only when the shared acknowledge count
 * reaches the number of injections, which they reach whatever the
 * scheduling, because every SPI always targets at least one CPU and a CPU
 * thread sleeps only while its IRQ line is low (the line callback wakes
 * it). No sleep, timeout or yield decides anything. */
#include <pthread.h>
#include <stdlib.h>

#include "cpuif_test_util.h"
#include "test_util.h"

#define MAX_CPUS  8
#define NDEV      2
#define BURST     16 /* SPIs per device per round */
#define NSPI      (NDEV * BURST)
#define ROUNDS    40
#define NEST      3  /* acknowledges held before EOIs */
#define RETARGETS 24 /* guest writes per round */

struct cpu_wait {
    pthread_mutex_t m;
    pthread_cond_t c;
    bool line; /* IRQ level as last reported */
};

struct world {
    struct gic *gic;
    unsigned ncpu;
    pthread_barrier_t round_start, round_end;
    struct cpu_wait w[MAX_CPUS];
    atomic_uint in_cb[MAX_CPUS]; /* callback of that CPU running */
    atomic_uint level[MAX_CPUS][2];
    atomic_uint overlap, repeat, bad, api_errors;
    atomic_uint acked;        /* acknowledges this round */
    atomic_uint ack_of[NSPI]; /* per SPI, this round */
    atomic_uint twice, wrong_cpu;
    atomic_uint total_acks;
    uint8_t targets[NSPI]; /* written by the guest thread only */
    pthread_mutex_t done_m;
    pthread_cond_t done_c;
};

static unsigned ld(atomic_uint *a)
{
    return atomic_load(a);
}

static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void wake(struct cpu_wait *w, bool line)
{
    pthread_mutex_lock(&w->m);
    w->line = line;
    pthread_cond_broadcast(&w->c);
    pthread_mutex_unlock(&w->m);
}

static void line_cb(void *opaque, unsigned cpu, unsigned line, bool level)
{
    struct world *wd = opaque;
    if (cpu >= wd->ncpu || line > 1) {
        atomic_fetch_add(&wd->bad, 1u);
        return;
    }
    if (atomic_exchange(&wd->in_cb[cpu], 1u))
        atomic_fetch_add(&wd->overlap, 1u);
    if (atomic_exchange(&wd->level[cpu][line], level ? 1u : 0u) ==
        (level ? 1u : 0u))
        atomic_fetch_add(&wd->repeat, 1u);
    if (line == 0)
        wake(&wd->w[cpu], level);
    atomic_store(&wd->in_cb[cpu], 0u);
}

static void check(struct world *wd, int rc)
{
    if (rc != 0)
        atomic_fetch_add(&wd->api_errors, 1u);
}

/* A random mask of at least two of the first n CPUs. */
static uint8_t multi_mask(uint32_t *s, unsigned n)
{
    uint32_t m;
    do
        m = rnd(s) & ((1u << n) - 1u);
    while ((m & (m - 1)) == 0); /* fewer than two bits */
    return (uint8_t)m;
}

/* Wake every CPU thread: the round's last acknowledge happened. */
static void round_done(struct world *wd)
{
    for (unsigned c = 0; c < wd->ncpu; c++) {
        pthread_mutex_lock(&wd->w[c].m);
        pthread_cond_broadcast(&wd->w[c].c);
        pthread_mutex_unlock(&wd->w[c].m);
    }
}

struct cpu_arg {
    struct world *wd;
    unsigned cpu;
};

static bool round_over(struct world *wd)
{
    return atomic_load(&wd->acked) == NSPI;
}

static void *cpu_thread(void *p)
{
    struct cpu_arg *a = p;
    struct world *wd = a->wd;
    unsigned cpu = a->cpu;
    bool eoimode1 = cpu % 2;
    for (unsigned r = 0; r < ROUNDS; r++) {
        pthread_barrier_wait(&wd->round_start);
        while (!round_over(wd)) {
            uint32_t held[NEST];
            unsigned n = 0;
            while (n < NEST) {
                uint32_t iar = 0;
                check(wd, gic_cpuif_mmio_read(wd->gic, cpu, VINTC_GICC_IAR, 4,
                                              &iar));
                if (iar == VINTC_GIC_SPURIOUS_ID)
                    break;
                unsigned id = iar & 0x3FFu;
                if (id < 32 || id >= 32 + NSPI) {
                    atomic_fetch_add(&wd->bad, 1u);
                    break;
                }
                if (atomic_fetch_add(&wd->ack_of[id - 32], 1u) != 0)
                    atomic_fetch_add(&wd->twice, 1u);
                atomic_fetch_add(&wd->total_acks, 1u);
                held[n++] = iar;
                if (atomic_fetch_add(&wd->acked, 1u) + 1 == NSPI)
                    round_done(wd);
            }
            /* EOIs in reverse order; with EOImode 1, DIRs in the order of
             * acknowledge. */
            for (unsigned i = n; i-- > 0;)
                check(wd, gic_cpuif_mmio_write(wd->gic, cpu, VINTC_GICC_EOIR, 4,
                                               held[i]));
            if (eoimode1)
                for (unsigned i = 0; i < n; i++)
                    check(wd, gic_cpuif_mmio_write(wd->gic, cpu, VINTC_GICC_DIR,
                                                   4, held[i]));
            if (n)
                continue;
            struct cpu_wait *w = &wd->w[cpu];
            pthread_mutex_lock(&w->m);
            while (!w->line && !round_over(wd))
                pthread_cond_wait(&w->c, &w->m);
            pthread_mutex_unlock(&w->m);
        }
        pthread_barrier_wait(&wd->round_end);
    }
    return NULL;
}

struct dev_arg {
    struct world *wd;
    unsigned dev;
};

static void *device_thread(void *p)
{
    struct dev_arg *a = p;
    struct world *wd = a->wd;
    for (unsigned r = 0; r < ROUNDS; r++) {
        pthread_barrier_wait(&wd->round_start);
        for (unsigned i = 0; i < BURST; i++) {
            unsigned irq = 32 + a->dev * BURST + i;
            check(wd, gic_set_irq(wd->gic, 0, irq, true));
            check(wd, gic_set_irq(wd->gic, 0, irq, false));
        }
        pthread_barrier_wait(&wd->round_end);
    }
    return NULL;
}

/* The guest side: retargets (never to an empty mask) and re-prioritises
 * the SPIs while they are in flight. */
static void *guest_thread(void *p)
{
    struct world *wd = p;
    uint32_t seed = 0x9E3779B9u ^ wd->ncpu;
    for (unsigned r = 0; r < ROUNDS; r++) {
        pthread_barrier_wait(&wd->round_start);
        for (unsigned i = 0; i < RETARGETS; i++) {
            unsigned s = rnd(&seed) % NSPI;
            uint8_t m = multi_mask(&seed, wd->ncpu);
            wd->targets[s] = m;
            check(wd, gic_dist_mmio_write(wd->gic, 0,
                                          VINTC_GICD_ITARGETSR + 32 + s, 1, m));
            check(wd, gic_dist_mmio_write(wd->gic, 0,
                                          VINTC_GICD_IPRIORITYR + 32 + s, 1,
                                          (rnd(&seed) & 0x70u) + 0x20u));
        }
        pthread_barrier_wait(&wd->round_end);
    }
    return NULL;
}

static void run(unsigned ncpu)
{
    struct world *wd = calloc(1, sizeof(*wd));
    ck_assert_ptr_nonnull(wd);
    wd->ncpu = ncpu;
    for (unsigned c = 0; c < MAX_CPUS; c++) {
        pthread_mutex_init(&wd->w[c].m, NULL);
        pthread_cond_init(&wd->w[c].c, NULL);
    }
    struct gic_config cfg = cu_config(ncpu, 64, 8);
    struct vintc_host_ops ops;
    memset(&ops, 0, sizeof(ops));
    ops.set_irq_line = line_cb;
    ck_assert_int_eq(gic_create(&cfg, &ops, wd, &wd->gic), 0);
    struct gic *g = wd->gic;
    tu_wr(g, 0, VINTC_GICD_CTLR, 1);
    uint32_t seed = 12345u + ncpu;
    for (unsigned s = 0; s < NSPI; s++) {
        wd->targets[s] = multi_mask(&seed, ncpu);
        tu_wrw(g, 0, VINTC_GICD_IPRIORITYR + 32 + s, 1,
               (rnd(&seed) & 0x70u) + 0x20u);
        tu_set_target(g, 32 + s, wd->targets[s]);
        tu_set_edge(g, 32 + s, true);
        tu_enable(g, 0, 32 + s);
    }
    for (unsigned c = 0; c < ncpu; c++) {
        uint32_t ctlr = VINTC_GICC_CTLR_ENABLE_GRP0 |
                        (c % 2 ? VINTC_GICC_CTLR_EOIMODE : 0);
        cu_wr(g, c, VINTC_GICC_CTLR, ctlr);
        cu_wr(g, c, VINTC_GICC_PMR, 0xFF);
        cu_wr(g, c, VINTC_GICC_BPR, c % 4);
    }

    unsigned nthreads = ncpu + NDEV + 1 + 1; /* + guest + this one */
    pthread_barrier_init(&wd->round_start, NULL, nthreads);
    pthread_barrier_init(&wd->round_end, NULL, nthreads);
    pthread_t cpus[MAX_CPUS], devs[NDEV], guest;
    struct cpu_arg ca[MAX_CPUS];
    struct dev_arg da[NDEV];
    for (unsigned c = 0; c < ncpu; c++) {
        ca[c] = (struct cpu_arg){ wd, c };
        ck_assert_int_eq(pthread_create(&cpus[c], NULL, cpu_thread, &ca[c]), 0);
    }
    for (unsigned d = 0; d < NDEV; d++) {
        da[d] = (struct dev_arg){ wd, d };
        ck_assert_int_eq(pthread_create(&devs[d], NULL, device_thread, &da[d]),
                         0);
    }
    ck_assert_int_eq(pthread_create(&guest, NULL, guest_thread, wd), 0);

    for (unsigned r = 0; r < ROUNDS; r++) {
        atomic_store(&wd->acked, 0u);
        for (unsigned s = 0; s < NSPI; s++)
            atomic_store(&wd->ack_of[s], 0u);
        pthread_barrier_wait(&wd->round_start);
        pthread_barrier_wait(&wd->round_end);
        /* Between rounds everything is quiescent: check the round. */
        for (unsigned s = 0; s < NSPI; s++)
            ck_assert_msg(ld(&wd->ack_of[s]) == 1,
                          "%u CPUs round %u SPI %u acked %u times", ncpu, r,
                          32 + s, ld(&wd->ack_of[s]));
        for (unsigned c = 0; c < ncpu; c++) {
            ck_assert_uint_eq(ld(&wd->level[c][0]), 0);
            ck_assert(!gic_cpu_pending(g, c));
            ck_assert_uint_eq(cu_rd(g, c, VINTC_GICC_RPR), 0xFF);
        }
        ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ISACTIVER + 4), 0);
        ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ISPENDR + 4), 0);
    }
    for (unsigned c = 0; c < ncpu; c++)
        pthread_join(cpus[c], NULL);
    for (unsigned d = 0; d < NDEV; d++)
        pthread_join(devs[d], NULL);
    pthread_join(guest, NULL);

    ck_assert_uint_eq(ld(&wd->total_acks), ROUNDS * NSPI);
    ck_assert_uint_eq(ld(&wd->twice), 0);
    ck_assert_uint_eq(ld(&wd->overlap), 0);
    ck_assert_uint_eq(ld(&wd->repeat), 0);
    ck_assert_uint_eq(ld(&wd->bad), 0);
    ck_assert_uint_eq(ld(&wd->api_errors), 0);
    for (unsigned c = 0; c < ncpu; c++) {
        ck_assert_uint_eq(ld(&wd->level[c][0]), 0);
        ck_assert_uint_eq(ld(&wd->level[c][1]), 0);
    }
    struct gic_stats st;
    ck_assert_int_eq(gic_get_stats(g, VINTC_GIC_STATS_ALL, &st), 0);
    ck_assert_uint_eq(st.cpuif_acks, ROUNDS * NSPI);
    ck_assert_uint_eq(st.cpuif_deactivations, ROUNDS * NSPI);

    gic_destroy(g);
    pthread_barrier_destroy(&wd->round_start);
    pthread_barrier_destroy(&wd->round_end);
    for (unsigned c = 0; c < MAX_CPUS; c++) {
        pthread_mutex_destroy(&wd->w[c].m);
        pthread_cond_destroy(&wd->w[c].c);
    }
    free(wd);
}

START_TEST(cpus_race_for_multi_target_spis)
{
    run((unsigned)_i);
}
END_TEST

/* Two threads flip one CPU's line as fast as they can (one raises a level
 * SPI, the other lowers it): whatever the interleaving, once
 * both stop the callback has reported the final level, never the same level
 * twice in a row, never two calls at once. */
struct flip_arg {
    struct world *wd;
    bool level;
    pthread_barrier_t *start;
};

#define FLIPS 20000

static void *flipper(void *p)
{
    struct flip_arg *a = p;
    pthread_barrier_wait(a->start);
    for (unsigned i = 0; i < FLIPS; i++)
        check(a->wd, gic_set_irq(a->wd->gic, 0, 40, a->level));
    return NULL;
}

START_TEST(concurrent_line_changes_end_on_the_final_level)
{
    struct world *wd = calloc(1, sizeof(*wd));
    ck_assert_ptr_nonnull(wd);
    wd->ncpu = 1;
    pthread_mutex_init(&wd->w[0].m, NULL);
    pthread_cond_init(&wd->w[0].c, NULL);
    struct gic_config cfg = cu_config(1, 64, 8);
    struct vintc_host_ops ops;
    memset(&ops, 0, sizeof(ops));
    ops.set_irq_line = line_cb;
    ck_assert_int_eq(gic_create(&cfg, &ops, wd, &wd->gic), 0);
    struct gic *g = wd->gic;
    cu_enable_all(g, 1);
    cu_spi(g, 40, 0x40, 1, false); /* level: follows the line */
    for (unsigned final = 0; final < 2; final++) {
        pthread_barrier_t start;
        pthread_barrier_init(&start, NULL, 2);
        struct flip_arg up = { wd, true, &start }, down = { wd, false, &start };
        pthread_t t1, t2;
        ck_assert_int_eq(pthread_create(&t1, NULL, flipper, &up), 0);
        ck_assert_int_eq(pthread_create(&t2, NULL, flipper, &down), 0);
        pthread_join(t1, NULL);
        pthread_join(t2, NULL);
        pthread_barrier_destroy(&start);
        /* Whoever ran last decided the line; the callback must agree. */
        ck_assert_int_eq(gic_set_irq(g, 0, 40, final != 0), 0);
        ck_assert_uint_eq(ld(&wd->level[0][0]), final);
        ck_assert(gic_cpu_pending(g, 0) == (final != 0));
    }
    ck_assert_uint_eq(ld(&wd->overlap), 0);
    ck_assert_uint_eq(ld(&wd->repeat), 0);
    ck_assert_uint_eq(ld(&wd->api_errors), 0);
    gic_destroy(g);
    pthread_mutex_destroy(&wd->w[0].m);
    pthread_cond_destroy(&wd->w[0].c);
    free(wd);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_cpuif_threads");
    TCase *tc = tcase_create("threads");
    tcase_set_timeout(tc, 240);
    tcase_add_loop_test(tc, cpus_race_for_multi_target_spis, 2, MAX_CPUS + 1);
    tcase_add_test(tc, concurrent_line_changes_end_on_the_final_level);
    suite_add_tcase(s, tc);
    return s;
}
