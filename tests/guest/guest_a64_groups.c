/* SPDX-License-Identifier: MIT */
/* One AArch64 vCPU running aarch64/gic_groups.c against the CPU-interface
 * backend, or with argument "lr" against the LR backend with 4 list
 * registers and the software GICV: Group 0 as FIQ and Group 1 as IRQ,
 * AckCtl 0 and 1, the aliased registers, preemption across the groups and
 * the CBPR binary points. The GICV's CTLR, priority rules and aliased
 * registers are the GICC's (IHI 0048B 5.3), so the table is the same on
 * both. The host is the vCPU loop (IRQ/FIQ entry from the set_irq_line
 * levels, or from gic_vif_fiq_line()/gic_vif_irq_line() between
 * gic_lr_flush() and gic_lr_sync(); a slice of guest instructions) and the
 * test device, which pulses the edge SPIs the guest asks for between
 * slices. The guest's table must be
 * exactly the sequence below, which follows from the architecture (each
 * entry names its rule), every injected interrupt must be taken once, as
 * many exceptions of each kind entered as the table says, and the GIC left
 * idle. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aarch64/layout.h"
#include "aarch64/gic_groups.bin.h"
#include "host/a64_vcpu.h"

#define SLICE      2000u
#define MAX_SLICES 200000u

struct device {
    unsigned queue[64]; /* SPIs to pulse after the slice */
    unsigned queued;
    unsigned injected[64]; /* edges per SPI, SGIs sent per SGI */
    bool done;
    uint32_t guest_errors;
    unsigned bad_requests;
    struct gic *gic;
    struct a64_vcpu *vcpu;
};

static void dev_write(void *opaque, unsigned cpu, uint32_t off, uint32_t val)
{
    (void)cpu;
    struct device *d = opaque;
    if (off == DEV_PULSE && val >= 32 && val < 64 && d->queued < 64) {
        d->queue[d->queued++] = val;
    } else if (off == DEV_DONE) {
        d->done = true;
        d->guest_errors = val;
    } else {
        d->bad_requests++;
    }
}

static void dev_inject(void *opaque)
{
    struct device *d = opaque;
    for (unsigned i = 0; i < d->queued; i++) {
        d->injected[d->queue[i]]++;
        gic_set_irq(d->gic, 0, d->queue[i], true);
        gic_set_irq(d->gic, 0, d->queue[i], false);
    }
    d->queued = 0;
}

static void on_set_irq_line(void *opaque, unsigned cpu, unsigned line,
                            bool level)
{
    struct device *d = opaque;
    if (cpu == 0)
        a64_vcpu_set_line(d->vcpu, line, level);
}

static void on_trace(void *opaque, const struct vintc_trace_event *ev)
{
    struct device *d = opaque;
    if (ev->kind == VINTC_TRACE_GIC_DIST_WRITE && ev->irq == VINTC_GICD_SGIR)
        d->injected[ev->values[0] & 0xF]++;
}

#define FIQ         ENTRY_FIQ
#define P(v)        (ENTRY_PROBE | (v))
#define GRP1_HIDDEN 1022u
#define SPURIOUS    1023u

/* The sequence IHI 0048B dictates. Priorities have 5 bits; BPR 2 and ABPR 3
 * make a group priority the whole priority until phase 5. The running
 * priority (rpr) is the group priority of the highest-priority active
 * interrupt (Glossary "Running priority", 4.4.6 GICC_RPR). The rules the
 * comments name:
 * - FIQEn (4.4.1 GICC_CTLR.FIQEn): Group 0 is signalled as FIQ, Group 1
 *   always as IRQ;
 * - AckCtl0 (4.4.1 GICC_CTLR.AckCtl, 4.4.4 GICC_IAR): with AckCtl = 0 a
 *   read of IAR or HPPIR whose highest-priority pending interrupt is
 *   Group 1 returns 1022, and IAR does not acknowledge it;
 * - Alias (4.4.9 GICC_AIAR, 4.4.11 GICC_AHPPIR): the Non-secure view of
 *   IAR / HPPIR, the Group 1 winner's ID, 1023 for a Group 0 winner. */
