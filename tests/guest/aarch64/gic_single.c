/* SPDX-License-Identifier: MIT */
/* Single-vCPU GICv2 guest. It programs the distributor and its CPU interface
 * like an OS does, then goes through the phases below, recording every
 * interrupt it takes (and a few probe values) in its result table. The host
 * checks the table against what it injected and against the sequence the
 * architecture dictates (the host's copy of it is in guest_a64_single.c).
 *
 *   1. SGIs 1, 5, 9 to itself through GICD_SGIR (IHI 0048B 4.3.15).
 *   2. Edge SPIs 32 and 33 raised by the host's device.
 *   3. Eight edge SPIs 34..41 made pending together while IRQs are masked:
 *      more than the vCPU has list registers. They are taken in priority
 *      order, not ID order (3.3 "Interrupt prioritization").
 *   4. Level SPI 48, which the handler acknowledges in the device before
 *      EOI: taken once. Level SPI 49, acknowledged in the device only the
 *      second time: taken twice, since the line is still high after the
 *      first EOI (1.4.2, level-sensitive interrupts).
 *   5. Preemption: SPI 42 (priority 0xA0) asks for SPIs 43 (0x40) and 44
 *      (0xC0), then re-enables IRQs: 43 preempts it, 44 waits for its EOI
 *      (3.3, running priority).
 *   6. EOImode 1: SPI 45's handler drops priority with EOIR, has the device
 *      pulse 45 again, and checks that it is not acknowledgeable while still
 *      active (IAR 1023, running priority idle, GICD_ISACTIVER and
 *      GICD_ISPENDR both set) until DIR deactivates it (4.4.15, 5.4.1). */
#include "guest.h"

#define GICD(off) ((uint64_t)GICD_BASE + (off))
#define GICC(off) ((uint64_t)GICC_BASE + (off))
#define DEV(off) ((uint64_t)DEV_BASE + (off))

static volatile uint32_t seen[64];
static volatile uint32_t depth;
static volatile uint32_t eoimode;

