/* SPDX-License-Identifier: MIT */
/* One AArch64 vCPU in a Unicorn engine, wired to a vintc GIC. The guest's
 * GICD accesses go to gic_dist_mmio_*(); the host runs the guest in
 * instruction-count slices and takes the IRQ or FIQ exception at slice
 * boundaries. The CPU interface at GICC_BASE is
 * - LR backend: the software GICV over the vCPU's struct gic_vif, with
 *   gic_lr_flush() before and gic_lr_sync() after each slice, the FIQ or
 *   IRQ taken when gic_vif_fiq_line() or gic_vif_irq_line() says so;
 * - CPU-interface backend: gic_cpuif_mmio_*(), the IRQ and FIQ taken while
 *   the lines the set_irq_line callback reports (a64_vcpu_set_line()) are
 *   high. */
#ifndef GUEST_HOST_A64_VCPU_H
#define GUEST_HOST_A64_VCPU_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <unicorn/unicorn.h>
#include <vintc/vintc.h>

/* The test device (DEV_BASE): the scenario's model of it. A NULL read
 * reads every register as 0. */
struct a64_dev_ops {
    uint32_t (*read)(void *opaque, unsigned cpu, uint32_t offset);
    void (*write)(void *opaque, unsigned cpu, uint32_t offset, uint32_t value);
};

struct a64_vcpu {
    uc_engine *uc;
    unsigned id;
    struct gic *gic;
    enum gic_backend backend;
    atomic_bool line[2]; /* CPU-interface backend: IRQ, FIQ */
    unsigned nr_lrs;
    struct gic_vif vif;
    void *ram; /* host view of RAM_BASE..+RAM_SIZE */
    const struct a64_dev_ops *dev;
    void *dev_opaque;
    bool wfi;             /* the last slice ended at a WFI */
    unsigned bad_mmio;    /* accesses vintc refused with an error */
    uint64_t irqs_taken;  /* IRQ exceptions entered */
    uint64_t fiqs_taken;  /* FIQ exceptions entered */
    uint64_t maintenance; /* slices that ended with maintenance asserted */
    uint64_t insns;       /* instructions asked for */
};

/* Create the engine: RAM (shared host memory), GICD, the CPU interface,
 * the device; the guest starts at RAM_BASE in EL1h with IRQs masked.
 * `nr_lrs` is the GIC's LR count (LR backend; ignored otherwise).
 * @return 0 or a negative value after printing the Unicorn error. */
int a64_vcpu_init(struct a64_vcpu *v, unsigned id, void *ram, struct gic *gic,
                  enum gic_backend backend, unsigned nr_lrs,
                  const struct a64_dev_ops *dev, void *dev_opaque);
/* CPU-interface backend: the set_irq_line callback's report for this vCPU
 * (line 0 IRQ, 1 FIQ). Any thread. */
void a64_vcpu_set_line(struct a64_vcpu *v, unsigned line, bool level);
void a64_vcpu_destroy(struct a64_vcpu *v);

/* LR backend: gic_lr_flush(), then the FIQ exception if the GICV signals
 * a virtual FIQ and the guest has PSTATE.F clear, else the IRQ exception if
 * it signals a virtual IRQ and PSTATE.I is clear. CPU-interface backend: the
 * FIQ exception if the FIQ line is high and PSTATE.F clear, else the IRQ
 * exception if the IRQ line is high and PSTATE.I clear.
 * @return true when an exception was taken. */
bool a64_vcpu_enter(struct a64_vcpu *v);
/* Run at most `count` instructions; v->wfi says whether a WFI ended it.
 * @return 0, or -1 after printing the Unicorn error. */
int a64_vcpu_slice(struct a64_vcpu *v, uint64_t count);
/* LR backend: count maintenance, then gic_lr_sync(). Nothing otherwise. */
void a64_vcpu_exit(struct a64_vcpu *v);

/* Run the vCPU alone, entry - slice - exit, `slice` instructions at a time,
 * until the guest has written DEV_DONE (*done) or `max_slices` have run;
 * before each entry inject(opaque) raises what the guest asked the device
 * for. A guest that ends with *guest_errors >= 0xE000 took an unexpected
 * exception (vector *guest_errors - 0xE000).
 * @return 0 when the guest finished normally; 1 after printing why not. */
int a64_vcpu_run_alone(struct a64_vcpu *v, const bool *done,
                       const uint32_t *guest_errors,
                       void (*inject)(void *opaque), void *opaque,
                       unsigned slice, unsigned max_slices);

/* 0 when none of IDs 0..63 is pending or active in CPU 0's view of the
 * distributor; 1 after printing what is left. */
int a64_gic_check_idle(struct gic *gic);

#endif
