/* SPDX-License-Identifier: MIT */
/* SMP GICv2 guest: the same program on every vCPU (2 to 4), telling them
 * apart by the test device's DEV_CPU register. Every wait is a WFI loop
 * that an interrupt ends, never a poll of memory another CPU writes, so the
 * host may block a vCPU in WFI until vintc kicks it.
 *
 *   start:  CPU 0 sets up the distributor, then wakes the others with
 *           SGI 0 (TargetListFilter "all but self", IHI 0048B 4.3.15).
 *   ring:   DEV_ITER rounds of SGI 1 passed from CPU n to CPU n + 1; each
 *           receiver checks the source CPU ID in GICC_IAR[12:10].
 *   SPI:    DEV_ITER times, CPU 0 points SPI 40 at several CPUs
 *           (GICD_ITARGETSR, spi_mask()) and has the device pulse it;
 *           exactly one CPU takes each pulse (IHI 0048B 3.1, 1-N model;
 *           vintc's LR backend queues it on the lowest-numbered target, see
 *           docs) and, if that is not CPU 0, tells CPU 0 with SGI 2. Every
 *           other round the SPI is pulsed while its target list is empty
 *           (pending, forwarded nowhere) and only then retargeted, which
 *           must move its pending state (4.3.12).
 *   finish: SGI 3 from CPU 0; every CPU reports to DEV_DONE. */
#include "guest.h"

#define GICD(off) ((uint64_t)GICD_BASE + (off))
#define GICC(off) ((uint64_t)GICC_BASE + (off))
#define DEV(off) ((uint64_t)DEV_BASE + (off))

#define MAX_CPUS 8
#define SPI_MULTI 40u

/* Each element is written by its own CPU only: guest-level atomics are not
 * atomic across Unicorn engines. */
static volatile uint32_t started[MAX_CPUS], ring_seen[MAX_CPUS], finished[MAX_CPUS];
static volatile uint32_t spi_taken[MAX_CPUS], sgi2_seen;
static uint32_t nr_cpus_g;

static uint32_t this_cpu(void)
{
    return rd(DEV(DEV_CPU));
}

static void send_sgi(uint32_t filter, uint32_t targets, uint32_t sgi)
{
    wr(GICD(VINTC_GICD_SGIR), filter << VINTC_GICD_SGIR_FILTER_SHIFT |
                                  targets << VINTC_GICD_SGIR_TARGETS_SHIFT | sgi);
}

void guest_irq(void)
{
    uint32_t cpu = this_cpu();
    uint32_t iar = rd(GICC(VINTC_GICC_IAR));
    uint32_t id = iar & 0x3FF, src = (iar >> VINTC_GIC_IAR_CPUID_SHIFT) & 7;
    if (id >= 1020)
        return;
    record(cpu, iar, rd(GICC(VINTC_GICC_RPR)), 1);
    switch (id) {
    case 0:
        GUEST_CHECK(cpu, src == 0);
        started[cpu] = 1;
        break;
    case 1:
        GUEST_CHECK(cpu, src == (cpu + nr_cpus_g - 1) % nr_cpus_g);
        ring_seen[cpu]++;
        break;
    case 2:
        GUEST_CHECK(cpu, cpu == 0 && src != 0);
        sgi2_seen++;
        break;
    case 3:
        finished[cpu] = 1;
        break;
    case SPI_MULTI:
        spi_taken[cpu]++;
        if (cpu != 0)
            send_sgi(VINTC_GICD_SGIR_FILTER_LIST, 1, 2);
        break;
    default:
        GUEST_CHECK(cpu, 0);
    }
    wr(GICC(VINTC_GICC_EOIR), iar);
}

static void dist_init(void)
{
    wr(GICD(VINTC_GICD_CTLR), 0);
    wr(GICD(VINTC_GICD_IPRIORITYR + SPI_MULTI), 0xA0);
    wr(GICD(VINTC_GICD_ITARGETSR + SPI_MULTI), 0xFFu >> (8 - nr_cpus_g));
    wr(GICD(VINTC_GICD_ICFGR + SPI_MULTI / 16 * 4), VINTC_GICD_ICFGR_EDGE << (SPI_MULTI % 16 * 2));
    wr(GICD(VINTC_GICD_ISENABLER + SPI_MULTI / 32 * 4), 1u << (SPI_MULTI % 32));
    wr(GICD(VINTC_GICD_CTLR), VINTC_GICD_CTLR_ENABLE_GRP0);
}

