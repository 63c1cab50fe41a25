/* SPDX-License-Identifier: MIT */
/* Guest of tests/bench/bench_guest.c: SPI 33 (edge) enabled, then WFI for
 * good; the handler acknowledges, counts in its result table and ends the
 * interrupt, as a minimal driver does. */
#include "guest.h"

#define GICD(off) ((uint64_t)GICD_BASE + (off))
#define GICC(off) ((uint64_t)GICC_BASE + (off))

void guest_irq(void)
{
    uint32_t iar = rd(GICC(VINTC_GICC_IAR));
    if ((iar & 0x3FF) < 1020)
        result(0)->count++;
    wr(GICC(VINTC_GICC_EOIR), iar);
}

void guest_main(uint32_t cpu)
{
    (void)cpu;
    wr(GICD(VINTC_GICD_IPRIORITYR + 32), 0xA0A0A0A0);
    wr(GICD(VINTC_GICD_ITARGETSR + 32), 0x01010101);
    wr(GICD(VINTC_GICD_ICFGR + 8), VINTC_GICD_ICFGR_EDGE << 2);
    wr(GICD(VINTC_GICD_ISENABLER + 4), 1u << 1);
    wr(GICD(VINTC_GICD_CTLR), VINTC_GICD_CTLR_ENABLE_GRP0);
    wr(GICC(VINTC_GICC_PMR), 0xF0);
    wr(GICC(VINTC_GICC_CTLR), VINTC_GICC_CTLR_ENABLE_GRP0);
    irq_enable();
    for (;;)
        yield();
}
