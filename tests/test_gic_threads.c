/* SPDX-License-Identifier: MIT */
/* Threaded stress (docs/threading.md: any call from any thread). Device
 * threads inject edge SPIs and level PPIs, a guest thread sends SGIs, another
 * reads and rewrites distributor registers (retargeting, re-prioritising,
 * disabling and re-enabling), and one consumer per vCPU drains its LRs the
 * way a vCPU loop does: wait for a kick, gic_lr_flush, take every pending
 * LR, gic_lr_sync. Each interrupt is re-raised only after its previous
 * occurrence was consumed, so the bookkeeping is exact: every occurrence is
 * consumed exactly once (never twice, never lost).
 *
 * Nothing here depends on timing (docs/testing.md): a consumer sleeps with
 * no timeout, and only when it was not kicked and gic_cpu_pending() says it
 * has nothing, so a lost kick cannot be papered over by polling. Once the
 * devices are done, the run is over when every consumer sleeps that way:
 * nobody can act any more, and anything still outstanding was lost. */
#include <pthread.h>
#include <sched.h>
#include <time.h>

#include "gic_test_util.h"
#include "test_util.h"

#define NCPU    4
#define NIRQ    128
#define SPI_OPS 600 /* per SPI thread */
#define PPI_OPS 400
#define SGI_OPS 400
#define NSGI    4

struct vcpu {
    pthread_mutex_t m;
    pthread_cond_t c;
    bool kicked;
    bool idle; /* asleep with nothing to do */
};

struct world {
    struct gic *gic;
    struct vcpu vcpu[NCPU];
    pthread_mutex_t idle_m;   /* nests inside vcpu[].m */
    pthread_cond_t idle_c;    /* the main thread waits on it */
    unsigned idle;            /* consumers with idle set */
    atomic_int spi_out[NIRQ]; /* 1 = raised, not yet consumed */
    atomic_int ppi_out[NCPU][32];
    atomic_int sgi_out[NCPU][NSGI][NCPU]; /* [target][sgi][source] */
    atomic_uint raised, consumed;
    atomic_uint dup, bad, api_errors;
    atomic_int devices_done, stop;
};

/* With v->m held: count the consumer in or out of the idle set. */
static void set_idle(struct world *w, struct vcpu *v, bool idle)
{
    if (v->idle == idle)
        return;
    v->idle = idle;
    pthread_mutex_lock(&w->idle_m);
    w->idle = idle ? w->idle + 1 : w->idle - 1;
    pthread_cond_signal(&w->idle_c);
    pthread_mutex_unlock(&w->idle_m);
}

/* A kick takes the consumer out of the idle set at once, under the same
 * lock it sleeps with, so "every consumer idle" is never seen while a kick
 * is on its way. */
static void kick(void *opaque, unsigned cpu)
{
    struct world *w = opaque;
    if (cpu >= NCPU) {
        atomic_fetch_add(&w->bad, 1u);
        return;
    }
    struct vcpu *v = &w->vcpu[cpu];
    pthread_mutex_lock(&v->m);
    v->kicked = true;
    set_idle(w, v, false);
    pthread_cond_signal(&v->c);
    pthread_mutex_unlock(&v->m);
}

static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void pause_briefly(void)
{
    struct timespec ts = { 0, 50 * 1000 };
    nanosleep(&ts, NULL);
}

static void check(struct world *w, int rc)
{
    if (rc < 0)
        atomic_fetch_add(&w->api_errors, 1u);
}

/* ---- devices ----------------------------------------------------------- */

struct spi_dev {
    struct world *w;
    unsigned first, count;
    uint32_t seed;
};

static void *spi_thread(void *arg)
{
    struct spi_dev *d = arg;
    struct world *w = d->w;
    for (unsigned done = 0; done < SPI_OPS;) {
        unsigned irq = d->first + rnd(&d->seed) % d->count;
        if (atomic_load(&w->spi_out[irq])) {
            pause_briefly();
            continue;
        }
        atomic_store(&w->spi_out[irq], 1);
        atomic_fetch_add(&w->raised, 1u);
        check(w, gic_set_irq(w->gic, 0, irq, true));
        check(w, gic_set_irq(w->gic, 0, irq, false));
        done++;
    }
    return NULL;
}

