/* SPDX-License-Identifier: MIT */
/* The IRQ and FIQ output lines of the CPU interfaces, driven through the
 * set_irq_line host callback: only on a level change, never with a library
 * lock held, and never leaving a stale level behind.
 *
 * The levels are computed under gic->lock and published in cpuif.want, so
 * the last published value is always the current one. Reporting happens
 * after the lock is dropped and is serialized per CPU without a lock: the
 * thread that raises cpuif.reporters from 0 becomes the reporter; every
 * other thread only counts itself in and leaves. The reporter loops until
 * the count it takes off leaves zero, reading `want` after each count it
 * saw, so a level published by a thread it counted is always read (the
 * publish precedes that thread's increment), and a thread it did not count
 * makes its final decrement fail and forces another round. When no call is
 * in flight the callback has therefore reported exactly the last published
 * level, and calls for one CPU never overlap. */
#include "common/trace.h"
#include "gicv2/cpuif_internal.h"

uint32_t cpuif_lines_update(struct gic *g, uint32_t cpus)
{
    uint32_t changed = 0;
    for (cpus &= g->cpu_mask; cpus; cpus &= cpus - 1) {
        unsigned cpu = vintc_ctz32(cpus);
        struct gic_cpuif *ci = &g->cpu[cpu].cpuif;
        unsigned now = cpuif_signalled(g, cpu);
        unsigned was = atomic_load_explicit(&ci->want, memory_order_relaxed);
        if (now == was)
            continue;
        atomic_store(&ci->want, now);
        changed |= 1u << cpu;
        if (!was)
            gic_queue_kick(g, cpu);     /* it can take an interrupt now */
    }
    return changed;
}

static void report_one(struct gic *g, unsigned cpu)
{
    struct gic_cpuif *ci = &g->cpu[cpu].cpuif;
    if (atomic_fetch_add(&ci->reporters, 1u) != 0)
        return;                         /* the running reporter reads our level */
    for (;;) {
        unsigned seen = atomic_load(&ci->reporters);
        unsigned want = atomic_load(&ci->want);
        unsigned diff = want ^ ci->reported;
        ci->reported = want;
        for (; diff; diff &= diff - 1) {
            unsigned line = vintc_ctz32(diff);
            bool level = (want >> line) & 1u;
            atomic_fetch_add_explicit(&ci->line_changes, 1u, memory_order_relaxed);
            vintc_trace(&g->ops, g->opaque, VINTC_TRACE_GIC_IRQ_LINE, cpu, 0, line, level, 0);
            g->ops.set_irq_line(g->opaque, cpu, line, level);
        }
        if (atomic_fetch_sub(&ci->reporters, seen) == seen)
            return;
    }
}

void cpuif_lines_report(struct gic *g, uint32_t cpus)
{
    for (; cpus; cpus &= cpus - 1)
        report_one(g, vintc_ctz32(cpus));
}
