/* SPDX-License-Identifier: MIT */
/* AArch64 guest entry at EL1h with the MMU off: a stack per vCPU (the test
 * device says which vCPU this is), VBAR_EL1, then guest_main(cpu).
 * IRQ from the current EL (SPx) goes to guest_irq(), FIQ to guest_fiq()
 * (guest_irq() unless the guest defines its own), each with every
 * caller-saved register, ELR_EL1 and SPSR_EL1 saved on the stack, so a
 * handler may unmask interrupts and be preempted (ARM DDI 0487, D1.10). Every
 * other exception reports itself to the test device and stops. */
#include "layout.h"

    .section .text.start, "ax"
    .global _start
_start:
    ldr     x0, =DEV_BASE
    ldr     w19, [x0, #DEV_CPU]
    ldr     x1, =STACK_TOP
    mov     x2, #STACK_SIZE
    msub    x1, x19, x2, x1
    mov     sp, x1
    adr     x0, vectors
    msr     vbar_el1, x0
    isb
    mov     w0, w19
    bl      guest_main
1:  wfi
    b       1b

/* An unexpected exception: DEV_DONE with 0xE000 | vector offset / 0x80. */
    .macro  bad_vector n
    .balign 0x80
    mov     x1, #(0xE000 + \n)
    b       bad_exception
    .endm

    .macro  branch_vector target
    .balign 0x80
    b       \target
    .endm

    .balign 2048
vectors:
    bad_vector 0        /* current EL, SP0 */
    bad_vector 1
    bad_vector 2
    bad_vector 3
    bad_vector 4        /* current EL, SPx: synchronous */
    branch_vector irq_entry     /* 0x280 IRQ */
    branch_vector fiq_entry     /* 0x300 FIQ */
    bad_vector 7
    bad_vector 8        /* lower EL */
    bad_vector 9
    bad_vector 10
    bad_vector 11
    bad_vector 12
    bad_vector 13
    bad_vector 14
    bad_vector 15

bad_exception:
    ldr     x0, =DEV_BASE
    str     w1, [x0, #DEV_DONE]
1:  wfi
    b       1b

/* Save what a C handler may clobber, call it, restore, return. */
    .macro  exception_entry handler
    sub     sp, sp, #192
    stp     x0, x1, [sp, #0]
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x29, [sp, #144]
    mrs     x0, elr_el1
    mrs     x1, spsr_el1
    stp     x0, x1, [sp, #160]
    str     x30, [sp, #176]
    bl      \handler
    ldr     x30, [sp, #176]
    ldp     x0, x1, [sp, #160]
    msr     elr_el1, x0
    msr     spsr_el1, x1
    ldp     x18, x29, [sp, #144]
    ldp     x16, x17, [sp, #128]
    ldp     x14, x15, [sp, #112]
    ldp     x12, x13, [sp, #96]
    ldp     x10, x11, [sp, #80]
    ldp     x8, x9, [sp, #64]
    ldp     x6, x7, [sp, #48]
    ldp     x4, x5, [sp, #32]
    ldp     x2, x3, [sp, #16]
    ldp     x0, x1, [sp, #0]
    add     sp, sp, #192
    eret
    .endm

irq_entry:
    exception_entry guest_irq
fiq_entry:
    exception_entry guest_fiq

/* A guest without a FIQ handler of its own handles FIQs as IRQs. */
    .weak   guest_fiq
guest_fiq:
    b       guest_irq
    .ltorg

    .section .note.GNU-stack, "", %progbits
