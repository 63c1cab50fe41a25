/* SPDX-License-Identifier: MIT */
/* The IRQ and FIQ output lines of the CPU interfaces, driven through the
 * set_irq_line host callback: only on a level change, never with a library
 * lock held, and never leaving a stale level behind.
 *
 * The levels are computed under gic->lock and published in cpuif.want, so
 * the last published value is always the current one. Reporting happens
 * after the lock is dropped and is serialized per CPU without a lock.
 * cpuif.reporters counts the threads that published a level not yet known
 * to be reported. The thread that publishes while it is 0 becomes the
 * reporter; every other publisher only counts itself in (both under
 * gic->lock). The reporter, without any lock, reads the count, then the
 * level, reports what changed, and leaves only if it can swap the count it
 * read for 0; a publisher that counted itself in meanwhile makes the swap
 * fail and forces another round. A publish precedes (release) the count
 * that the reporter reads (acquire), so every counted level is read. When
 * no call is in flight the callback has therefore reported exactly the
 * last published level, and calls for one CPU never overlap. Uncontended,
 * the election is two plain accesses under the lock and leaving is one
 * compare-and-swap. */
#include "common/trace.h"
#include "gicv2/cpu_interface/cpuif_internal.h"

/* Under gic->lock, after publishing: true when this thread must report. */
static bool elect_reporter(struct gic_cpuif *ci)
{
    /* With the count at 0 there is no reporter, and only lock holders
     * touch the count, so a plain store suffices. */
    if (atomic_load_explicit(&ci->reporters, memory_order_acquire) == 0) {
        atomic_store_explicit(&ci->reporters, 1u, memory_order_relaxed);
        return true;
    }
    /* A reporter may be leaving right now: count in atomically. */
    return atomic_fetch_add_explicit(&ci->reporters, 1u,
                                     memory_order_acq_rel) == 0;
}

void cpuif_lines_publish(struct gic *g, unsigned cpu, unsigned now)
{
    struct gic_cpuif *ci = &g->cpu[cpu].cpuif;
    unsigned was = atomic_load_explicit(&ci->want, memory_order_relaxed);
    if (now == was)
        return;
    atomic_store_explicit(&ci->want, now, memory_order_release);
    if (elect_reporter(ci))
        g->line_report |= 1u << cpu;
    if (!was)
        gic_queue_kick(g, cpu); /* it can take an interrupt now */
}

void cpuif_lines_update(struct gic *g, uint32_t cpus)
{
    for (cpus &= g->cpu_mask; cpus; cpus &= cpus - 1) {
        unsigned cpu = vintc_ctz32(cpus);
        cpuif_lines_publish(g, cpu, cpuif_signalled(g, cpu));
    }
}

static void report_one(struct gic *g, unsigned cpu)
{
    struct gic_cpuif *ci = &g->cpu[cpu].cpuif;
    for (;;) {
        unsigned seen = atomic_load_explicit(&ci->reporters,
                                             memory_order_acquire);
        unsigned want = atomic_load_explicit(&ci->want, memory_order_acquire);
        unsigned diff = want ^ ci->reported;
        ci->reported = want;
        for (; diff; diff &= diff - 1) {
            unsigned line = vintc_ctz32(diff);
            bool level = (want >> line) & 1u;
            /* One reporter at a time: a plain increment, read by stats. */
            atomic_store_explicit(
                &ci->line_changes,
                atomic_load_explicit(&ci->line_changes, memory_order_relaxed) +
                    1,
                memory_order_relaxed);
            vintc_trace(&g->ops, g->opaque, VINTC_TRACE_GIC_IRQ_LINE, cpu, 0,
                        line, level, 0);
            g->ops.set_irq_line(g->opaque, cpu, line, level);
        }
        if (atomic_compare_exchange_strong_explicit(&ci->reporters, &seen, 0u,
                                                    memory_order_acq_rel,
                                                    memory_order_acquire))
            return;
    }
}

void cpuif_lines_report(struct gic *g, uint32_t cpus)
{
    for (; cpus; cpus &= cpus - 1)
        report_one(g, vintc_ctz32(cpus));
}
