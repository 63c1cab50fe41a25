/* SPDX-License-Identifier: MIT */
/* Single-vCPU guest on the CPU-interface backend with both interrupt groups:
 * Group 0 signalled as FIQ (GICC_CTLR.FIQEn), Group 1 as IRQ. It records
 * every interrupt it takes (ENTRY_FIQ when through the FIQ vector) and the
 * probe values below; the host compares the table with the sequence the
 * architecture dictates (its copy, with the rule each entry checks, is in
 * guest_a64_groups.c). The GIC has 5 priority bits: BPR 2 and ABPR 3 make
 * the group priority the whole priority for both groups.
 *
 *   1. Routing (AckCtl = 0): SGI 1 and SPI 32 (Group 0) arrive as FIQ, SGI 2
 *      and SPI 33 (Group 1) as IRQ (IHI 0048B 4.4.1 GICC_CTLR.FIQEn). The
 *      IRQ handler reads GICC_IAR first (1022: a Group 1 winner with
 *      AckCtl = 0 is not acknowledged), then GICC_AHPPIR, then acknowledges
 *      through GICC_AIAR and ends through GICC_AEOIR (4.4.9-4.4.11).
 *   2. Probes with interrupts masked: SPI 36 (Group 1) pending alone, then
 *      SPI 37 (Group 0, higher priority) too: HPPIR, AHPPIR, IAR, AIAR, RPR
 *      and GICD_ISPENDR. Unmasked, 37 comes as FIQ, then 36 as IRQ.
 *   3. AckCtl = 1: GICC_IAR and GICC_EOIR take and end Group 1 as well.
 *   4. Preemption across groups: SPI 34's IRQ handler (Group 1, 0x80) asks
 *      for SPI 35 (Group 0, 0x30) and unmasks FIQs: 35 preempts it as FIQ
 *      (3.3 "Preemption"); after its EOI the running priority is 34's
 *      again, and after 34's AEOIR it is idle.
 *   5. CBPR (4.4.1 GICC_CTLR.CBPR, 3.3 "Priority grouping"): SPI 38 (0x70)
 *      active and SPI 39 (0x68) pending, both Group 1. With CBPR = 0 and
 *      ABPR = 5 both have group priority 0x60: 39 cannot preempt (AIAR 1023)
 *      and waits for 38's AEOIR. With CBPR = 1, BPR 2 applies to Group 1
 *      too: 0x68 preempts 0x70. */
#include "guest.h"

#define GICD(off) ((uint64_t)GICD_BASE + (off))
#define GICC(off) ((uint64_t)GICC_BASE + (off))
#define DEV(off) ((uint64_t)DEV_BASE + (off))

#define GROUP1_SGIS ((1u << 2))
#define GROUP1_SPIS ((1u << 1) | (1u << 2) | (1u << 4) | (1u << 6) | (1u << 7))
#define CTLR_BOTH   (VINTC_GICC_CTLR_ENABLE_GRP0 | VINTC_GICC_CTLR_ENABLE_GRP1 | VINTC_GICC_CTLR_FIQEN)

static volatile uint32_t seen[64];
static volatile uint32_t depth;
static volatile uint32_t ackctl;
static volatile uint32_t cbpr;

static uint8_t prio_of(uint32_t id)
{
    switch (id) {
    case 1: return 0x40;   /* Group 0 */
    case 2: return 0x60;   /* Group 1 */
    case 32: return 0x50;  /* Group 0 */
    case 33: return 0x70;  /* Group 1 */
    case 34: return 0x80;  /* Group 1, preempted */
    case 35: return 0x30;  /* Group 0, preempts */
    case 36: return 0x90;  /* Group 1 */
    case 37: return 0x88;  /* Group 0, above 36 */
    case 38: return 0x70;  /* Group 1 */
    case 39: return 0x68;  /* Group 1 */
    default: return 0xA0;
    }
}