/* The banked part: this CPU's SGIs 0..3 at priority 0x80, and its CPU
 * interface. */
static void cpu_init(void)
{
    wr(GICD(VINTC_GICD_IPRIORITYR), 0x80808080);
    wr(GICD(VINTC_GICD_ISENABLER), 0xF);
    wr(GICC(VINTC_GICC_PMR), 0xF0);
    wr(GICC(VINTC_GICC_CTLR), VINTC_GICC_CTLR_ENABLE_GRP0);
}

/* Round k's target list: the low nr_cpus bits of a rotating pattern. */
static uint32_t spi_mask(uint32_t k, uint32_t nr_cpus)
{
    static const uint8_t masks[8] = { 0x0F, 0x0E, 0x0C, 0x06, 0x0A, 0x03, 0x05, 0x09 };
    uint32_t all = 0xFFu >> (8 - nr_cpus);
    uint32_t m = masks[k % 8] & all;
    return m ? m : all;
}

static uint32_t spi_total(void)
{
    uint32_t n = 0;
    for (uint32_t c = 0; c < nr_cpus_g; c++)
        n += spi_taken[c];
    return n;
}

void guest_main(uint32_t cpu)
{
    nr_cpus_g = ((rd(GICD(VINTC_GICD_TYPER)) >> 5) & 7) + 1;
    uint32_t iters = rd(DEV(DEV_ITER));
    uint32_t next = (cpu + 1) % nr_cpus_g;
    cpu_init();
    irq_enable();
    if (cpu == 0) {
        dist_init();
        send_sgi(VINTC_GICD_SGIR_FILTER_OTHERS, 0, 0);
        for (uint32_t r = 0; r < iters; r++) {
            send_sgi(VINTC_GICD_SGIR_FILTER_LIST, 1u << next, 1);
            WAIT_UNTIL(cpu, ring_seen[cpu] == r + 1);
        }
        for (uint32_t k = 1; k <= iters; k++) {
            uint32_t mask = spi_mask(k, nr_cpus_g);
            if (k % 2) {
                wr(GICD(VINTC_GICD_ITARGETSR + SPI_MULTI), mask);
                wr(DEV(DEV_PULSE), SPI_MULTI);
            } else {
                wr(GICD(VINTC_GICD_ITARGETSR + SPI_MULTI), 0);
                wr(DEV(DEV_PULSE), SPI_MULTI);
                /* Run past a few slice ends (a WFI here would wait for
                 * good: nothing can wake this CPU). */
                for (volatile uint32_t d = 0; d < 4000; d++)
                    ;
                GUEST_CHECK(cpu, spi_total() == k - 1);
                wr(GICD(VINTC_GICD_ITARGETSR + SPI_MULTI), mask);
            }
            /* Each remote take's SGI 2 is in before the next pulse: two
             * SGI 2 from the same CPU pending at once would be one
             * (IHI 0048B 4.3.15: per source, not counted). */
            WAIT_UNTIL(cpu, spi_taken[0] + sgi2_seen >= k);
            GUEST_CHECK(cpu, spi_total() == k);
        }
        GUEST_CHECK(cpu, sgi2_seen == spi_total() - spi_taken[0]);
        send_sgi(VINTC_GICD_SGIR_FILTER_OTHERS, 0, 3);
    } else {
        WAIT_UNTIL(cpu, started[cpu]);
        for (uint32_t r = 0; r < iters; r++) {
            WAIT_UNTIL(cpu, ring_seen[cpu] == r + 1);
            send_sgi(VINTC_GICD_SGIR_FILTER_LIST, 1u << next, 1);
        }
        WAIT_UNTIL(cpu, finished[cpu]);
    }
    irq_disable();
    wr(DEV(DEV_DONE), result(cpu)->errors);
}