/* Level PPIs 16..19 of every vCPU: the line stays high until the consumer
 * (the guest's handler talking to the device) lowers it. */
static void *ppi_thread(void *arg)
{
    struct world *w = arg;
    uint32_t seed = 0x9E3779B9u;
    for (unsigned done = 0; done < PPI_OPS;) {
        uint32_t r = rnd(&seed);
        unsigned cpu = r % NCPU, ppi = 16 + (r >> 8) % 4;
        if (atomic_load(&w->ppi_out[cpu][ppi])) {
            pause_briefly();
            continue;
        }
        atomic_store(&w->ppi_out[cpu][ppi], 1);
        atomic_fetch_add(&w->raised, 1u);
        check(w, gic_set_irq(w->gic, cpu, ppi, true));
        done++;
    }
    return NULL;
}

static void *sgi_thread(void *arg)
{
    struct world *w = arg;
    uint32_t seed = 0x12345u;
    for (unsigned done = 0; done < SGI_OPS;) {
        uint32_t r = rnd(&seed);
        unsigned src = r % NCPU, dst = (r >> 4) % NCPU, sgi = (r >> 8) % NSGI;
        if (atomic_load(&w->sgi_out[dst][sgi][src])) {
            pause_briefly();
            continue;
        }
        atomic_store(&w->sgi_out[dst][sgi][src], 1);
        atomic_fetch_add(&w->raised, 1u);
        check(w, gic_dist_mmio_write(w->gic, src, VINTC_GICD_SGIR, 4,
                                     VINTC_GICD_SGIR_VALUE(0, 1u << dst, sgi)));
        done++;
    }
    return NULL;
}

/* ---- the guest's register traffic --------------------------------------- */

static void *reg_thread(void *arg)
{
    struct world *w = arg;
    uint32_t seed = 0xC0FFEEu, v;
    while (!atomic_load(&w->devices_done)) {
        uint32_t r = rnd(&seed);
        unsigned cpu = r % NCPU, irq = 32 + (r >> 4) % (NIRQ - 32);
        switch ((r >> 12) % 6) {
        case 0: /* retarget: any non-empty mask */
            check(w,
                  gic_dist_mmio_write(w->gic, cpu, VINTC_GICD_ITARGETSR + irq,
                                      1, 1u + (r >> 16) % 15));
            break;
        case 1:
            check(w,
                  gic_dist_mmio_write(w->gic, cpu, VINTC_GICD_IPRIORITYR + irq,
                                      1, (r >> 16) & 0xF0));
            break;
        case 2: /* disable, then enable again */
            check(w, gic_dist_mmio_write(w->gic, cpu,
                                         VINTC_GICD_ICENABLER + irq / 32 * 4, 4,
                                         1u << (irq % 32)));
            check(w, gic_dist_mmio_write(w->gic, cpu,
                                         VINTC_GICD_ISENABLER + irq / 32 * 4, 4,
                                         1u << (irq % 32)));
            break;
        case 3:
            check(w, gic_dist_mmio_read(w->gic, cpu,
                                        VINTC_GICD_ISPENDR + (r >> 16) % 4 * 4,
                                        4, &v));
            check(w, gic_dist_mmio_read(
                         w->gic, cpu, VINTC_GICD_ISACTIVER + (r >> 16) % 4 * 4,
                         4, &v));
            break;
        case 4:
            check(w,
                  gic_dist_mmio_read(w->gic, cpu, VINTC_GICD_SPENDSGIR, 4, &v));
            (void)gic_cpu_pending(w->gic, cpu);
            break;
        default: {
            struct gic_stats st;
            check(w, gic_get_stats(w->gic, VINTC_GIC_STATS_ALL, &st));
            check(w, gic_dist_mmio_write(w->gic, cpu, VINTC_GICD_CTLR, 4, 3));
            break;
        }
        }
        if (r % 8 == 0)
            sched_yield();
    }
    return NULL;
}

/* ---- vCPUs -------------------------------------------------------------- */

struct consumer {
    struct world *w;
    unsigned cpu;
};

