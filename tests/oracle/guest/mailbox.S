/* SPDX-License-Identifier: MIT */
/* Freestanding AArch64 guest for the QEMU differential test.
 *
 * Loaded at GUEST_BASE and entered by CPU 0 at EL2 with the MMU off and
 * interrupts masked (PSTATE.DAIF set at reset; they stay masked: the test
 * only looks at the GIC through its registers). CPU 0 starts CPUs 1..7 with
 * PSCI CPU_ON (SMC conduit: the board runs EL2 guests, so calls below EL3 use
 * SMC); a CPU that does not exist just returns an error.
 *
 * Every CPU then serves its own mailbox at MBOX_BASE + 64 * Aff0:
 *   +0  u32 seq      written last by the host to post a command
 *   +4  u32 op       1 ldr w, 2 str w, 3 ldrb, 4 strb, 5 ldrh, 6 strh,
 *                    7 mrs ISR_EL1 (physical IRQ/FIQ pending: bits 7, 6),
 *                    8 `value` word loads from addr on into BULK_BASE +
 *                      4 KiB * Aff0 (a side-effect-free register snapshot)
 *   +8  u64 addr
 *   +16 u64 value    for stores
 *   +24 u64 result   for loads
 *   +32 u32 ack      = seq when the command is done
 *   +36 u32 ready    0x600D once the CPU polls
 * The poll loop executes YIELD so that single-threaded TCG moves on to the
 * next CPU instead of spinning out its whole time slice.
 */
    .equ MBOX_BASE, 0x40300000
    .equ BULK_BASE, 0x40400000
    .equ PSCI_CPU_ON_64, 0xC4000003

    .text
    .global _start
_start:
entry:
    mrs     x0, mpidr_el1
    and     x0, x0, #0xff
    cbnz    x0, serve
    mov     x19, #1
1:  ldr     x0, =PSCI_CPU_ON_64
    mov     x1, x19
    adr     x2, entry
    mov     x3, #0
    smc     #0
    add     x19, x19, #1
    cmp     x19, #8
    b.lo    1b
    mov     x0, #0
serve:
    ldr     x20, =MBOX_BASE
    add     x20, x20, x0, lsl #6
    ldr     w21, [x20, #0]          /* commands posted before we started do not count */
    mov     w1, #0x600D
    str     w21, [x20, #32]
    str     w1, [x20, #36]
poll:
    ldr     w1, [x20, #0]
    cmp     w1, w21
    b.ne    run
    yield
    b       poll
run:
    mov     w21, w1
    dmb     ish
    ldr     w2, [x20, #4]
    ldr     x3, [x20, #8]
    ldr     x4, [x20, #16]
    mov     x5, #0
    cmp     w2, #1
    b.ne    2f
    ldr     w5, [x3]
    b       done
2:  cmp     w2, #2
    b.ne    3f
    str     w4, [x3]
    b       done
3:  cmp     w2, #3
    b.ne    4f
    ldrb    w5, [x3]
    b       done
4:  cmp     w2, #4
    b.ne    5f
    strb    w4, [x3]
    b       done
5:  cmp     w2, #5
    b.ne    6f
    ldrh    w5, [x3]
    b       done
6:  cmp     w2, #6
    b.ne    7f
    strh    w4, [x3]
    b       done
7:  cmp     w2, #7
    b.ne    8f
    isb
    mrs     x5, isr_el1
    b       done
8:  cmp     w2, #8
    b.ne    done
    ldr     x6, =BULK_BASE
    mrs     x7, mpidr_el1
    and     x7, x7, #0xff
    add     x6, x6, x7, lsl #12
    cmp     x4, #1024
    b.hi    done
9:  cbz     x4, done
    ldr     w7, [x3], #4
    str     w7, [x6], #4
    sub     x4, x4, #1
    b       9b
done:
    str     x5, [x20, #24]
    dmb     ish
    str     w21, [x20, #32]
    b       poll
    .ltorg
