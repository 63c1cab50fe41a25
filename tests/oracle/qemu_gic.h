/* SPDX-License-Identifier: MIT */
/* The QEMU side of the differential test: one qemu-system-aarch64 process
 * (virt board, GICv2 with the virtualization extension) driven over qtest.
 * Memory-mapped GIC accesses are performed by the guest program on the CPU
 * that must make them (see guest/mailbox.S); interrupt input lines are set
 * with qtest's set_irq_in. */
#ifndef ORACLE_QEMU_GIC_H
#define ORACLE_QEMU_GIC_H

#include <stdbool.h>
#include <stdint.h>

/* Physical addresses on the virt board (checked at start-up). */
#define QG_GICD_BASE 0x08000000u
#define QG_GICC_BASE 0x08010000u
#define QG_GICH_BASE 0x08030000u
#define QG_GICV_BASE 0x08040000u
#define QG_NR_IRQS   288u

struct qemu_gic;

/* Start QEMU with `nr_cpus` CPUs and wait until the guest serves every
 * mailbox. `qemu` is the executable. Returns NULL (and prints why) on
 * failure. */
struct qemu_gic *qg_start(const char *qemu, unsigned nr_cpus);
void qg_stop(struct qemu_gic *qg);

/* A load (`store` false) or store of `size` bytes at `addr`, executed by the
 * guest on CPU `cpu`. Returns 0 or -1 (QEMU stopped answering). */
int qg_access(struct qemu_gic *qg, unsigned cpu, uint64_t addr, unsigned size,
              bool store, uint32_t *val);
/* `n` (<= 1024) consecutive 32-bit loads from `addr` on CPU `cpu`, in one
 * guest command: a snapshot of side-effect-free registers. */
int qg_bulk_read(struct qemu_gic *qg, unsigned cpu, uint64_t addr, unsigned n,
                 uint32_t *out);
/* ISR_EL1 of CPU `cpu` (bit 7 IRQ, bit 6 FIQ pending). */
int qg_isr(struct qemu_gic *qg, unsigned cpu, uint32_t *val);
/* Drive the input line of SPI `irq`, or of PPI `irq` on `cpu`. */
int qg_set_line(struct qemu_gic *qg, unsigned cpu, unsigned irq, bool level);

#endif
