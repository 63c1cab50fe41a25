/* SPDX-License-Identifier: MIT */
/* The AArch64 guests' physical memory map and test-device registers, shared
 * by the guest sources (C and assembly) and the hosts. */
#ifndef GUEST_AARCH64_LAYOUT_H
#define GUEST_AARCH64_LAYOUT_H

#define RAM_BASE      0x40000000
#define RAM_SIZE      0x00200000
#define STACK_TOP     0x40100000        /* CPU n's stack ends at STACK_TOP - n * STACK_SIZE */
#define STACK_SIZE    0x00010000
#define RESULT_BASE   0x40180000        /* struct guest_result, CPU n at + n * RESULT_STRIDE */
#define RESULT_STRIDE 0x00010000
#define SHARED_BASE   0x40170000        /* words the SMP guest's CPUs share */

#define GICD_BASE     0x08000000
#define GICC_BASE     0x08010000        /* 0x2000: the CPU interface (GICC or GICV) */
#define DEV_BASE      0x09000000        /* the test device, 0x1000 */

/* Test-device registers (32-bit). */
#define DEV_PULSE     0x00  /* W: the device pulses edge SPI <value> */
#define DEV_RAISE     0x04  /* W: the device raises level SPI <value> */
#define DEV_ACK       0x08  /* W: the guest acknowledges level SPI <value>: the line drops */
#define DEV_DONE      0x0C  /* W: the guest is finished; value = its own error count */
#define DEV_CPU       0x10  /* R: this vCPU's number */
#define DEV_ITER      0x14  /* R: iterations asked for (SMP and bench loops) */

/* One table entry per interrupt taken (struct guest_entry). */
#define ENTRY_PROBE   0x10000   /* iar field: not an interrupt but a probe value */
#define ENTRY_FIQ     0x20000   /* iar field: taken through the FIQ vector */

#ifndef __ASSEMBLER__
#include <stdint.h>
struct guest_entry {
    uint32_t iar;     /* GICC/GICV_IAR as read, or ENTRY_PROBE | value */
    uint32_t rpr;     /* running priority after the acknowledge */
    uint32_t depth;   /* handler nesting depth, 1 = not nested */
    uint32_t cpu;     /* the vCPU that took it */
};
struct guest_result {
    uint32_t count;
    uint32_t errors;  /* failures the guest detected itself */
    uint32_t error_line;  /* guest source line of the first one */
    uint32_t pad;
    uint32_t taken[64];   /* interrupts taken by ID (IDs below 64) */
    struct guest_entry entry[1024];   /* the first 1024 entries */
};
#endif

#endif
