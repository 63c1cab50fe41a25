/* SPDX-License-Identifier: MIT */
#include "trace.h"

void vintc_trace_emit(const struct vintc_host_ops *ops, void *opaque,
                      enum vintc_trace_kind kind, unsigned cpu, unsigned irq,
                      uint64_t v0, uint64_t v1, uint64_t v2)
{
    struct vintc_trace_event ev = {
        .kind = kind,
        .cpu = cpu,
        .irq = irq,
        .values = { v0, v1, v2 },
    };
    ops->trace(opaque, &ev);
}
