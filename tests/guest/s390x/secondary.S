/* SPDX-License-Identifier: MIT */
/* Entry of the SMP guest's secondary CPUs: their first restart new PSW
 * points here. The stack top is in the CPU's lowcore, written by the CPU
 * that restarted it. */
#include "layout.h"

    .text
    .globl secondary_start
secondary_start:
    lg      %r15, LC_STACK
    aghi    %r15, -160
    brasl   %r14, secondary_main
0:  j       0b

/* Entry after INITIAL CPU RESET: the restart new PSW at absolute 0x1A0
 * (the prefix is 0 again) points here, and the CPU that restarted it wrote
 * the stack top and CPU number at absolute LC_STACK and LC_CPU_NR. */
    .globl reset_entry
reset_entry:
    lg      %r15, LC_STACK
    aghi    %r15, -160
    brasl   %r14, after_reset_main
0:  j       0b

    .section .note.GNU-stack, "", %progbits
