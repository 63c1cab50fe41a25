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
 * compare-and-swap (cpuif_lines.c). */
#ifndef VINTC_GICV2_CPUIF_LINES_H
#define VINTC_GICV2_CPUIF_LINES_H

#include "gicv2/core/gic_internal.h"

/* Under gic->lock, after publishing: true when this thread must report. */
static inline bool cpuif_elect_reporter(struct gic_cpuif *ci)
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

/* Under gic->lock: publish `now` (IFACE_LINE_*) as CPU `cpu`'s line levels;
 * when they change, become their reporter if no other thread is (adding the
 * CPU to g->line_report, reported by cpuif_unlock_and_report) and queue a
 * kick if the interface starts to signal. */
static inline void cpuif_lines_publish(struct gic *g, unsigned cpu,
                                       unsigned now)
{
    struct gic_cpuif *ci = &g->cpu[cpu].cpuif;
    unsigned was = atomic_load_explicit(&ci->want, memory_order_relaxed);
    if (now == was)
        return;
    atomic_store_explicit(&ci->want, now, memory_order_release);
    if (cpuif_elect_reporter(ci))
        g->line_report |= 1u << cpu;
    if (!was)
        gic_queue_kick(g, cpu); /* it can take an interrupt now */
}

#endif
