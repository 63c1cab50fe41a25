/* SPDX-License-Identifier: MIT */
/* gic_save and s390_save run concurrently with everything else (only
 * restore needs the object quiescent): every blob taken while other threads
 * inject, write registers, flush/sync or deliver is one consistent state,
 * so it restores into a fresh controller and re-saves byte for byte. The
 * assertions hold under any interleaving; the threads only make
 * interleavings happen, and a saver that keeps meeting -EBUSY pauses the
 * workers, so the end does not depend on the scheduler either. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "gic_test_util.h"
#include "s390_fake.h"
#include "test_util.h"

#define SAVES             150
#define BUSY_BEFORE_PAUSE 20

/* A saver that met -EBUSY BUSY_BEFORE_PAUSE times in a row pauses the
 * workers at the top of their loops (outside every library call), so each
 * test ends after SAVES blobs whatever the scheduling. */
struct gate {
    atomic_int pause;
    atomic_int parked;
    atomic_int stop;
};

static void gate_check(struct gate *g)
{
    if (!atomic_load(&g->pause))
        return;
    atomic_fetch_add(&g->parked, 1);
    while (atomic_load(&g->pause))
        sched_yield();
    atomic_fetch_sub(&g->parked, 1);
}

static void gate_close(struct gate *g, int workers)
{
    atomic_store(&g->pause, 1);
    while (atomic_load(&g->parked) < workers)
        sched_yield();
}

static void gate_open(struct gate *g)
{
    atomic_store(&g->pause, 0);
}

struct gic_worker {
    struct gic *gic;
    unsigned cpu;
    struct gate *gate;
};

static void *gic_worker(void *arg)
{
    struct gic_worker *w = arg;
    struct gic_vif vif;
    tu_vif_reset(&vif);
    uint32_t r = 0x12345u + w->cpu;
    while (!atomic_load(&w->gate->stop)) {
        gate_check(w->gate);
        r = r * 1103515245u + 12345u;
        unsigned irq = 32 + (r >> 8) % 96;
        gic_set_irq(w->gic, w->cpu, irq, (r >> 20) & 1);
        gic_dist_mmio_write(w->gic, w->cpu, VINTC_GICD_SGIR, 4,
                            (0x0Fu << 16) | ((r >> 4) & 0xFu));
        gic_dist_mmio_write(w->gic, w->cpu, VINTC_GICD_ITARGETSR + irq, 1,
                            (r >> 12) & 0xFu);
        int n = gic_lr_flush(w->gic, w->cpu, &vif);
        for (int i = 0; i < n; i++)
            if ((vif.lr[i] & VINTC_GICH_LR_STATE_MASK) ==
                VINTC_GICH_LR_STATE_PENDING)
                vif.lr[i] ^= VINTC_GICH_LR_STATE_MASK; /* acknowledge */
            else
                vif.lr[i] &= ~VINTC_GICH_LR_STATE_MASK; /* complete */
        gic_lr_sync(w->gic, w->cpu, &vif);
    }
    return NULL;
}

/* Save until SAVES blobs were taken (a save may meet LRs in flight:
 * -EBUSY), restoring each into a fresh GIC. */
START_TEST(gic_save_under_load)
{
    struct gic_config cfg = tu_config(4, 128);
    struct gic *g = tu_gic_cfg(&cfg, NULL);
    tu_wr(g, 0, VINTC_GICD_CTLR, 3);
    for (unsigned r = 1; r < 4; r++)
        tu_wr(g, 0, VINTC_GICD_ISENABLER + 4 * r, 0xFFFFFFFFu);
    struct gate gate = { 0, 0, 0 };
    struct gic_worker w[4];
    pthread_t t[4];
    for (unsigned c = 0; c < 4; c++) {
        w[c] = (struct gic_worker){ g, c, &gate };
        ck_assert_int_eq(pthread_create(&t[c], NULL, gic_worker, &w[c]), 0);
    }
    unsigned taken = 0, busy = 0;
    uint8_t *blob = malloc(16384), *again = malloc(16384);
    while (taken < SAVES) {
        bool paused = busy >= BUSY_BEFORE_PAUSE;
        if (paused)
            gate_close(&gate, 4);
        int n = gic_save(g, blob, 16384);
        if (paused)
            gate_open(&gate);
        if (n == -EBUSY && !paused) {
            busy++;
            continue;
        }
        busy = 0;
        ck_assert_int_gt(n, 0);
        struct gic *h = tu_gic_cfg(&cfg, NULL);
        ck_assert_int_eq(gic_restore(h, blob, (size_t)n), 0);
        ck_assert_int_eq(gic_save(h, again, 16384), n);
        ck_assert(memcmp(blob, again, (size_t)n) == 0);
        gic_destroy(h);
        taken++;
    }
    atomic_store(&gate.stop, 1);
    for (unsigned c = 0; c < 4; c++)
        pthread_join(t[c], NULL);
    free(blob);
    free(again);
    gic_destroy(g);
}
END_TEST

