/* SPDX-License-Identifier: MIT */
/* s390x guest entry (64-bit addressing, DAT off, every interruption
 * disabled) and the first-level interruption handlers: each new PSW points
 * at one of the entry_* stubs below, which saves the registers in its
 * class's save area, calls guest_interrupt(class) on its own stack, restores
 * the registers and returns with LPSWE of the class's old PSW (z/Architecture
 * Principles of Operation, chapter 6, "Interruptions"). */
#include "layout.h"

    .section .text.start, "ax"
    .globl _start
_start:
    larl    %r15, stack_top_value
    lg      %r15, 0(%r15)
    aghi    %r15, -160
    brasl   %r14, guest_main
0:  j       0b

    .macro entry name, cls, oldpsw
    .globl \name
\name:
    stmg    %r0, %r15, LC_SAVE_AREA + \cls * 128
    lghi    %r2, \cls
    lg      %r15, LC_IRQ_STACK
    aghi    %r15, -(\cls * 4096 + 160)
    brasl   %r14, guest_interrupt
    lmg     %r0, %r15, LC_SAVE_AREA + \cls * 128
    lpswe   \oldpsw
    .endm

    entry entry_ext, CLASS_EXT, 0x130
    entry entry_svc, CLASS_SVC, 0x140
    entry entry_pgm, CLASS_PGM, 0x150
    entry entry_mchk, CLASS_MCHK, 0x160
    entry entry_io, CLASS_IO, 0x170
    entry entry_restart, CLASS_RESTART, 0x120

/* void load_mask(uint64_t mask): continue after the call with PSW mask
 * `mask` (LPSWE to the return address). The PSW is built in this CPU's
 * lowcore (LC_PSW_BUF), so CPUs never share the buffer. */
    .globl load_mask
load_mask:
    stg     %r2, LC_PSW_BUF
    stg     %r14, LC_PSW_BUF + 8
    lghi    %r1, LC_PSW_BUF
    lpswe   0(%r1)

/* void enabled_wait(uint64_t mask): load a wait PSW with `mask` (the caller
 * adds the wait bit) whose address is wait_trap. The interruption handler
 * sees the wait bit in its old PSW and returns to wait_resume instead, with
 * the caller's registers restored, so this returns after one interruption. */
    .globl enabled_wait, wait_trap, wait_resume
enabled_wait:
    stg     %r2, LC_PSW_BUF
    larl    %r3, wait_trap
    stg     %r3, LC_PSW_BUF + 8
    lghi    %r1, LC_PSW_BUF
    lpswe   0(%r1)
wait_trap:
    j       wait_trap
wait_resume:
    br      %r14

/* uint64_t stck(void) and sckc/spt/spx/stpx helpers, with their operand in
 * this CPU's lowcore word LC_WORD_BUF. */
    .globl stck_value, set_ckc, set_cpu_timer, set_prefix, store_prefix, svc42, op_exception
stck_value:
    lghi    %r1, LC_WORD_BUF
    stck    0(%r1)
    lg      %r2, 0(%r1)
    br      %r14
set_ckc:
    lghi    %r1, LC_WORD_BUF
    stg     %r2, 0(%r1)
    sckc    0(%r1)
    br      %r14
set_cpu_timer:
    lghi    %r1, LC_WORD_BUF
    stg     %r2, 0(%r1)
    spt     0(%r1)
    br      %r14
set_prefix:
    lghi    %r1, LC_WORD_BUF
    st      %r2, 0(%r1)
    spx     0(%r1)
    br      %r14
store_prefix:
    lghi    %r1, LC_WORD_BUF
    stpx    0(%r1)
    llgf    %r2, 0(%r1)
    br      %r14
/* uint64_t svc42(void): returns the address after the SVC. */
svc42:
    svc     42
0:  larl    %r2, 0b
    br      %r14
/* uint64_t op_exception(void): executes opcode 0x0000 (operation
 * exception); returns the address after it. */
op_exception:
    .short  0
0:  larl    %r2, 0b
    br      %r14

/* uint64_t get_cr(int n) / void set_cr(int n, uint64_t v) go through the
 * caller's 160-byte register save area at 0(r15), which a leaf function may
 * use; store_crs(uint64_t crs[16]) stores all sixteen. */
    .globl get_cr, set_cr, store_crs
get_cr:
    stctg   %c0, %c15, 0(%r15)
    sllg    %r2, %r2, 3
    lg      %r2, 0(%r2, %r15)
    br      %r14
set_cr:
    stctg   %c0, %c15, 0(%r15)
    sllg    %r2, %r2, 3
    stg     %r3, 0(%r2, %r15)
    lctlg   %c0, %c15, 0(%r15)
    br      %r14
store_crs:
    stctg   %c0, %c15, 0(%r2)
    br      %r14

/* void park_pattern(const uint64_t regs[16]): load r0-r15 from regs
 * (regs[0] must be 0), report to CPU 0 with SIGNAL PROCESSOR EXTERNAL CALL
 * (order 2, CPU address in r0 = 0, status register r0, unchanged for
 * condition code 0) and spin at park_loop with those registers until
 * stopped. */
    .globl park_pattern, park_loop
park_pattern:
    lmg     %r0, %r15, 0(%r2)
    sigp    %r0, %r0, 2
park_loop:
    j       park_loop

/* unsigned sigp_order(uint64_t cpu, uint64_t order, uint64_t param,
 *                     uint64_t *status): SIGNAL PROCESSOR with the
 * parameter in r1 and the status in r0; returns the condition code. */
    .globl sigp_order
sigp_order:
    lgr     %r1, %r4
    lghi    %r0, 0
    sigp    %r0, %r2, 0(%r3)
    ipm     %r2
    srl     %r2, 28
    llgfr   %r2, %r2
    stg     %r0, 0(%r5)
    br      %r14

/* uint64_t hypercall(uint64_t fn, uint64_t arg) */
    .globl hypercall
hypercall:
    diag    %r2, %r3, 0x500
    br      %r14

    .balign 8
stack_top_value:  .quad STACK_TOP

    .section .note.GNU-stack, "", %progbits
