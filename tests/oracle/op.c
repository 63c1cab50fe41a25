/* SPDX-License-Identifier: MIT */
#include "op.h"

#include <stdio.h>

static const char *const frame_name[] = {
    [FR_GICD] = "GICD", [FR_GICC] = "GICC", [FR_GICH] = "GICH",
    [FR_GICV] = "GICV", [FR_LINE] = "LINE", [FR_ISR] = "ISR",
};

void op_format(const struct op *op, char *buf, size_t cap)
{
    switch (op->frame) {
    case FR_LINE:
        snprintf(buf, cap, "cpu%u LINE irq %u = %u", op->cpu, op->offset,
                 op->value);
        break;
    case FR_ISR:
        snprintf(buf, cap, "cpu%u R ISR_EL1", op->cpu);
        break;
    default:
        if (op->write)
            snprintf(buf, cap, "cpu%u W %s+0x%03x/%u = 0x%08x", op->cpu,
                     frame_name[op->frame], op->offset, op->size, op->value);
        else
            snprintf(buf, cap, "cpu%u R %s+0x%03x/%u", op->cpu,
                     frame_name[op->frame], op->offset, op->size);
        break;
    }
}
