/* SPDX-License-Identifier: MIT */
/* One AArch64 vCPU running aarch64/gic_single.c against the LR backend with
 * 4 list registers (or argument 1: 1..16), or with argument "cpuif" against
 * the CPU-interface backend. With fewer LRs than interrupts pending or
 * active, the outcome must not change: only the overflow handling
 * (maintenance, EOICount for an active interrupt left out of the LRs) works
 * harder; and it must be the same on both backends. The host is the hypervisor
 * loop (flush, IRQ entry, a slice of guest instructions, sync) and the guest's
 * test device, which raises the SPIs the guest asks for between slices. At the
 * end the guest's table must be exactly the sequence the architecture dictates,
 * every injected interrupt must be in it, and the GIC must be left idle. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aarch64/layout.h"
#include "aarch64/gic_single.bin.h"
#include "host/a64_vcpu.h"

#define DEFAULT_LRS 4u
#define SLICE       2000u
#define MAX_SLICES  200000u

struct device {
    unsigned queue[64]; /* requests made during the slice */
    unsigned queued;
    bool level[64];
    unsigned injected[64]; /* device assertions per SPI */
    unsigned sgis[16];     /* SGIs the guest sent (from the trace) */
    unsigned eoi_notifies[64];
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
    switch (off) {
    case DEV_PULSE:
    case DEV_RAISE:
        if (val < 32 || val >= 64 || d->queued == 64) {
            d->bad_requests++;
            return;
        }
        d->queue[d->queued++] = val | (off == DEV_RAISE ? 0x100u : 0);
        break;
    case DEV_ACK:
        /* The guest cleared the device's status: the line drops now. */
        if (val < 64 && d->level[val]) {
            d->level[val] = false;
            gic_set_irq(d->gic, 0, val, false);
        }
        break;
    case DEV_DONE:
        d->done = true;
        d->guest_errors = val;
        break;
    default:
        d->bad_requests++;
    }
}

/* The device acts between slices, as a device thread would while the vCPU
 * runs. */
static void dev_inject(void *opaque)
{
    struct device *d = opaque;
    for (unsigned i = 0; i < d->queued; i++) {
        unsigned id = d->queue[i] & 0xFF;
        d->injected[id]++;
        if (d->queue[i] & 0x100u) {
            d->level[id] = true;
            gic_set_irq(d->gic, 0, id, true);
        } else {
            gic_set_irq(d->gic, 0, id, true);
            gic_set_irq(d->gic, 0, id, false);
        }
    }
    d->queued = 0;
}

static void on_irq_eoi(void *opaque, unsigned cpu, unsigned irq)
{
    (void)cpu;
    struct device *d = opaque;
    if (irq < 64)
        d->eoi_notifies[irq]++;
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
        d->sgis[ev->values[0] & 0xF]++;
}

/* The sequence the architecture dictates for the guest's phases. */
struct expect {
    uint32_t iar, rpr, depth;
};
static const struct expect expected[] = {
    { 1, 0x80, 1 },
    { 5, 0x80, 1 },
    { 9, 0x80, 1 },
    { 32, 0xA0, 1 },
    { 33, 0xA0, 1 },
    /* 34..41 by priority: 0x10 0x20 0x30 0x40 0x50 0x60 0x70 0x80 */
    { 36, 0x10, 1 },
    { 38, 0x20, 1 },
    { 40, 0x30, 1 },
    { 34, 0x40, 1 },
    { 41, 0x50, 1 },
    { 37, 0x60, 1 },
    { 35, 0x70, 1 },
    { 39, 0x80, 1 },
    { 48, 0x98, 1 },
    { 49, 0x98, 1 },
    { 49, 0x98, 1 },
    { 42, 0xA0, 1 },
    { 43, 0x40, 2 },
    { 44, 0xC0, 1 },
    { 45, 0x90, 1 },
    { ENTRY_PROBE | 1023, 0, 1 }, /* pending+active: not acknowledgeable */
    { ENTRY_PROBE | 0xFF, 0, 1 }, /* EOImode 1: priority dropped */
    { ENTRY_PROBE | 1, 0, 1 },    /* still active in GICD_ISACTIVER */
    { ENTRY_PROBE | 1, 0, 1 },    /* and pending in GICD_ISPENDR */
    { 45, 0x90, 1 },
};
#define NR_EXPECTED (sizeof expected / sizeof expected[0])