static void take(struct world *w, unsigned cpu, uint32_t lr)
{
    unsigned id = lr & VINTC_GICH_LR_VIRTUALID_MASK;
    atomic_int *flag;
    if (id < 16) {
        unsigned src = (lr & VINTC_GICH_LR_CPUID_MASK) >>
                       VINTC_GICH_LR_CPUID_SHIFT;
        if (id >= NSGI || src >= NCPU) {
            atomic_fetch_add(&w->bad, 1u);
            return;
        }
        flag = &w->sgi_out[cpu][id][src];
    } else if (id < 32) {
        /* The handler quiets the device before completing. */
        check(w, gic_set_irq(w->gic, cpu, id, false));
        flag = &w->ppi_out[cpu][id];
    } else if (id < NIRQ) {
        flag = &w->spi_out[id];
    } else {
        atomic_fetch_add(&w->bad, 1u);
        return;
    }
    if (atomic_exchange(flag, 0) != 1)
        atomic_fetch_add(&w->dup, 1u);
    atomic_fetch_add(&w->consumed, 1u);
}

static void *consumer_thread(void *arg)
{
    struct consumer *c = arg;
    struct world *w = c->w;
    struct vcpu *v = &w->vcpu[c->cpu];
    struct gic_vif vif;
    tu_vif_reset(&vif);
    while (!atomic_load(&w->stop)) {
        /* The vCPU loop's idle step: sleep only when not kicked and nothing
         * is pending. A kick for anything that becomes pending after the
         * check needs v->m, which is held until the sleep begins. */
        pthread_mutex_lock(&v->m);
        while (!v->kicked && !atomic_load(&w->stop) &&
               !gic_cpu_pending(w->gic, c->cpu)) {
            set_idle(w, v, true);
            pthread_cond_wait(&v->c, &v->m);
        }
        set_idle(w, v, false);
        v->kicked = false;
        pthread_mutex_unlock(&v->m);

        int n = gic_lr_flush(w->gic, c->cpu, &vif);
        check(w, n);
        for (int i = 0; i < n; i++) {
            uint32_t state = vif.lr[i] & VINTC_GICH_LR_STATE_MASK;
            if (state == VINTC_GICH_LR_STATE_PENDING) {
                take(w, c->cpu, vif.lr[i]);
                vif.lr[i] &=
                    ~VINTC_GICH_LR_STATE_MASK; /* acknowledged + EOIed */
            } else if (state != 0) {
                atomic_fetch_add(&w->bad, 1u); /* nothing is ever active */
            }
        }
        /* The guest runs on for a while: devices raise again meanwhile,
         * while the LRs still hold the previous occurrences. */
        if (n > 0)
            sched_yield();
        check(w, gic_lr_sync(w->gic, c->cpu, &vif));
    }
    return NULL;
}

static unsigned outstanding(struct world *w)
{
    unsigned n = 0;
    for (unsigned i = 0; i < NIRQ; i++)
        n += (unsigned)atomic_load(&w->spi_out[i]);
    for (unsigned c = 0; c < NCPU; c++) {
        for (unsigned i = 0; i < 32; i++)
            n += (unsigned)atomic_load(&w->ppi_out[c][i]);
        for (unsigned s = 0; s < NSGI; s++)
            for (unsigned src = 0; src < NCPU; src++)
                n += (unsigned)atomic_load(&w->sgi_out[c][s][src]);
    }
    return n;
}

