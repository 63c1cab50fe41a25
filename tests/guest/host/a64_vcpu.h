/* SPDX-License-Identifier: MIT */
/* One AArch64 vCPU in a Unicorn engine, wired to a vintc GIC with the LR
 * backend: the guest's GICD accesses go to gic_dist_mmio_*(), its CPU
 * interface accesses to the software GICV over the vCPU's struct gic_vif,
 * and the host runs the guest in instruction-count slices with
 * gic_lr_flush() before and gic_lr_sync() after each, taking the IRQ
 * exception when gic_vif_irq_line() says so. */
#ifndef GUEST_HOST_A64_VCPU_H
#define GUEST_HOST_A64_VCPU_H

#include <stdbool.h>
#include <stdint.h>
#include <unicorn/unicorn.h>
#include <vintc/vintc.h>

/* The test device (DEV_BASE): the scenario's model of it. */
struct a64_dev_ops {
    uint32_t (*read)(void *opaque, unsigned cpu, uint32_t offset);
    void (*write)(void *opaque, unsigned cpu, uint32_t offset, uint32_t value);
};

struct a64_vcpu {
    uc_engine *uc;
    unsigned id;
    struct gic *gic;
    unsigned nr_lrs;
    struct gic_vif vif;
    void *ram;                    /* host view of RAM_BASE..+RAM_SIZE */
    const struct a64_dev_ops *dev;
    void *dev_opaque;
    bool wfi;                     /* the last slice ended at a WFI */
    unsigned bad_mmio;            /* accesses vintc refused with an error */
    uint64_t irqs_taken;          /* IRQ exceptions entered */
    uint64_t maintenance;         /* slices that ended with maintenance asserted */
    uint64_t insns;               /* instructions asked for */
};

/* Create the engine: RAM (shared host memory), GICD, GICV, the device; the
 * guest starts at RAM_BASE in EL1h with IRQs masked.
 * @return 0 or a negative value after printing the Unicorn error. */
int a64_vcpu_init(struct a64_vcpu *v, unsigned id, void *ram, struct gic *gic,
                  unsigned nr_lrs, const struct a64_dev_ops *dev, void *dev_opaque);
void a64_vcpu_destroy(struct a64_vcpu *v);

/* gic_lr_flush(), then the IRQ exception if the GICV signals one and the
 * guest has PSTATE.I clear. @return true when the exception was taken. */
bool a64_vcpu_enter(struct a64_vcpu *v);
/* Run at most `count` instructions; v->wfi says whether a WFI ended it.
 * @return 0, or -1 after printing the Unicorn error. */
int a64_vcpu_slice(struct a64_vcpu *v, uint64_t count);
/* Count maintenance, then gic_lr_sync(). */
void a64_vcpu_exit(struct a64_vcpu *v);

#endif
