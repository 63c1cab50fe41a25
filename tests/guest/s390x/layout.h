/* SPDX-License-Identifier: MIT */
/* The s390x guest's storage map, hypercalls and result table, shared by the
 * guest sources and the host. Addresses are absolute; the guest moves its
 * prefix from 0 to PREFIX_AREA before it stores its new PSWs. */
#ifndef GUEST_S390X_LAYOUT_H
#define GUEST_S390X_LAYOUT_H

#define RAM_SIZE      0x00100000
#define IMAGE_BASE    0x00010000
#define PREFIX_AREA   0x00020000
#define STUB_BASE     0x00030000   /* host-owned: the control-register reader */
#define RESULT_BASE   0x00040000
#define STACK_TOP     0x00060000   /* CPU n's stack ends at STACK_TOP - n * 0x4000 */
#define IRQ_STACK_TOP 0x00080000   /* CPU n's handler stacks end at - n * 0x8000 */
/* The SMP guest's STORE STATUS AT ADDRESS areas (512 bytes each): the
 * parked CPU's status, after CPU RESET, after INITIAL CPU RESET. */
#define STATUS_AREA_PARKED  0x00090000
#define STATUS_AREA_RESET   0x00090400
#define STATUS_AREA_INITIAL 0x00090800

/* Per-CPU words in the lowcore, at real addresses the architecture leaves
 * unassigned (prefixing makes them per CPU). */
#define LC_IRQ_STACK  0x1BF8       /* top of this CPU's handler stacks */
#define LC_STACK      0x1BF0       /* top of this CPU's stack (secondaries) */
#define LC_CPU_NR     0x1BE8       /* this CPU's number */
#define LC_WORD_BUF   0x1BD0       /* operand of SPT, SCKC, SPX, STPX, STCK */
#define LC_PSW_BUF    0x1BC0       /* 16: PSW built by load_mask / enabled_wait */
#define PREFIX_STRIDE 0x2000       /* CPU n's prefix: PREFIX_AREA + n * PREFIX_STRIDE */
#define RESULT_STRIDE 0x2000       /* CPU n's table: RESULT_BASE + n * RESULT_STRIDE */
#define LC_SAVE_AREA  0x1C00       /* 128-byte register save area per class */

/* DIAGNOSE 0x500 hypercall: function code in r2, argument in r3. */
#define HC_DONE       1   /* r3 = the guest's own error count */
#define HC_INJECT     2   /* r3 = step: the host injects that step's interrupts */
#define HC_INJECT_LATER 3 /* r3 = step: a host thread injects it while the guest waits */
#define HC_NR_CPUS    4   /* returns the number of CPUs */
#define HC_INJECT_IO  5   /* r3 = n: the host injects n floating I/O interruptions,
                             ISC 3, parameters 1..n */
#define HC_HOLD       6   /* the calling CPU's host thread blocks in the call
                             until HC_RELEASE: an instruction that takes long */
#define HC_AWAIT_HELD 7   /* r3 = CPU: returns once that CPU is in HC_HOLD */
#define HC_RELEASE    8   /* r3 = CPU: ends its HC_HOLD */

/* The SMP guest's parked CPU (s390x/smp.c): the CPU timer, clock comparator
 * and general registers it stops with, which STORE STATUS AT ADDRESS must
 * store. */
#define PARK_CPU_TIMER 0x0100000000000000
#define PARK_CKC       0x00FEDCBA98765400
#define PARK_GPR(cpu, i) ((i) ? ((i) * 0x0101010101010101 ^ 0xA5A5A5A5A5A5A5A5) + (cpu) : 0)

/* Interruption classes in the result table. */
#define CLASS_EXT     1
#define CLASS_SVC     2
#define CLASS_PGM     3
#define CLASS_MCHK    4
#define CLASS_IO      5
#define CLASS_RESTART 6

#ifndef __ASSEMBLER__
#include <stdint.h>
/* One interruption as the guest's handler found it in its lowcore. */
struct guest_rec {
    uint64_t cls, code;      /* class; interruption code (ext, SVC, program) */
    uint64_t a, b, c, d;     /* class-specific lowcore fields, see s390x/interrupts.c */
    uint64_t old_mask, old_addr;
};
struct guest_result {
    uint64_t count, errors, error_line, pad;
    struct guest_rec rec[64];
};
#endif

#endif
