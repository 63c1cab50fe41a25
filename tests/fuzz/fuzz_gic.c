/* SPDX-License-Identifier: MIT */
/* Fuzz target: the guest-facing GICv2 surface (distributor MMIO, the
 * software GICV) and the host API (injection, flush/sync, hardware mapping)
 * driven by one byte stream, with invariants checked after every step. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vintc/vintc.h>

#include "fuzz_target.h"

static const unsigned sizes[4] = { 1, 2, 4, 3 };

/* LRs handed out by a flush: no VirtualID twice, HW never pending+active. */
static void check_lrs(const struct gic_vif *vif, unsigned nr_lrs)
{
    for (unsigned i = 0; i < nr_lrs; i++) {
        uint32_t a = vif->lr[i];
        if (!(a & VINTC_GICH_LR_STATE_MASK))
            continue;
        fuzz_check(!((a & VINTC_GICH_LR_HW) && (a & VINTC_GICH_LR_STATE_MASK) ==
                                                   VINTC_GICH_LR_STATE_MASK),
                   "HW LR pending+active");
        for (unsigned j = i + 1; j < nr_lrs; j++)
            fuzz_check(!((vif->lr[j] & VINTC_GICH_LR_STATE_MASK) &&
                         (vif->lr[j] & VINTC_GICH_LR_VIRTUALID_MASK) ==
                             (a & VINTC_GICH_LR_VIRTUALID_MASK)),
                       "same VirtualID in two LRs");
    }
}

/* The virtual lines: at most one of IRQ and FIQ, none while GICH_HCR.En is
 * clear (gic_vif_irq_line, gic_vif_fiq_line). */
static void check_lines(const struct gic_vif *vif, unsigned nr_lrs)
{
    bool irq = gic_vif_irq_line(vif, nr_lrs);
    bool fiq = gic_vif_fiq_line(vif, nr_lrs);
    fuzz_check(!(irq && fiq), "virtual IRQ and FIQ both asserted");
    fuzz_check(!((irq || fiq) && !(vif->hcr & VINTC_GICH_HCR_EN)),
               "virtual line asserted with HCR.En clear");
    (void)gic_vif_maintenance(vif, nr_lrs);
}

int vintc_fuzz_one(const uint8_t *data, size_t size)
{
    struct fuzz_cursor c = { data, size };
    struct gic_config cfg = {
        .nr_cpus = 1 + (uint32_t)fuzz_take(&c, 1) % 8,
        .nr_irqs = 32 * (1 + (uint32_t)fuzz_take(&c, 1) % 32),
        .nr_lrs = 1 + (uint32_t)fuzz_take(&c, 1) % 8,
        .priority_bits = 4 + (uint32_t)fuzz_take(&c, 1) % 5,
    };
    struct gic *gic;
    fuzz_check(gic_create(&cfg, NULL, NULL, &gic) == 0, "create");
    struct gic_vif vif[VINTC_GIC_MAX_CPUS];
    bool out[VINTC_GIC_MAX_CPUS] = { false };
    for (unsigned i = 0; i < VINTC_GIC_MAX_CPUS; i++)
        gic_vif_init(&vif[i]);

    for (unsigned steps = 0; c.n && steps < 4096; steps++) {
        unsigned op = (uint32_t)fuzz_take(&c, 1);
        unsigned cpu = (uint32_t)fuzz_take(&c, 1) %
                       9; /* 8 = out of range for 8 CPUs */
        unsigned vcpu = cpu % cfg.nr_cpus;
        uint32_t off = (uint32_t)fuzz_take(&c, 2), val;
        unsigned sz = sizes[off >> 14];
        switch (op % 10) {
        case 0:
            gic_dist_mmio_read(gic, cpu, off & 0x1FFF, sz, &val);
            break;
        case 1:
            gic_dist_mmio_write(gic, cpu, off & 0x1FFF, sz,
                                (uint32_t)fuzz_take(&c, 4));
            break;
        case 2:
            gic_set_irq(gic, cpu, off & 0x7FF, (uint32_t)fuzz_take(&c, 1) & 1);
            break;
        case 3:
            fuzz_check(gic_lr_flush(gic, vcpu, &vif[vcpu]) >= 0, "flush");
            check_lrs(&vif[vcpu], cfg.nr_lrs);
            check_lines(&vif[vcpu], cfg.nr_lrs);
            out[vcpu] = true;
            break;
        case 4:
            gic_vif_mmio_read(&vif[vcpu], cfg.nr_lrs, off & 0x3FFF, sz, &val);
            check_lines(&vif[vcpu], cfg.nr_lrs);
            break;
        case 5:
            gic_vif_mmio_write(&vif[vcpu], cfg.nr_lrs, off & 0x3FFF, sz,
                               (uint32_t)fuzz_take(&c, 4));
            check_lines(&vif[vcpu], cfg.nr_lrs);
            break;
        case 6:
            if (op & 0x80) /* a host handing back garbage LRs */
                vif[vcpu].lr[(uint32_t)fuzz_take(&c, 1) % VINTC_GIC_MAX_LRS] =
                    (uint32_t)fuzz_take(&c, 4);
            fuzz_check(gic_lr_sync(gic, vcpu, &vif[vcpu]) >= 0, "sync");
            fuzz_check(!(vif[vcpu].hcr & VINTC_GICH_HCR_EOICOUNT_MASK),
                       "EOICount cleared");
            fuzz_check(vif[vcpu].dir_count == 0, "DIR record cleared");
            out[vcpu] = false;
            break;
        case 7:
            if (op & 0x80)
                gic_unmap_hw_irq(gic, cpu, off & 0x7FF);
            else
                gic_map_hw_irq(gic, cpu, off & 0x7FF,
                               (uint32_t)fuzz_take(&c, 2) & 0x7FF);
            break;
        case 8:
            if (op & 0x80) { /* a VMM reporting a trapped GICV_DIR */
                int r = gic_lr_deactivate(gic, cpu, (uint32_t)fuzz_take(&c, 4));
                fuzz_check(r == 0 || r == 1 || r == -EBUSY ||
                               (r == -EINVAL && cpu >= cfg.nr_cpus),
                           "deactivate");
            } else {
                (void)gic_cpu_pending(gic, cpu);
            }
            break;
        default:
            if (op & 0x80) {
                gic_reset(gic);
                memset(out, 0, sizeof(out));
            }
            break;
        }
    }
    /* Drain: every vCPU syncs, then no interrupt is held by any LR. */
    for (unsigned i = 0; i < cfg.nr_cpus; i++)
        fuzz_check(gic_lr_sync(gic, i, &vif[i]) >= 0, "final sync");
    FILE *null = fopen("/dev/null", "w");
    if (null) {
        fuzz_check(gic_dump(gic, null) >= 0, "dump");
        fclose(null);
    }
    struct gic_stats st;
    fuzz_check(gic_get_stats(gic, VINTC_GIC_STATS_ALL, &st) == 0, "stats");
    fuzz_check(st.mmio_razwi <= st.mmio_reads + st.mmio_writes,
               "razwi counted within accesses");
    (void)out;
    gic_destroy(gic);
    return 0;
}