static void probe(uint32_t value)
{
    record(0, ENTRY_PROBE | (value & 0xFFFF), 0, depth);
}

static void dist_init(void)
{
    wr(GICD(VINTC_GICD_CTLR), 0);
    wr(GICD(VINTC_GICD_ICENABLER), ~0u);
    wr(GICD(VINTC_GICD_ICENABLER + 4), ~0u);
    for (uint32_t i = 0; i < 64; i += 4) {
        uint32_t p = 0;
        for (uint32_t b = 0; b < 4; b++)
            p |= (uint32_t)prio_of(i + b) << (8 * b);
        wr(GICD(VINTC_GICD_IPRIORITYR + i), p);
        if (i >= 32)
            wr(GICD(VINTC_GICD_ITARGETSR + i), 0x01010101);
    }
    wr(GICD(VINTC_GICD_ICFGR + 8), 0xAAAAAAAA);      /* SPIs 32..47 edge */
    wr(GICD(VINTC_GICD_IGROUPR), GROUP1_SGIS);
    wr(GICD(VINTC_GICD_IGROUPR + 4), GROUP1_SPIS);
    wr(GICD(VINTC_GICD_ISENABLER), (1u << 1) | (1u << 2));
    wr(GICD(VINTC_GICD_ISENABLER + 4), 0xFF);        /* SPIs 32..39 */
    wr(GICD(VINTC_GICD_CTLR), VINTC_GICD_CTLR_ENABLE_GRP0 | VINTC_GICD_CTLR_ENABLE_GRP1);
}

static void set_ctlr(void)
{
    wr(GICC(VINTC_GICC_CTLR), CTLR_BOTH | (ackctl ? VINTC_GICC_CTLR_ACKCTL : 0) |
                                  (cbpr ? VINTC_GICC_CTLR_CBPR : 0));
}

static void cpu_init(void)
{
    wr(GICC(VINTC_GICC_PMR), 0xF0);
    wr(GICC(VINTC_GICC_BPR), 2);
    wr(GICC(VINTC_GICC_ABPR), 3);
    set_ctlr();
}

static void pulse_and_wait_pending(uint32_t id)
{
    wr(DEV(DEV_PULSE), id);
    yield();    /* the device injects at the end of this slice */
    yield();
}

/* Group 0: acknowledged and ended through GICC_IAR/EOIR in any mode. */
void guest_fiq(void)
{
    depth++;
    uint32_t iar = rd(GICC(VINTC_GICC_IAR));
    uint32_t id = iar & 0x3FF;
    if (id >= 1020) {
        probe(id);
    } else {
        record(0, ENTRY_FIQ | iar, rd(GICC(VINTC_GICC_RPR)), depth);
        if (id < 64)
            seen[id]++;
        wr(GICC(VINTC_GICC_EOIR), iar);
    }
    depth--;
}

/* SPI 34: let Group 0 SPI 35 preempt through the FIQ. */
static void preempted_by_fiq(void)
{
    wr(DEV(DEV_PULSE), 35);
    fiq_enable();
    WAIT_UNTIL(0, seen[35] == 1);
    fiq_disable();
    probe(rd(GICC(VINTC_GICC_RPR)));
}

/* SPI 38: does Group 1 SPI 39 preempt it? */
static void binary_point_check(void)
{
    uint32_t before = seen[39];
    pulse_and_wait_pending(39);
    if (!cbpr) {
        probe(rd(GICC(VINTC_GICC_AIAR)));
        probe(rd(GICC(VINTC_GICC_AHPPIR)));
    }
    irq_enable();
    for (int i = 0; i < 4; i++)
        yield();
    irq_disable();
    probe(seen[39] - before);
    probe(rd(GICC(VINTC_GICC_RPR)));
}

/* Group 1: with AckCtl = 0 through AIAR/AEOIR, after checking that IAR
 * hides it; with AckCtl = 1 through IAR/EOIR. */
