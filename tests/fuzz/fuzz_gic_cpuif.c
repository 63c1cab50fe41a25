/* SPDX-License-Identifier: MIT */
/* Fuzz target: the GICv2 CPU-interface backend. Distributor and GICC MMIO
 * from any CPU (in range or not, any width and offset), injection, guest-like
 * acknowledge/EOI/DIR sequences, gic_cpu_pending and reset, driven by one
 * byte stream. After every step: each CPU's reported lines equal what its
 * interface signals (single thread: no report is in flight), IRQ and FIQ are
 * never high together, set_irq_line never repeats a level, IAR values are
 * an existing ID or 1022/1023, RPR is idle or a preemption level. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vintc/vintc.h>

#include "fuzz_target.h"

static const unsigned sizes[4] = { 1, 2, 4, 3 };

struct lines {
    unsigned level[VINTC_GIC_MAX_CPUS][2];
};

static void set_irq_line(void *opaque, unsigned cpu, unsigned line, bool level)
{
    struct lines *l = opaque;
    fuzz_check(cpu < VINTC_GIC_MAX_CPUS && line < 2, "line callback arguments");
    fuzz_check(l->level[cpu][line] != (unsigned)level,
               "line reported without a change");
    l->level[cpu][line] = level;
}

static void check_iar(uint32_t iar, const struct gic_config *cfg)
{
    uint32_t id = iar & 0x3FFu;
    if (id == VINTC_GIC_SPURIOUS_ID || id == VINTC_GIC_GROUP1_HIDDEN_ID) {
        fuzz_check(iar == id, "special ID with other bits");
        return;
    }
    fuzz_check(id < cfg->nr_irqs && (iar >> 13) == 0,
               "IAR names an existing interrupt");
    fuzz_check(id < 16 || (iar >> 10) == 0, "CPUID only for SGIs");
}

int vintc_fuzz_one(const uint8_t *data, size_t size)
{
    struct fuzz_cursor c = { data, size };
    struct gic_config cfg = {
        .nr_cpus = 1 + (uint32_t)fuzz_take(&c, 1) % 8,
        .nr_irqs = 32 * (1 + (uint32_t)fuzz_take(&c, 1) % 32),
        .backend = GIC_BACKEND_CPUIF,
        .priority_bits = 4 + (uint32_t)fuzz_take(&c, 1) % 5,
    };
    unsigned n = cfg.priority_bits < 7 ? cfg.priority_bits : 7;
    unsigned shift = 8 - n;
    struct lines l;
    memset(&l, 0, sizeof(l));
    struct vintc_host_ops ops;
    memset(&ops, 0, sizeof(ops));
    ops.set_irq_line = set_irq_line;
    struct gic *gic;
    fuzz_check(gic_create(&cfg, &ops, &l, &gic) == 0, "create");

    for (unsigned steps = 0; c.n && steps < 4096; steps++) {
        unsigned op = (uint32_t)fuzz_take(&c, 1);
        unsigned cpu = (uint32_t)fuzz_take(&c, 1) % 9; /* 8 = out of range */
        unsigned vcpu = cpu % cfg.nr_cpus;
        uint32_t off = (uint32_t)fuzz_take(&c, 2), val = 0;
        unsigned sz = sizes[off >> 14];
        int r;
        switch (op % 9) {
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
            r = gic_cpuif_mmio_read(gic, cpu, off & 0x3FFF, sz, &val);
            fuzz_check(r == 0 || r == -EINVAL, "GICC read result");
            break;
        case 4:
            r = gic_cpuif_mmio_write(gic, cpu, off & 0x3FFF, sz,
                                     (uint32_t)fuzz_take(&c, 4));
            fuzz_check(r == 0 || r == -EINVAL, "GICC write result");
            break;
        case 5: { /* a guest handler: IAR or AIAR, then EOI/DIR */
            uint32_t iar_off = (op & 0x80) ? VINTC_GICC_AIAR : VINTC_GICC_IAR;
            fuzz_check(gic_cpuif_mmio_read(gic, vcpu, iar_off, 4, &val) == 0,
                       "IAR");
            check_iar(val, &cfg);
            if (op & 0x40)
                gic_cpuif_mmio_write(
                    gic, vcpu, (op & 0x80) ? VINTC_GICC_AEOIR : VINTC_GICC_EOIR,
                    4, val);
            if (op & 0x20)
                gic_cpuif_mmio_write(gic, vcpu, VINTC_GICC_DIR, 4, val);
            break;
        }
        case 6: { /* enable everything on one CPU interface */
            gic_cpuif_mmio_write(gic, vcpu, VINTC_GICC_CTLR, 4,
                                 (uint32_t)fuzz_take(&c, 2));
            gic_cpuif_mmio_write(gic, vcpu, VINTC_GICC_PMR, 4, 0xFF);
            gic_dist_mmio_write(gic, vcpu, VINTC_GICD_CTLR, 4, 3);
            break;
        }
        case 7:
            (void)gic_cpu_pending(gic, cpu);
            break;
        default:
            if (op & 0x80) {
                gic_reset(gic);
                for (unsigned i = 0; i < cfg.nr_cpus; i++)
                    fuzz_check(!l.level[i][0] && !l.level[i][1],
                               "reset drops every line");
            }
            break;
        }
        for (unsigned i = 0; i < cfg.nr_cpus; i++) {
            bool pend = gic_cpu_pending(gic, i);
            fuzz_check(pend == (l.level[i][0] || l.level[i][1]),
                       "reported lines are current");
            fuzz_check(!(l.level[i][0] && l.level[i][1]),
                       "IRQ and FIQ together");
        }
        uint32_t rpr = 0;
        fuzz_check(gic_cpuif_mmio_read(gic, vcpu, VINTC_GICC_RPR, 4, &rpr) == 0,
                   "RPR");
        fuzz_check(rpr == 0xFF ||
                       (rpr < 0xFF && (rpr & ((1u << shift) - 1)) == 0),
                   "RPR is idle or a preemption level");
    }
    FILE *null = fopen("/dev/null", "w");
    if (null) {
        fuzz_check(gic_dump(gic, null) >= 0, "dump");
        fclose(null);
    }
    struct gic_stats st;
    fuzz_check(gic_get_stats(gic, VINTC_GIC_STATS_ALL, &st) == 0, "stats");
    fuzz_check(st.cpuif_razwi <= st.cpuif_reads + st.cpuif_writes,
               "razwi within accesses");
    gic_reset(gic);
    for (unsigned i = 0; i < cfg.nr_cpus; i++)
        fuzz_check(!l.level[i][0] && !l.level[i][1],
                   "final reset drops every line");
    gic_destroy(gic);
    return 0;
}
