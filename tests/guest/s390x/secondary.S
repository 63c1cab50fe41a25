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

    .section .note.GNU-stack, "", %progbits
