/* SPDX-License-Identifier: MIT */
/* Interrupts delivered per second into a real guest: an AArch64 guest in
 * Unicorn (tests/guest/aarch64/bench_irq.c), per backend. One round is, on
 * the LR backend: the device pulses SPI 33 (gic_set_irq), gic_lr_flush, IRQ
 * entry, the guest's handler (GICV_IAR, count, GICV_EOIR, ERET, WFI, which
 * ends the slice), gic_lr_sync; on the CPU-interface backend: the pulse
 * raises the IRQ line (set_irq_line), IRQ entry, the handler on GICC. The next
 * pulse comes once the guest counted the previous one. Reported: rounds per
 * second, and the share of the time spent in vintc calls (the rest is Unicorn).
 * No budget: the figure is dominated by the CPU emulator. Built only with
 * Unicorn. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aarch64/bench_irq.bin.h"
#include "aarch64/layout.h"
#include "bench_util.h"
#include "host/a64_vcpu.h"

#define NR_LRS 4u
#define ROUNDS 50000u
#define SLICE  1000u
#define REPS   5u

static void dev_write(void *opaque, unsigned cpu, uint32_t off, uint32_t val)
{
    (void)opaque;
    (void)cpu;
    (void)off;
    (void)val;
}

static struct a64_vcpu *current_vcpu;

static void on_set_irq_line(void *opaque, unsigned cpu, unsigned line,
                            bool level)
{
    (void)opaque;
    (void)cpu;
    a64_vcpu_set_line(current_vcpu, line, level);
}

static uint32_t guest_count(const void *ram)
{
    const struct guest_result *r =
        (const struct guest_result *)((const char *)ram +
                                      (RESULT_BASE - RAM_BASE));
    return r->count;
}

/* One run of ROUNDS interrupts: rounds per second, vintc share in *share. */
static double run(enum gic_backend backend, double *share)
{
    static const struct a64_dev_ops dev_ops = { NULL, dev_write };
    static const struct vintc_host_ops ops = {
        .set_irq_line = on_set_irq_line
    };
    struct gic_config cfg = {
        .nr_cpus = 1, .nr_irqs = 64, .nr_lrs = NR_LRS, .backend = backend
    };
    struct gic *gic;
    struct a64_vcpu v;
    current_vcpu = &v;
    if (gic_create(&cfg, &ops, NULL, &gic) != 0)
        exit(1);
    void *ram = calloc(1, RAM_SIZE);
    if (!ram)
        exit(1);
    memcpy(ram, guest_aarch64_bench_irq, sizeof guest_aarch64_bench_irq);
    if (a64_vcpu_init(&v, 0, ram, gic, backend, NR_LRS, &dev_ops, NULL) != 0)
        exit(1);
    /* Until the guest has enabled SPI 33 (its first WFI). */
    do {
        if (a64_vcpu_slice(&v, SLICE))
            exit(1);
    } while (!v.wfi);

    uint64_t vintc_ns = 0, t0 = bench_now_ns();
    unsigned pulses = 0;
    while (guest_count(ram) < ROUNDS) {
        uint64_t a = bench_now_ns();
        if (guest_count(ram) == pulses) {
            gic_set_irq(gic, 0, 33, true);
            gic_set_irq(gic, 0, 33, false);
            pulses++;
        }
        a64_vcpu_enter(&v);
        uint64_t b = bench_now_ns();
        if (a64_vcpu_slice(&v, SLICE))
            exit(1);
        uint64_t c = bench_now_ns();
        a64_vcpu_exit(&v);
        vintc_ns += (b - a) + (bench_now_ns() - c);
    }
    uint64_t total = bench_now_ns() - t0;
    *share = (double)vintc_ns / (double)total;
    if (v.bad_mmio || pulses != ROUNDS) {
        fprintf(stderr, "bench_guest: %u pulses, %u refused accesses\n", pulses,
                v.bad_mmio);
        exit(1);
    }
    a64_vcpu_destroy(&v);
    gic_destroy(gic);
    free(ram);
    return (double)ROUNDS * 1e9 / (double)total;
}

int main(void)
{
    bench_go_multithreaded();
    static const struct {
        enum gic_backend backend;
        const char *name;
    } cases[] = {
        { GIC_BACKEND_LR,
          "LR backend: inject -> flush -> guest IAR, EOIR -> sync" },
        { GIC_BACKEND_CPUIF,
          "CPU-interface backend: inject -> guest IAR, EOIR" },
    };
    for (unsigned c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        double rate[REPS], share[REPS];
        for (unsigned i = 0; i < REPS; i++)
            rate[i] = run(cases[c].backend, &share[i]);
        double r = bench_median(rate, REPS), s = bench_median(share, REPS);
        printf(
            "%-56s %8.0f /s  (no budget; %.0f%% of it in vintc calls, the rest "
            "Unicorn)\n",
            cases[c].name, r, 100.0 * s);
    }
    return 0;
}