/* Priorities by interrupt ID (only the ones used). */
static uint8_t prio_of(uint32_t id)
{
    static const uint8_t overflow[8] = { 0x40, 0x70, 0x10, 0x60, 0x20, 0x80, 0x30, 0x50 };
    if (id < 16)
        return 0x80;
    if (id >= 34 && id <= 41)
        return overflow[id - 34];
    switch (id) {
    case 42: return 0xA0;
    case 43: return 0x40;
    case 44: return 0xC0;
    case 45: return 0x90;
    case 48:
    case 49: return 0x98;
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
    uint32_t lines = ((rd(GICD(VINTC_GICD_TYPER)) & 0x1F) + 1) * 32;
    for (uint32_t i = 0; i < lines; i += 32)
        wr(GICD(VINTC_GICD_ICENABLER + i / 8), ~0u);
    for (uint32_t i = 0; i < 64; i += 4) {
        uint32_t p = 0;
        for (uint32_t b = 0; b < 4; b++)
            p |= (uint32_t)prio_of(i + b) << (8 * b);
        wr(GICD(VINTC_GICD_IPRIORITYR + i), p);
        if (i >= 32)
            wr(GICD(VINTC_GICD_ITARGETSR + i), 0x01010101);
    }
    /* SPIs 32..47 edge (Int_config[1] = 1), 48..63 level. */
    wr(GICD(VINTC_GICD_ICFGR + 8), 0xAAAAAAAA);
    wr(GICD(VINTC_GICD_ICFGR + 12), 0);
    wr(GICD(VINTC_GICD_ISENABLER), 0xFFFF);          /* SGIs */
    wr(GICD(VINTC_GICD_ISENABLER + 4), 0x00033FFF);   /* SPIs 32..45, 48, 49 */
    wr(GICD(VINTC_GICD_CTLR), VINTC_GICD_CTLR_ENABLE_GRP0);
}

static void cpu_init(void)
{
    wr(GICC(VINTC_GICC_PMR), 0xF0);
    wr(GICC(VINTC_GICC_BPR), 0);      /* no subpriority: every level preempts */
    wr(GICC(VINTC_GICC_CTLR), VINTC_GICC_CTLR_ENABLE_GRP0);
}

/* SPI 42: ask for a higher and a lower priority interrupt, then let the
 * higher one preempt this handler. ELR/SPSR are on the stack (start.S). */
static void preempt_handler(void)
{
    wr(DEV(DEV_PULSE), 43);
    wr(DEV(DEV_PULSE), 44);
    irq_enable();
    WAIT_UNTIL(0, seen[43] == 1);
    for (int i = 0; i < 4; i++)
        yield();
    GUEST_CHECK(0, seen[44] == 0);    /* 0xC0 does not preempt 0xA0 */
    irq_disable();
}

/* SPI 45, first time, EOImode 1: priority drop only, then the probes. */
static void eoimode_handler(uint32_t iar)
{
    wr(GICC(VINTC_GICC_EOIR), iar);
    wr(DEV(DEV_PULSE), 45);
    yield();
    yield();
    probe(rd(GICC(VINTC_GICC_IAR)));                              /* 1023 */
    probe(rd(GICC(VINTC_GICC_RPR)));                              /* 0xFF */
    probe((rd(GICD(VINTC_GICD_ISACTIVER + 4)) >> (45 - 32)) & 1); /* 1 */
    probe((rd(GICD(VINTC_GICD_ISPENDR + 4)) >> (45 - 32)) & 1);   /* 1 */
    wr(GICC(VINTC_GICC_DIR), iar);
}

void guest_irq(void)
{
    uint32_t iar = rd(GICC(VINTC_GICC_IAR));
    uint32_t id = iar & 0x3FF;
    if (id >= 1020) {
        probe(id);
        return;
    }
    depth++;
    record(0, iar, rd(GICC(VINTC_GICC_RPR)), depth);
    uint32_t n = id < 64 ? ++seen[id] : 0;
    int eoi_done = 0;
    if (id == 42) {
        preempt_handler();
    } else if (id == 45 && n == 1) {
        eoimode_handler(iar);
        eoi_done = 1;
    } else if (id == 48 || (id == 49 && n == 2)) {
        wr(DEV(DEV_ACK), id);
    }
    if (!eoi_done) {
        wr(GICC(VINTC_GICC_EOIR), iar);
        if (eoimode)
            wr(GICC(VINTC_GICC_DIR), iar);
    }
    depth--;
}

void guest_main(uint32_t cpu)
{
    (void)cpu;
    dist_init();
    cpu_init();
    irq_enable();

    static const uint32_t sgis[3] = { 1, 5, 9 };
    for (int i = 0; i < 3; i++) {
        wr(GICD(VINTC_GICD_SGIR), VINTC_GICD_SGIR_FILTER_SELF << VINTC_GICD_SGIR_FILTER_SHIFT | sgis[i]);
        WAIT_UNTIL(0, seen[sgis[i]] == 1);
    }

    wr(DEV(DEV_PULSE), 32);
    WAIT_UNTIL(0, seen[32] == 1);
    wr(DEV(DEV_PULSE), 33);
    WAIT_UNTIL(0, seen[33] == 1);

    irq_disable();
    for (uint32_t id = 34; id <= 41; id++)
        wr(DEV(DEV_PULSE), id);
    yield();
    yield();
    irq_enable();
    for (uint32_t id = 34; id <= 41; id++)
        WAIT_UNTIL(0, seen[id] == 1);

    wr(DEV(DEV_RAISE), 48);
    WAIT_UNTIL(0, seen[48] == 1);
    for (int i = 0; i < 4; i++)
        yield();
    GUEST_CHECK(0, seen[48] == 1);
    wr(DEV(DEV_RAISE), 49);
    WAIT_UNTIL(0, seen[49] == 2);
    for (int i = 0; i < 4; i++)
        yield();
    GUEST_CHECK(0, seen[49] == 2);

    wr(DEV(DEV_PULSE), 42);
    WAIT_UNTIL(0, seen[44] == 1);
    GUEST_CHECK(0, seen[42] == 1 && seen[43] == 1);

    eoimode = 1;
    wr(GICC(VINTC_GICC_CTLR), VINTC_GICC_CTLR_ENABLE_GRP0 | VINTC_GICC_CTLR_EOIMODE);
    wr(DEV(DEV_PULSE), 45);
    WAIT_UNTIL(0, seen[45] == 2);
    wr(GICC(VINTC_GICC_CTLR), VINTC_GICC_CTLR_ENABLE_GRP0);
    eoimode = 0;

    irq_disable();
    wr(DEV(DEV_DONE), result(0)->errors);
}