struct expect {
    uint32_t iar, rpr, depth;
};
static const struct expect expected[] = {
    /* 1. Routing, AckCtl = 0. */
    { FIQ | 1, 0x40, 1 },     /* FIQEn: SGI 1 is Group 0 */
    { P(GRP1_HIDDEN), 0, 1 }, /* AckCtl0: IAR, SGI 2 is Group 1 */
    { P(2), 0, 1 },           /* Alias: AHPPIR */
    { 2, 0x60, 1 },           /* FIQEn: IRQ; AIAR acknowledges it */
    { FIQ | 32, 0x50, 1 },    /* FIQEn: SPI 32 is Group 0 */
    { P(GRP1_HIDDEN), 0, 1 }, /* AckCtl0 */
    { P(33), 0, 1 },          /* Alias */
    { 33, 0x70, 1 },          /* FIQEn: IRQ */
    /* 2. Interrupts masked: 36 (Group 1, 0x90) pending alone. */
    { P(GRP1_HIDDEN), 0, 0 }, /* AckCtl0: HPPIR */
    { P(36), 0, 0 },          /* Alias: AHPPIR */
    { P(GRP1_HIDDEN), 0, 0 }, /* AckCtl0: IAR */
    { P(1), 0, 0 },           /* AckCtl0: the IAR read left 36 pending */
    { P(0xFF), 0, 0 },        /* and acknowledged nothing: RPR idle */
    /* 37 (Group 0, 0x88) pending above it. */
    { P(37), 0, 0 },       /* HPPIR: the Group 0 winner */
    { P(SPURIOUS), 0, 0 }, /* Alias: AHPPIR, Group 0 winner */
    { P(SPURIOUS), 0, 0 }, /* Alias: AIAR, Group 0 winner: no ack */
    { P(3), 0, 0 },        /* both still pending */
    /* Unmasked: only the highest-priority interrupt is signalled (3.3),
     * 37 as FIQ; after its EOI, 36 as IRQ. */
    { FIQ | 37, 0x88, 1 },
    { P(GRP1_HIDDEN), 0, 1 },
    { P(36), 0, 1 },
    { 36, 0x90, 1 },
    /* 3. AckCtl = 1: GICC_IAR acknowledges Group 1 (4.4.1 AckCtl). */
    { 33, 0x70, 1 },
    { 2, 0x60, 1 },
    { P(36), 0, 0 }, /* HPPIR: the Group 1 ID, not 1022 */
    { 36, 0x90, 1 },
    /* 4. AckCtl = 0; 34 (Group 1, 0x80) is preempted by 35 (Group 0, 0x30):
     * 0x30 is above the running priority 0x80 (3.3 "Preemption"). */
    { P(GRP1_HIDDEN), 0, 1 },
    { P(34), 0, 1 },
    { 34, 0x80, 1 },
    { FIQ | 35, 0x30, 2 }, /* FIQ taken inside the IRQ handler */
    { P(0x80), 0, 1 },     /* 35's EOIR dropped to 34's priority */
    { P(0xFF), 0, 0 },     /* 34's AEOIR: idle */
    /* 5. CBPR = 0, ABPR = 5: Group 1 group priority is bits [7:5] (3.3
     * "Priority grouping"; 4.4.1 CBPR): 38 (0x70) runs at 0x60. */
    { P(GRP1_HIDDEN), 0, 1 },
    { P(38), 0, 1 },
    { 38, 0x60, 1 },
    { P(SPURIOUS), 0, 1 },    /* AIAR: 39 (0x68) has group priority 0x60 */
    { P(39), 0, 1 },          /* AHPPIR: pending, whatever its priority */
    { P(0), 0, 1 },           /* 39 did not preempt */
    { P(0x60), 0, 1 },        /* RPR: 38's group priority */
    { P(GRP1_HIDDEN), 0, 1 }, /* after 38's AEOIR */
    { P(39), 0, 1 },
    { 39, 0x60, 1 },
    /* CBPR = 1: BPR 2 (bits [7:3]) for Group 1 too; 0x68 preempts 0x70. */
    { P(GRP1_HIDDEN), 0, 1 },
    { P(38), 0, 1 },
    { 38, 0x70, 1 },
    { P(GRP1_HIDDEN), 0, 2 },
    { P(39), 0, 2 },
    { 39, 0x68, 2 },
    { P(1), 0, 1 },    /* 39 preempted */
    { P(0x70), 0, 1 }, /* RPR back to 38's */
};
#define NR_EXPECTED (sizeof expected / sizeof expected[0])