START_TEST(nothing_lost_nothing_doubled)
{
    static struct world w;
    memset(&w, 0, sizeof(w));
    pthread_mutex_init(&w.idle_m, NULL);
    pthread_cond_init(&w.idle_c, NULL);
    for (unsigned c = 0; c < NCPU; c++) {
        pthread_mutex_init(&w.vcpu[c].m, NULL);
        pthread_cond_init(&w.vcpu[c].c, NULL);
    }
    struct gic_config cfg = tu_config(NCPU, NIRQ);
    struct vintc_host_ops ops;
    memset(&ops, 0, sizeof(ops));
    ops.kick = kick;
    ck_assert_int_eq(gic_create(&cfg, &ops, &w, &w.gic), 0);
    struct gic *g = w.gic;

    /* Boot-time programming: SPIs edge, spread over the vCPUs, enabled;
     * PPIs 16..19 enabled on every vCPU; both groups on. */
    for (unsigned irq = 32; irq < NIRQ; irq++) {
        tu_set_edge(g, irq, true);
        tu_set_target(g, irq, (uint8_t)(1u << (irq % NCPU)));
        tu_wrw(g, 0, VINTC_GICD_IPRIORITYR + irq, 1, (irq * 16) & 0xF0);
    }
    for (unsigned n = 1; n < NIRQ / 32; n++)
        tu_wr(g, 0, VINTC_GICD_ISENABLER + 4 * n, 0xFFFFFFFFu);
    for (unsigned c = 0; c < NCPU; c++)
        tu_wr(g, c, VINTC_GICD_ISENABLER, 0x000F0000u);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);

    pthread_t cons[NCPU], spi[2], ppi, sgi, reg;
    struct consumer cargs[NCPU];
    struct spi_dev sargs[2] = {
        { &w, 32, 48, 0xBADC0DEu },
        { &w, 80, 48, 0x5EED5EEDu },
    };
    for (unsigned c = 0; c < NCPU; c++) {
        cargs[c].w = &w;
        cargs[c].cpu = c;
        ck_assert_int_eq(
            pthread_create(&cons[c], NULL, consumer_thread, &cargs[c]), 0);
    }
    ck_assert_int_eq(pthread_create(&reg, NULL, reg_thread, &w), 0);
    for (unsigned i = 0; i < 2; i++)
        ck_assert_int_eq(pthread_create(&spi[i], NULL, spi_thread, &sargs[i]),
                         0);
    ck_assert_int_eq(pthread_create(&ppi, NULL, ppi_thread, &w), 0);
    ck_assert_int_eq(pthread_create(&sgi, NULL, sgi_thread, &w), 0);

    for (unsigned i = 0; i < 2; i++)
        pthread_join(spi[i], NULL);
    pthread_join(ppi, NULL);
    pthread_join(sgi, NULL);
    atomic_store(&w.devices_done, 1);
    pthread_join(reg, NULL);

    /* Let the vCPUs drain everything still pending, until all of them
     * sleep with nothing to do: from then on nothing can change. */
    pthread_mutex_lock(&w.idle_m);
    while (w.idle < NCPU)
        pthread_cond_wait(&w.idle_c, &w.idle_m);
    pthread_mutex_unlock(&w.idle_m);
    unsigned left = outstanding(&w);
    atomic_store(&w.stop, 1);
    for (unsigned c = 0; c < NCPU; c++) {
        kick(&w, c);
        pthread_join(cons[c], NULL);
    }

    ck_assert_uint_eq(atomic_load(&w.api_errors), 0);
    ck_assert_uint_eq(atomic_load(&w.bad), 0);
    ck_assert_uint_eq(atomic_load(&w.dup), 0);
    ck_assert_msg(left == 0, "%u interrupts raised but never delivered", left);
    ck_assert_uint_eq(atomic_load(&w.raised), 2 * SPI_OPS + PPI_OPS + SGI_OPS);
    ck_assert_uint_eq(atomic_load(&w.consumed), atomic_load(&w.raised));
    /* And the distributor agrees: nothing pending or active anywhere. */
    for (unsigned c = 0; c < NCPU; c++) {
        ck_assert(!gic_cpu_pending(g, c));
        for (unsigned n = 0; n < NIRQ / 32; n++) {
            ck_assert_uint_eq(tu_rd(g, c, VINTC_GICD_ISPENDR + 4 * n), 0);
            ck_assert_uint_eq(tu_rd(g, c, VINTC_GICD_ISACTIVER + 4 * n), 0);
        }
        for (unsigned n = 0; n < 4; n++)
            ck_assert_uint_eq(tu_rd(g, c, VINTC_GICD_SPENDSGIR + 4 * n), 0);
    }
    struct gic_stats st;
    ck_assert_int_eq(gic_get_stats(g, VINTC_GIC_STATS_ALL, &st), 0);
    ck_assert_uint_eq(st.sgis_sent, SGI_OPS);
    ck_assert_uint_eq(st.lr_bad, 0);
    gic_destroy(g);
    for (unsigned c = 0; c < NCPU; c++) {
        pthread_mutex_destroy(&w.vcpu[c].m);
        pthread_cond_destroy(&w.vcpu[c].c);
    }
    pthread_mutex_destroy(&w.idle_m);
    pthread_cond_destroy(&w.idle_c);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_threads");
    TCase *tc = tcase_create("stress");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, nothing_lost_nothing_doubled);
    suite_add_tcase(s, tc);
    return s;
}