struct s390_worker {
    struct fake *f;
    unsigned cpu;
    struct gate *gate;
};

static void *s390_injector(void *arg)
{
    struct s390_worker *w = arg;
    uint32_t r = 777;
    while (!atomic_load(&w->gate->stop)) {
        gate_check(w->gate);
        r = r * 1103515245u + 12345u;
        struct s390_irq io = io_irq(1, (uint16_t)r, r, (r >> 8) % 8);
        s390_inject_vm(w->f->vm, &io);
        struct s390_irq e = ext_irq(S390_IRQ_EMERGENCY,
                                    (uint16_t)((r >> 4) % 3), 0, 0);
        s390_inject_vcpu(w->f->vm, (r >> 12) % 3, &e);
    }
    return NULL;
}

static void *s390_deliverer(void *arg)
{
    struct s390_worker *w = arg;
    uint32_t prefix = 0x10000u * (w->cpu + 1);
    set_all_new_psws(w->f, prefix);
    while (!atomic_load(&w->gate->stop)) {
        gate_check(w->gate);
        struct s390_cpu_state st;
        state_enabled(&st, prefix);
        s390_deliver_pending(w->f->vm, w->cpu, &st);
    }
    return NULL;
}

/* Save while one thread injects and two deliver (a save during a delivery
 * is -EBUSY); every blob restores into a fresh VM. */
START_TEST(s390_save_under_load)
{
    struct fake *f = fake_new(3, 64, false);
    struct gate gate = { 0, 0, 0 };
    struct s390_worker w[3];
    pthread_t t[3];
    w[0] = (struct s390_worker){ f, 0, &gate };
    ck_assert_int_eq(pthread_create(&t[0], NULL, s390_injector, &w[0]), 0);
    for (unsigned c = 1; c < 3; c++) {
        w[c] = (struct s390_worker){ f, c, &gate };
        ck_assert_int_eq(pthread_create(&t[c], NULL, s390_deliverer, &w[c]), 0);
    }
    unsigned taken = 0, busy = 0;
    struct fake *h = fake_new(3, 64, false);
    /* At most 64 floating entries and no pfault-init queue: 64 KiB is
     * always enough. */
    size_t cap = 65536;
    uint8_t *blob = malloc(cap), *again = malloc(cap);
    while (taken < SAVES) {
        bool paused = busy >= BUSY_BEFORE_PAUSE;
        if (paused)
            gate_close(&gate, 3);
        int n = s390_save(f->vm, blob, cap);
        if (paused)
            gate_open(&gate);
        if (n == -EBUSY && !paused) {
            busy++;
            continue;
        }
        busy = 0;
        ck_assert_int_gt(n, 0);
        ck_assert_int_eq(s390_restore(h->vm, blob, (size_t)n), 0);
        ck_assert_int_eq(s390_save(h->vm, again, cap), n);
        ck_assert(memcmp(blob, again, (size_t)n) == 0);
        taken++;
    }
    atomic_store(&gate.stop, 1);
    for (unsigned c = 0; c < 3; c++)
        pthread_join(t[c], NULL);
    free(blob);
    free(again);
    fake_free(h);
    fake_free(f);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("snapshot_threads");
    TCase *tc = tcase_create("threads");
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, gic_save_under_load);
    tcase_add_test(tc, s390_save_under_load);
    suite_add_tcase(s, tc);
    return s;
}