static int check(const struct device *d, const struct a64_vcpu *v,
                 const struct guest_result *r)
{
    int bad = 0;
    if (r->errors) {
        printf("guest reported %u error(s), first at gic_groups.c line %u\n",
               r->errors, r->error_line);
        bad = 1;
    }
    if (r->count != NR_EXPECTED) {
        printf("guest recorded %u entries, expected %zu\n", r->count,
               NR_EXPECTED);
        bad = 1;
    }
    unsigned seen[64] = { 0 };
    uint64_t fiqs = 0, irqs = 0;
    for (unsigned i = 0; i < r->count && i < 1024; i++) {
        const struct guest_entry *e = &r->entry[i];
        if (!(e->iar & ENTRY_PROBE)) {
            if ((e->iar & 0x3FF) < 64)
                seen[e->iar & 0x3FF]++;
            if (e->iar & ENTRY_FIQ)
                fiqs++;
            else
                irqs++;
        }
        if (i >= NR_EXPECTED || e->iar != expected[i].iar ||
            e->rpr != expected[i].rpr || e->depth != expected[i].depth) {
            printf("entry %u: iar 0x%x rpr 0x%x depth %u", i, e->iar, e->rpr,
                   e->depth);
            if (i < NR_EXPECTED)
                printf(", expected iar 0x%x rpr 0x%x depth %u", expected[i].iar,
                       expected[i].rpr, expected[i].depth);
            printf("\n");
            bad = 1;
        }
    }
    for (unsigned id = 0; id < 64; id++) {
        if (seen[id] != d->injected[id]) {
            printf("interrupt %u: injected %u, taken %u\n", id, d->injected[id],
                   seen[id]);
            bad = 1;
        }
    }
    /* Each interrupt taken came through its own exception entry. */
    if (v->fiqs_taken != fiqs || v->irqs_taken != irqs) {
        printf("exceptions entered: %llu FIQ, %llu IRQ; table: %llu, %llu\n",
               (unsigned long long)v->fiqs_taken,
               (unsigned long long)v->irqs_taken, (unsigned long long)fiqs,
               (unsigned long long)irqs);
        bad = 1;
    }
    if (d->bad_requests || v->bad_mmio) {
        printf("bad device requests %u, refused MMIO %u\n", d->bad_requests,
               v->bad_mmio);
        bad = 1;
    }
    printf("%u entries, %llu FIQ and %llu IRQ entries, %llu instructions\n",
           r->count, (unsigned long long)v->fiqs_taken,
           (unsigned long long)v->irqs_taken, (unsigned long long)v->insns);
    return bad;
}

/* Nothing may be left pending or active, and both lines must be low. */
static int check_idle(const struct device *d, const struct a64_vcpu *v)
{
    int bad = a64_gic_check_idle(d->gic);
    if (atomic_load(&v->line[0]) || atomic_load(&v->line[1])) {
        printf("IRQ or FIQ line left high\n");
        bad = 1;
    }
    return bad;
}

int main(int argc, char **argv)
{
    enum gic_backend backend = GIC_BACKEND_CPUIF;
    if (argc > 1 && strcmp(argv[1], "lr") == 0) {
        backend = GIC_BACKEND_LR;
    } else if (argc > 1) {
        fprintf(stderr, "usage: %s [lr]\n", argv[0]);
        return 2;
    }
    const unsigned nr_lrs = backend == GIC_BACKEND_LR ? 4u : 0u;
    static struct device dev;
    static const struct a64_dev_ops dev_ops = { NULL, dev_write };
    static struct a64_vcpu v;
    dev.vcpu = &v;
    const struct vintc_host_ops ops = { .trace = on_trace,
                                        .set_irq_line = on_set_irq_line };
    struct gic_config cfg = {
        .nr_cpus = 1, .nr_irqs = 64, .nr_lrs = nr_lrs, .backend = backend
    };
    int err = gic_create(&cfg, &ops, &dev, &dev.gic);
    if (err) {
        fprintf(stderr, "gic_create: %s\n", vintc_strerror(err));
        return 1;
    }
    void *ram = calloc(1, RAM_SIZE);
    if (!ram) {
        gic_destroy(dev.gic);
        return 1;
    }
    memcpy(ram, guest_aarch64_gic_groups, sizeof guest_aarch64_gic_groups);

    int bad = 1;
    if (a64_vcpu_init(&v, 0, ram, dev.gic, backend, nr_lrs, &dev_ops, &dev) ==
        0) {
        if (a64_vcpu_run_alone(&v, &dev.done, &dev.guest_errors, dev_inject,
                               &dev, SLICE, MAX_SLICES) == 0)
            bad = check(
                &dev, &v,
                (const struct guest_result *)((char *)ram +
                                              (RESULT_BASE - RAM_BASE)));
        bad |= check_idle(&dev, &v);
    }
    a64_vcpu_destroy(&v);
    gic_destroy(dev.gic);
    free(ram);
    printf("%s\n", bad ? "FAIL" : "OK");
    return bad;
}
