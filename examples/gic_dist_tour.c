/* SPDX-License-Identifier: MIT */
/* A tour of the GICv2 distributor: a 2-CPU, 96-interrupt GIC programmed the
 * way a Linux guest does at boot, then a few device interrupts (an edge SPI,
 * a level SPI, a PPI and an SGI), with the kicks each one causes, the
 * distributor state, and one vCPU taking its interrupts through its list
 * registers. Exits 0 only if everything matches the architecture. */
#include <stdio.h>
#include <stdlib.h>

#include <vintc/gicv2.h>

static struct gic *gic;
static unsigned kicks[2];
static int failures;

static void expect(int ok, const char *what)
{
    if (!ok) {
        printf("  UNEXPECTED: %s\n", what);
        failures++;
    }
}
#define EXPECT(cond) expect((cond), #cond)

static uint32_t rd(unsigned cpu, uint32_t off)
{
    uint32_t v = 0;
    EXPECT(gic_dist_mmio_read(gic, cpu, off, 4, &v) == 0);
    return v;
}

static void wr(unsigned cpu, uint32_t off, uint32_t val)
{
    EXPECT(gic_dist_mmio_write(gic, cpu, off, 4, val) == 0);
}

static void on_kick(void *opaque, unsigned cpu)
{
    (void)opaque;
    printf("  -> kick vCPU %u\n", cpu);
    if (cpu < 2)
        kicks[cpu]++;
}

/* Linux's gic_configure_irq: write the edge bit, read it back. */
static void configure(unsigned cpu, unsigned irq, int edge)
{
    uint32_t off = VINTC_GICD_ICFGR + irq / 16 * 4, bit = 2u << (irq % 16 * 2);
    uint32_t v = rd(cpu, off);
    v = edge ? v | bit : v & ~bit;
    wr(cpu, off, v);
    EXPECT(rd(cpu, off) == v);
}

