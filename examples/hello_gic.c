/* SPDX-License-Identifier: MIT */
/* Hello GIC: a device raises SPI 40, vCPU 0's guest takes it. */
#include <stdio.h>

#include <vintc/vintc.h>

static void kick(void *opaque, unsigned cpu)
{
    (void)opaque;
    printf("kick: vCPU %u has an interrupt to take\n", cpu);
}

int main(void)
{
    struct gic_config cfg = { .nr_cpus = 1, .nr_irqs = 64, .nr_lrs = 4 };
    struct vintc_host_ops ops = { .kick = kick };
    struct gic *gic;
    if (gic_create(&cfg, &ops, NULL, &gic) != 0)
        return 1;

    /* The guest programs the distributor (MMIO exits in the GICD frame):
     * Group 0 on, SPI 40 edge-triggered, enabled, targeted at CPU 0. */
    gic_dist_mmio_write(gic, 0, VINTC_GICD_CTLR, 4,
                        VINTC_GICD_CTLR_ENABLE_GRP0);
    gic_dist_mmio_write(gic, 0, VINTC_GICD_ICFGR + 40 / 16 * 4, 4,
                        VINTC_GICD_ICFGR_EDGE << (40 % 16 * 2));
    gic_dist_mmio_write(gic, 0, VINTC_GICD_ISENABLER + 40 / 32 * 4, 4,
                        1u << (40 % 32));
    gic_dist_mmio_write(gic, 0, VINTC_GICD_ITARGETSR + 40, 1, 1u << 0);

    /* The device: an edge is a low-to-high transition of the line. */
    gic_set_irq(gic, 0, 40, true);
    gic_set_irq(gic, 0, 40, false);

    /* vCPU 0 enters the guest with the interrupt in a list register; the
     * guest's virtual CPU interface (here the software GICV) takes it. */
    struct gic_vif vif;
    uint32_t iar = 0;
    gic_vif_init(&vif);
    gic_vif_mmio_write(&vif, cfg.nr_lrs, VINTC_GICV_CTLR, 4,
                       VINTC_GICC_CTLR_ENABLE_GRP0);
    gic_vif_mmio_write(&vif, cfg.nr_lrs, VINTC_GICV_PMR, 4, 0xF8);
    gic_lr_flush(gic, 0, &vif);
    gic_vif_mmio_read(&vif, cfg.nr_lrs, VINTC_GICV_IAR, 4, &iar);
    gic_vif_mmio_write(&vif, cfg.nr_lrs, VINTC_GICV_EOIR, 4, iar);
    gic_lr_sync(gic, 0, &vif);

    printf("guest acknowledged interrupt %u; still pending: %s\n",
           (unsigned)iar, gic_cpu_pending(gic, 0) ? "yes" : "no");
    gic_destroy(gic);
    return iar == 40 ? 0 : 1;
}
