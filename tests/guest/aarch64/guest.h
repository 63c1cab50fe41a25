/* SPDX-License-Identifier: MIT */
/* What every AArch64 guest uses: MMIO accessors, IRQ/FIQ masking, the result
 * table, and a yield (WFI, which ends the host's slice). */
#ifndef GUEST_AARCH64_GUEST_H
#define GUEST_AARCH64_GUEST_H

#include <stdint.h>
#include "layout.h"
#include <vintc/gicv2_regs.h>

static inline uint32_t rd(uint64_t addr)
{
    return *(volatile uint32_t *)addr;
}
static inline void wr(uint64_t addr, uint32_t val)
{
    *(volatile uint32_t *)addr = val;
}
static inline void irq_enable(void) { __asm__ volatile("msr daifclr, #2" ::: "memory"); }
static inline void irq_disable(void) { __asm__ volatile("msr daifset, #2" ::: "memory"); }
static inline void fiq_enable(void) { __asm__ volatile("msr daifclr, #1" ::: "memory"); }
static inline void fiq_disable(void) { __asm__ volatile("msr daifset, #1" ::: "memory"); }
static inline void yield(void) { __asm__ volatile("wfi" ::: "memory"); }

static inline struct guest_result *result(uint32_t cpu)
{
    return (struct guest_result *)(uint64_t)(RESULT_BASE + cpu * RESULT_STRIDE);
}

static inline void record(uint32_t cpu, uint32_t iar, uint32_t rpr, uint32_t depth)
{
    struct guest_result *r = result(cpu);
    uint32_t n = r->count;
    if (n < sizeof r->entry / sizeof r->entry[0]) {
        r->entry[n].iar = iar;
        r->entry[n].rpr = rpr;
        r->entry[n].depth = depth;
        r->entry[n].cpu = cpu;
    }
    r->count = n + 1;
    if (!(iar & ENTRY_PROBE) && (iar & 0x3FF) < 64)
        r->taken[iar & 0x3FF]++;
}

#define GUEST_CHECK(cpu, cond)                                     \
    do {                                                           \
        if (!(cond)) {                                             \
            struct guest_result *r_ = result(cpu);                 \
            if (r_->errors++ == 0)                                 \
                r_->error_line = __LINE__;                         \
        }                                                          \
    } while (0)

/* Spin with yields until `cond` holds; a guest-side error after `limit`
 * yields keeps a lost interrupt from hanging the test. */
#define WAIT_UNTIL(cpu, cond)                                      \
    do {                                                           \
        uint32_t n_ = 0;                                           \
        while (!(cond) && n_++ < 100000)                           \
            yield();                                               \
        GUEST_CHECK(cpu, cond);                                    \
    } while (0)

void guest_main(uint32_t cpu);
void guest_irq(void);
/* start.S has a weak guest_fiq() that calls guest_irq(). */
void guest_fiq(void);

#endif