void guest_irq(void)
{
    depth++;
    uint32_t alias = !ackctl;
    uint32_t iar;
    if (alias) {
        probe(rd(GICC(VINTC_GICC_IAR)));
        probe(rd(GICC(VINTC_GICC_AHPPIR)));
        iar = rd(GICC(VINTC_GICC_AIAR));
    } else {
        iar = rd(GICC(VINTC_GICC_IAR));
    }
    uint32_t id = iar & 0x3FF;
    if (id >= 1020) {
        probe(id);
        depth--;
        return;
    }
    record(0, iar, rd(GICC(VINTC_GICC_RPR)), depth);
    if (id < 64)
        seen[id]++;
    if (id == 34)
        preempted_by_fiq();
    else if (id == 38)
        binary_point_check();
    wr(GICC(alias ? VINTC_GICC_AEOIR : VINTC_GICC_EOIR), iar);
    depth--;
}

static void sgi_self(uint32_t id)
{
    wr(GICD(VINTC_GICD_SGIR), VINTC_GICD_SGIR_FILTER_SELF << VINTC_GICD_SGIR_FILTER_SHIFT | id);
}

static void interrupts_on(void) { __asm__ volatile("msr daifclr, #3" ::: "memory"); }
static void interrupts_off(void) { __asm__ volatile("msr daifset, #3" ::: "memory"); }

void guest_main(uint32_t cpu)
{
    (void)cpu;
    dist_init();
    cpu_init();
    interrupts_on();

    /* 1. */
    sgi_self(1);
    WAIT_UNTIL(0, seen[1] == 1);
    sgi_self(2);
    WAIT_UNTIL(0, seen[2] == 1);
    wr(DEV(DEV_PULSE), 32);
    WAIT_UNTIL(0, seen[32] == 1);
    wr(DEV(DEV_PULSE), 33);
    WAIT_UNTIL(0, seen[33] == 1);

    /* 2. */
    interrupts_off();
    pulse_and_wait_pending(36);
    probe(rd(GICC(VINTC_GICC_HPPIR)));
    probe(rd(GICC(VINTC_GICC_AHPPIR)));
    probe(rd(GICC(VINTC_GICC_IAR)));
    probe((rd(GICD(VINTC_GICD_ISPENDR + 4)) >> (36 - 32)) & 1);
    probe(rd(GICC(VINTC_GICC_RPR)));
    pulse_and_wait_pending(37);
    probe(rd(GICC(VINTC_GICC_HPPIR)));
    probe(rd(GICC(VINTC_GICC_AHPPIR)));
    probe(rd(GICC(VINTC_GICC_AIAR)));
    probe((rd(GICD(VINTC_GICD_ISPENDR + 4)) >> (36 - 32)) & 3);
    interrupts_on();
    WAIT_UNTIL(0, seen[36] == 1 && seen[37] == 1);

    /* 3. */
    ackctl = 1;
    set_ctlr();
    wr(DEV(DEV_PULSE), 33);
    WAIT_UNTIL(0, seen[33] == 2);
    sgi_self(2);
    WAIT_UNTIL(0, seen[2] == 2);
    interrupts_off();
    pulse_and_wait_pending(36);
    probe(rd(GICC(VINTC_GICC_HPPIR)));
    interrupts_on();
    WAIT_UNTIL(0, seen[36] == 2);

    /* 4. */
    ackctl = 0;
    set_ctlr();
    wr(DEV(DEV_PULSE), 34);
    WAIT_UNTIL(0, seen[34] == 1);
    probe(rd(GICC(VINTC_GICC_RPR)));

    /* 5. */
    wr(GICC(VINTC_GICC_ABPR), 5);
    wr(DEV(DEV_PULSE), 38);
    WAIT_UNTIL(0, seen[39] == 1);
    cbpr = 1;
    set_ctlr();
    wr(DEV(DEV_PULSE), 38);
    WAIT_UNTIL(0, seen[39] == 2);

    interrupts_off();
    wr(DEV(DEV_DONE), result(0)->errors);
}
