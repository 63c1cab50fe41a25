/* SPDX-License-Identifier: MIT */
/* 2-4 AArch64 vCPUs (argument 1, default 4) running aarch64/gic_smp.c over
 * one shared RAM, one Unicorn engine per vCPU thread, against the LR
 * backend, or with argument 2 "cpuif" the CPU-interface backend. Each
 * thread runs the hypervisor loop (LR: gic_lr_flush, IRQ entry, slice,
 * gic_lr_sync; CPU interface: IRQ entry while the line set_irq_line reports
 * is high, slice); a WFI blocks the thread until vintc's kick callback (or
 * an interrupt already pending) ends the wait. The outcome does not
 * depend on the scheduler: every guest wait ends only by an interrupt, and
 * the host never times out a wait (a 20 s limit only turns a lost wake-up
 * into a failure instead of a hang). VINTC_GUEST_ITERATIONS sets the
 * rounds (default 500, 4 under Valgrind). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aarch64/gic_smp.bin.h"
#include "aarch64/layout.h"
#include "host/a64_vcpu.h"
#include "host/guest_env.h"

#define MAX_VCPUS 4u
#define NR_LRS    4u
#define SLICE     2000u
#define SPI_MULTI 40u

struct vcpu_thread {
    struct a64_vcpu v;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool kicked; /* under lock */
    bool done;   /* the guest wrote DEV_DONE (own thread only) */
    uint32_t guest_errors;
    uint64_t wfi_blocks; /* WFIs that blocked until a kick */
    int failed;
};

static struct gic *gic;
static struct vcpu_thread vcpus[MAX_VCPUS];
static unsigned nr_vcpus = MAX_VCPUS, iterations;
static enum gic_backend backend = GIC_BACKEND_LR;
static atomic_uint pulses;

static uint32_t dev_read(void *opaque, unsigned cpu, uint32_t off)
{
    (void)opaque;
    (void)cpu;
    return off == DEV_ITER ? iterations : 0;
}

static void dev_write(void *opaque, unsigned cpu, uint32_t off, uint32_t val)
{
    (void)opaque;
    struct vcpu_thread *t = &vcpus[cpu];
    if (off == DEV_PULSE && val == SPI_MULTI) {
        atomic_fetch_add(&pulses, 1);
        gic_set_irq(gic, 0, val, true);
        gic_set_irq(gic, 0, val, false);
    } else if (off == DEV_DONE) {
        t->done = true;
        t->guest_errors = val;
    } else {
        t->failed = 1;
    }
}

/* An interrupt became deliverable to `cpu`: end its WFI, or make its next
 * WFI return at once. */
static void on_kick(void *opaque, unsigned cpu)
{
    (void)opaque;
    struct vcpu_thread *t = &vcpus[cpu];
    pthread_mutex_lock(&t->lock);
    t->kicked = true;
    pthread_cond_signal(&t->wake);
    pthread_mutex_unlock(&t->lock);
}

static void on_set_irq_line(void *opaque, unsigned cpu, unsigned line,
                            bool level)
{
    (void)opaque;
    if (cpu < MAX_VCPUS)
        a64_vcpu_set_line(&vcpus[cpu].v, line, level);
}

/* WFI: wait for a kick unless an interrupt is already there. */
static int wait_for_interrupt(struct vcpu_thread *t)
{
    int err = 0;
    pthread_mutex_lock(&t->lock);
    if (!t->kicked && !gic_cpu_pending(gic, t->v.id)) {
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += 20;
        t->wfi_blocks++;
        while (!t->kicked && err == 0)
            err = pthread_cond_timedwait(&t->wake, &t->lock, &until);
    }
    t->kicked = false;
    pthread_mutex_unlock(&t->lock);
    if (err) {
        printf("vCPU %u: WFI never woken\n", t->v.id);
        return -1;
    }
    return 0;
}

static void *vcpu_main(void *arg)
{
    struct vcpu_thread *t = arg;
    while (!t->done && !t->failed) {
        a64_vcpu_enter(&t->v);
        if (a64_vcpu_slice(&t->v, SLICE)) {
            t->failed = 1;
            break;
        }
        a64_vcpu_exit(&t->v);
        if (t->v.wfi && !t->done && wait_for_interrupt(t))
            t->failed = 1;
    }
    return NULL;
}

/* The same rotation as spi_mask() in aarch64/gic_smp.c. */
static unsigned spi_mask(unsigned k)
{
    static const unsigned char masks[8] = { 0x0F, 0x0E, 0x0C, 0x06,
                                            0x0A, 0x03, 0x05, 0x09 };
    unsigned all = 0xFFu >> (8 - nr_vcpus);
    unsigned m = masks[k % 8] & all;
    return m ? m : all;
}

