/* SPDX-License-Identifier: MIT */
/* Dropping gic->lock on the CPU-interface backend: recompute the lines of
 * the CPUs whose state changed, then, without the lock, report what this
 * thread was elected to report and issue the kicks (the protocol is in
 * cpuif_lines.h). */
#include "common/trace.h"
#include "gicv2/cpu_interface/cpuif_internal.h"

/* Without any lock: report the published levels of CPU `cpu`, each level
 * change once, until no newer level is published. */
static void report_lines(struct gic *g, unsigned cpu)
{
    struct gic_cpuif *ci = &g->cpu[cpu].cpuif;
    unsigned seen = atomic_load_explicit(&ci->reporters, memory_order_acquire);
    for (;;) {
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
        /* A failed swap reloads `seen`: publishers counted in meanwhile. */
        if (atomic_compare_exchange_strong_explicit(&ci->reporters, &seen, 0u,
                                                    memory_order_acq_rel,
                                                    memory_order_acquire))
            return;
    }
}

void cpuif_unlock_and_report(struct gic *g)
{
    /* Lines first: a vCPU woken by the kick finds its line already raised
     * (unless another thread is reporting that CPU's lines right now). */
    for (uint32_t d = g->line_dirty & g->cpu_mask; d; d &= d - 1) {
        unsigned cpu = vintc_ctz32(d);
        cpuif_lines_publish(g, cpu, cpuif_signalled(g, cpu));
    }
    g->line_dirty = 0;
    uint32_t lines = g->line_report;
    g->line_report = 0;
    uint32_t kicks = gic_take_kicks(g);
    vintc_unlock(&g->lock);
    for (; lines; lines &= lines - 1)
        report_lines(g, vintc_ctz32(lines));
    if (kicks)
        gic_issue_kicks(g, kicks);
}
