/* SPDX-License-Identifier: MIT */
/* The trace hook: one branch when no sink is installed. Call it only with no
 * library lock held (it is a host callback). */
#ifndef VINTC_COMMON_TRACE_H
#define VINTC_COMMON_TRACE_H

#include <vintc/host.h>

#include "bits.h"

void vintc_trace_emit(const struct vintc_host_ops *ops, void *opaque,
                      enum vintc_trace_kind kind, unsigned cpu, unsigned irq,
                      uint64_t v0, uint64_t v1, uint64_t v2);

static inline void vintc_trace(const struct vintc_host_ops *ops, void *opaque,
                               enum vintc_trace_kind kind, unsigned cpu,
                               unsigned irq, uint64_t v0, uint64_t v1,
                               uint64_t v2)
{
    if (vintc_unlikely(ops->trace != NULL))
        vintc_trace_emit(ops, opaque, kind, cpu, irq, v0, v1, v2);
}

#endif
