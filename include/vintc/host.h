/* SPDX-License-Identifier: MIT */
/** @file
 * The host side of vintc: the callbacks a VMM supplies and the trace events
 * it may receive.
 *
 * Every callback is invoked WITHOUT any library lock held, so a callback may
 * call back into the library (for example a kick that immediately flushes).
 * Callbacks may be invoked from any thread that calls into the library.
 */
#ifndef VINTC_HOST_H
#define VINTC_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vintc/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/** What a trace event reports. */
enum vintc_trace_kind {
    VINTC_TRACE_GIC_DIST_READ =
        1, /**< irq = offset, values[0] = value, [1] = size */
    VINTC_TRACE_GIC_DIST_WRITE, /**< irq = offset, values[0] = value, [1] = size
                                 */
    VINTC_TRACE_GIC_SET_IRQ,    /**< irq = ID, values[0] = level */
    VINTC_TRACE_GIC_KICK,       /**< cpu = kicked vCPU */
    VINTC_TRACE_GIC_LR_FLUSH, /**< values[0] = LRs used, [1] = GICH_HCR written
                               */
    VINTC_TRACE_GIC_LR_SYNC,  /**< values[0] = LRs folded, [1] = EOICount
                                 consumed */
    VINTC_TRACE_GIC_EOI_NOTIFY, /**< irq = ID whose deactivation irq_eoi
                                   reported */
    VINTC_TRACE_S390_INJECT,  /**< irq = enum s390_irq_type, cpu = target or ~0u
                               */
    VINTC_TRACE_S390_DELIVER, /**< irq = enum s390_irq_type or s390 condition,
                                   values[0] = interruption code */
    VINTC_TRACE_S390_WAIT_EXIT, /**< values[0] = s390_cpu_wait's return value */
    VINTC_TRACE_GIC_CPUIF_READ, /**< GICC read: irq = offset, values[0] = value,
                                     [1] = size */
    VINTC_TRACE_GIC_CPUIF_WRITE, /**< GICC write: irq = offset, values[0] =
                                    value, [1] = size */
    VINTC_TRACE_GIC_IRQ_LINE,    /**< set_irq_line about to be called: cpu,
                                      values[0] = line (0 IRQ, 1 FIQ), [1] = level
                                  */
};

/** One trace event. Only the fields named for its kind are meaningful; the
 * rest are 0. The event is valid only during the trace callback. */
struct vintc_trace_event {
    enum vintc_trace_kind kind; /**< what happened */
    unsigned cpu;               /**< the vCPU concerned, as the kind says */
    unsigned irq;       /**< interrupt ID, offset or type, as the kind says */
    uint64_t values[3]; /**< further figures, as the kind says */
};

/** Host callbacks. A NULL member means "not provided"; which members a
 * controller requires is stated at its *_create function. */
struct vintc_host_ops {
    /** Make vCPU `cpu` notice new work: wake it if it waits, force an exit if
     * it runs. Called after an interrupt became deliverable to it. Optional. */
    void (*kick)(void *opaque, unsigned cpu);

    /** CPU-interface backend: drive vCPU `cpu`'s IRQ (line 0) or FIQ (line 1)
     * input. Called only when the level changes. Calls for one vCPU never
     * overlap, but may come from any thread that calls into the GIC (the
     * one that changed the state, or another one reporting at that moment);
     * once no call is in flight, the last level reported is the current one.
     * Required by that backend. */
    void (*set_irq_line)(void *opaque, unsigned cpu, unsigned line, bool level);

    /** A level-triggered interrupt was deactivated by the guest (EOI), so the
     * device may re-sample its line (the irqfd "resample" role). Optional. */
    void (*irq_eoi)(void *opaque, unsigned cpu, unsigned irq);

    /** Read `len` bytes of guest absolute memory at `addr` into `buf`.
     * Return 0 or a negative errno (e.g. -EFAULT). Required by s390. */
    int (*guest_read)(void *opaque, uint64_t addr, void *buf, size_t len);
    /** Write `len` bytes from `buf` to guest absolute memory at `addr`.
     * Return 0 or a negative errno (e.g. -EFAULT). Required by s390. */
    int (*guest_write)(void *opaque, uint64_t addr, const void *buf,
                       size_t len);

    /** Host TOD clock for s390 timers (bit 51 = 1 microsecond). Optional: NULL
     * means CLOCK_MONOTONIC scaled to TOD units. */
    uint64_t (*tod_clock)(void *opaque);

    /** Trace sink. Optional; when NULL tracing costs one branch. */
    void (*trace)(void *opaque, const struct vintc_trace_event *ev);
};

#ifdef __cplusplus
}
#endif

#endif