static int check(const struct device *d, const struct a64_vcpu *v,
                 const struct guest_result *r)
{
    const unsigned nr_lrs = v->nr_lrs;
    int bad = 0;
    if (r->errors) {
        printf("guest reported %u error(s), first at gic_single.c line %u\n",
               r->errors, r->error_line);
        bad = 1;
    }
    if (r->count != NR_EXPECTED) {
        printf("guest took %u interrupts/probes, expected %zu\n", r->count,
               NR_EXPECTED);
        bad = 1;
    }
    unsigned seen[64] = { 0 };
    for (unsigned i = 0; i < r->count && i < 1024; i++) {
        const struct guest_entry *e = &r->entry[i];
        if (!(e->iar & ENTRY_PROBE) && (e->iar & 0x3FF) < 64)
            seen[e->iar & 0x3FF]++;
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
    /* What was injected, the guest took: once per edge or SGI; a level line
     * held high over an EOI is taken again (49). */
    for (unsigned id = 0; id < 64; id++) {
        unsigned want = id < 16 ? d->sgis[id]
                                : d->injected[id] + (id == 49 ? 1u : 0u);
        if (seen[id] != want) {
            printf("interrupt %u: injected %u, taken %u\n", id, want, seen[id]);
            bad = 1;
        }
    }
    /* The device heard of every deactivated level interrupt. */
    if (d->eoi_notifies[48] != 1 || d->eoi_notifies[49] != 2) {
        printf("irq_eoi: 48 x%u, 49 x%u (expected 1 and 2)\n",
               d->eoi_notifies[48], d->eoi_notifies[49]);
        bad = 1;
    }
    struct gic_stats st;
    gic_get_stats(d->gic, 0, &st);
    /* Eight interrupts pending at once overflow fewer than eight LRs. */
    if (v->backend == GIC_BACKEND_LR && nr_lrs < 8 &&
        (st.lr_overflows == 0 || v->maintenance == 0)) {
        printf("no LR overflow (%llu) or maintenance (%llu) happened\n",
               (unsigned long long)st.lr_overflows,
               (unsigned long long)v->maintenance);
        bad = 1;
    }
    if (d->bad_requests || v->bad_mmio) {
        printf("bad device requests %u, refused MMIO %u\n", d->bad_requests,
               v->bad_mmio);
        bad = 1;
    }
    printf("%u entries, %llu IRQ entries, %llu LR overflows, %llu maintenance "
           "exits, "
           "%llu LR syncs, %llu EOIs via EOICount, %llu instructions\n",
           r->count, (unsigned long long)v->irqs_taken,
           (unsigned long long)st.lr_overflows,
           (unsigned long long)v->maintenance, (unsigned long long)st.lr_syncs,
           (unsigned long long)st.eoi_count, (unsigned long long)v->insns);
    return bad;
}

int main(int argc, char **argv)
{
    enum gic_backend backend = GIC_BACKEND_LR;
    unsigned nr_lrs = DEFAULT_LRS;
    if (argc > 1 && strcmp(argv[1], "cpuif") == 0)
        backend = GIC_BACKEND_CPUIF;
    else if (argc > 1)
        nr_lrs = (unsigned)atoi(argv[1]);
    if (nr_lrs < 1 || nr_lrs > 16) {
        fprintf(stderr, "usage: %s [1..16 list registers | cpuif]\n", argv[0]);
        return 2;
    }
    static struct device dev;
    static const struct a64_dev_ops dev_ops = { NULL, dev_write };
    static struct a64_vcpu v;
    dev.vcpu = &v;
    const struct vintc_host_ops ops = { .irq_eoi = on_irq_eoi,
                                        .trace = on_trace,
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
    if (!ram)
        return 1;
    memcpy(ram, guest_aarch64_gic_single, sizeof guest_aarch64_gic_single);

    int bad = 1;
    if (a64_vcpu_init(&v, 0, ram, dev.gic, backend, nr_lrs, &dev_ops, &dev) ==
        0) {
        if (a64_vcpu_run_alone(&v, &dev.done, &dev.guest_errors, dev_inject,
                               &dev, SLICE, MAX_SLICES) == 0)
            bad = check(
                &dev, &v,
                (const struct guest_result *)((char *)ram +
                                              (RESULT_BASE - RAM_BASE)));
        bad |= a64_gic_check_idle(dev.gic);
    }
    a64_vcpu_destroy(&v);
    gic_destroy(dev.gic);
    free(ram);
    printf("%s\n", bad ? "FAIL" : "OK");
    return bad;
}