int main(void)
{
    struct gic_config cfg = {
        .nr_cpus = 2, .nr_irqs = 96, .nr_lrs = 4, .backend = GIC_BACKEND_LR
    };
    struct vintc_host_ops ops = { .kick = on_kick };
    if (gic_create(&cfg, &ops, NULL, &gic) != 0)
        return 1;

    /* Distributor init on the boot CPU (irq-gic.c gic_dist_init). */
    uint32_t typer = rd(0, VINTC_GICD_TYPER);
    unsigned nr_irqs = 32 * ((typer & 0x1F) + 1),
             nr_cpus = ((typer >> 5) & 7) + 1;
    printf("GICD_TYPER 0x%08x: %u interrupt IDs, %u CPU interfaces\n", typer,
           nr_irqs, nr_cpus);
    EXPECT(nr_irqs == 96 && nr_cpus == 2);
    wr(0, VINTC_GICD_CTLR, 0);
    for (unsigned i = 32; i < nr_irqs; i += 16)
        wr(0, VINTC_GICD_ICFGR + i / 4, 0); /* all level */
    for (unsigned i = 32; i < nr_irqs; i += 4) {
        wr(0, VINTC_GICD_ITARGETSR + i, 0x01010101u); /* boot CPU */
        wr(0, VINTC_GICD_IPRIORITYR + i, 0xA0A0A0A0u);
    }
    for (unsigned i = 32; i < nr_irqs; i += 32) {
        wr(0, VINTC_GICD_ICACTIVER + i / 8, 0xFFFFFFFFu);
        wr(0, VINTC_GICD_ICENABLER + i / 8, 0xFFFFFFFFu);
    }

    /* Per-CPU init, and the CPU interface number from ITARGETSR0..7. */
    for (unsigned cpu = 0; cpu < 2; cpu++) {
        wr(cpu, VINTC_GICD_ICACTIVER, 0xFFFFFFFFu);
        wr(cpu, VINTC_GICD_ICENABLER, 0xFFFF0000u);
        wr(cpu, VINTC_GICD_ISENABLER, 0x0000FFFFu);
        for (unsigned i = 0; i < 32; i += 4)
            wr(cpu, VINTC_GICD_IPRIORITYR + i, 0xA0A0A0A0u);
        uint32_t mask = 0;
        for (unsigned i = 0; i < 32; i += 4)
            mask |= rd(cpu, VINTC_GICD_ITARGETSR + i);
        mask = (mask | mask >> 8 | mask >> 16 | mask >> 24) & 0xFF;
        printf("CPU %u: ITARGETSR probe says CPU interface mask 0x%02x\n", cpu,
               mask);
        EXPECT(mask == 1u << cpu);
    }
    wr(0, VINTC_GICD_CTLR, 1); /* EnableGrp0 */

    /* Drivers: SPI 40 edge on CPU 0, SPI 41 level on CPU 1, the timer PPI
     * 27 on CPU 1. PPIs are level: writing that back reads back the same. */
    configure(0, 40, 1);
    configure(0, 41, 0);
    configure(1, 27, 0);
    EXPECT(rd(0, VINTC_GICD_ICFGR) == 0xAAAAAAAAu); /* SGIs: edge, RO */
    uint8_t to_cpu1 = 0x02;
    EXPECT(gic_dist_mmio_write(gic, 0, VINTC_GICD_ITARGETSR + 41, 1, to_cpu1) ==
           0);
    wr(0, VINTC_GICD_ISENABLER + 4, 1u << (40 - 32) | 1u << (41 - 32));
    wr(1, VINTC_GICD_ISENABLER, 1u << 27);

    printf("\nedge SPI 40 fires (target CPU 0):\n");
    gic_set_irq(gic, 0, 40, true);
    gic_set_irq(gic, 0, 40, false);
    printf("level SPI 41 asserted (target CPU 1):\n");
    gic_set_irq(gic, 0, 41, true);
    printf("timer PPI 27 of CPU 1 asserted:\n");
    gic_set_irq(gic, 1, 27, true);
    printf("CPU 0 writes GICD_SGIR: SGI 1 to CPU 1:\n");
    wr(0, VINTC_GICD_SGIR, 0x00020001u);
    EXPECT(kicks[0] == 1 && kicks[1] == 3);
    EXPECT(gic_cpu_pending(gic, 0) && gic_cpu_pending(gic, 1));
    EXPECT(rd(0, VINTC_GICD_ISPENDR + 4) == (1u << 8 | 1u << 9));
    EXPECT(rd(1, VINTC_GICD_ISPENDR) == (1u << 27 | 1u << 1));

    printf("\ndistributor state:\n");
    EXPECT(gic_dump(gic, stdout) == 4); /* SPIs 40, 41, PPI 27, SGI 1 */

    /* vCPU 1 enters the guest with its interrupts in its list registers,
     * takes them all, and its handlers quiet the level devices. */
    struct gic_vif vif = { .vmcr = VINTC_GICH_VMCR_RESET };
    int n = gic_lr_flush(gic, 1, &vif);
    printf("\nvCPU 1 list registers (%d used):\n", n);
    EXPECT(n == 3);
    for (int i = 0; i < n; i++) {
        unsigned id = vif.lr[i] & VINTC_GICH_LR_VIRTUALID_MASK;
        printf("  LR%d = 0x%08x  ID %u, state %u\n", i, vif.lr[i], id,
               (vif.lr[i] & VINTC_GICH_LR_STATE_MASK) >> 28);
        EXPECT((vif.lr[i] & VINTC_GICH_LR_STATE_MASK) ==
               VINTC_GICH_LR_STATE_PENDING);
        vif.lr[i] &= ~VINTC_GICH_LR_STATE_MASK; /* acked and EOIed */
    }
    gic_set_irq(gic, 0, 41, false);
    gic_set_irq(gic, 1, 27, false);
    EXPECT(gic_lr_sync(gic, 1, &vif) == n);
    EXPECT(!gic_cpu_pending(gic, 1));
    EXPECT(gic_cpu_pending(gic, 0)); /* SPI 40 waits */

    gic_destroy(gic);
    printf("\n%s\n",
           failures ? "FAILED" : "everything as the architecture says");
    return failures ? 1 : 0;
}