static int check(void *ram)
{
    /* The LR backend queues a multi-target SPI on its lowest-numbered
     * target (docs/design.md); on the CPU-interface backend the first CPU
     * to acknowledge takes it (1-of-N), so only the total is known. */
    unsigned spi_want[MAX_VCPUS] = { 0 };
    const bool lr = backend == GIC_BACKEND_LR;
    for (unsigned k = 1; k <= iterations; k++)
        spi_want[__builtin_ctz(spi_mask(k))]++;
    int bad = 0;
    unsigned spi = 0, sgi2 = 0;
    for (unsigned c = 0; c < nr_vcpus; c++) {
        struct vcpu_thread *t = &vcpus[c];
        const struct guest_result *r =
            (const struct guest_result *)((char *)ram +
                                          (RESULT_BASE - RAM_BASE) +
                                          c * RESULT_STRIDE);
        if (t->failed || !t->done || r->errors || t->v.bad_mmio) {
            printf("vCPU %u: failed %d done %d guest errors %u (line %u) "
                   "refused MMIO %u\n",
                   c, t->failed, t->done, r->errors, r->error_line,
                   t->v.bad_mmio);
            bad = 1;
        }
        /* SGI 0 once on every secondary; SGI 1 once per ring round; SGI 3
         * once on every secondary. */
        unsigned want0 = c ? 1u : 0u;
        if (r->taken[0] != want0 || r->taken[1] != iterations ||
            r->taken[3] != want0) {
            printf("vCPU %u: SGI 0 x%u, SGI 1 x%u, SGI 3 x%u\n", c, r->taken[0],
                   r->taken[1], r->taken[3]);
            bad = 1;
        }
        if (lr && r->taken[SPI_MULTI] != spi_want[c]) {
            printf("vCPU %u: took SPI %u x%u, expected x%u\n", c, SPI_MULTI,
                   r->taken[SPI_MULTI], spi_want[c]);
            bad = 1;
        }
        if (c)
            sgi2 += r->taken[SPI_MULTI];
        spi += r->taken[SPI_MULTI];
        printf("vCPU %u: %u interrupts, SPI %u x%u, %llu IRQ entries, %llu WFI "
               "blocks\n",
               c, r->count, SPI_MULTI, r->taken[SPI_MULTI],
               (unsigned long long)t->v.irqs_taken,
               (unsigned long long)t->wfi_blocks);
    }
    const struct guest_result *r0 =
        (const struct guest_result *)((char *)ram + (RESULT_BASE - RAM_BASE));
    /* Every pulse of the multi-target SPI taken exactly once. */
    if (spi != atomic_load(&pulses) || spi != iterations ||
        r0->taken[2] != sgi2) {
        printf("SPI %u: pulsed %u, taken %u; SGI 2 x%u for %u remote takes\n",
               SPI_MULTI, atomic_load(&pulses), spi, r0->taken[2], sgi2);
        bad = 1;
    }
    /* Nothing left pending or active, in any CPU's bank. */
    for (unsigned c = 0; c < nr_vcpus; c++) {
        for (uint32_t off = 0; off < 8; off += 4) {
            uint32_t pend = 0, act = 0;
            gic_dist_mmio_read(gic, c, VINTC_GICD_ISPENDR + off, 4, &pend);
            gic_dist_mmio_read(gic, c, VINTC_GICD_ISACTIVER + off, 4, &act);
            if (pend || act) {
                printf(
                    "vCPU %u: left pending 0x%08x, active 0x%08x (IDs %u..)\n",
                    c, pend, act, off * 8);
                bad = 1;
            }
        }
    }
    return bad;
}

static const char *lr_name(void)
{
    return backend == GIC_BACKEND_LR ? "LR" : "CPU-interface";
}

int main(int argc, char **argv)
{
    if (argc > 1)
        nr_vcpus = (unsigned)atoi(argv[1]);
    if (argc > 2 && strcmp(argv[2], "cpuif") == 0)
        backend = GIC_BACKEND_CPUIF;
    if (nr_vcpus < 2 || nr_vcpus > MAX_VCPUS ||
        (argc > 2 && backend == GIC_BACKEND_LR)) {
        fprintf(stderr, "usage: %s [2..%u [cpuif]]\n", argv[0], MAX_VCPUS);
        return 2;
    }
    iterations = guest_iterations(500, 4);
    static const struct a64_dev_ops dev_ops = { dev_read, dev_write };
    const struct vintc_host_ops ops = { .kick = on_kick,
                                        .set_irq_line = on_set_irq_line };
    struct gic_config cfg = {
        .nr_cpus = nr_vcpus, .nr_irqs = 64, .nr_lrs = NR_LRS, .backend = backend
    };
    if (gic_create(&cfg, &ops, NULL, &gic) != 0)
        return 1;
    void *ram = calloc(1, RAM_SIZE);
    if (!ram)
        return 1;
    memcpy(ram, guest_aarch64_gic_smp, sizeof guest_aarch64_gic_smp);

    int bad = 0;
    unsigned started = 0;
    for (unsigned c = 0; c < nr_vcpus; c++) {
        struct vcpu_thread *t = &vcpus[c];
        pthread_mutex_init(&t->lock, NULL);
        pthread_condattr_t attr;
        pthread_condattr_init(&attr);
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
        pthread_cond_init(&t->wake, &attr);
        pthread_condattr_destroy(&attr);
        if (a64_vcpu_init(&t->v, c, ram, gic, backend, NR_LRS, &dev_ops,
                          NULL) != 0)
            bad = 1;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (unsigned c = 0; c < nr_vcpus && !bad; c++, started++)
        pthread_create(&vcpus[c].thread, NULL, vcpu_main, &vcpus[c]);
    for (unsigned c = 0; c < started; c++)
        pthread_join(vcpus[c].thread, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!bad)
        bad = check(ram);
    printf("%u vCPUs, %s backend, %u rounds: %.3f s\n", nr_vcpus, lr_name(),
           iterations,
           (double)(t1.tv_sec - t0.tv_sec) +
               (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    for (unsigned c = 0; c < nr_vcpus; c++) {
        a64_vcpu_destroy(&vcpus[c].v);
        pthread_mutex_destroy(&vcpus[c].lock);
        pthread_cond_destroy(&vcpus[c].wake);
    }
    gic_destroy(gic);
    free(ram);
    printf("%s\n", bad ? "FAIL" : "OK");
    return bad;
}
