/* SPDX-License-Identifier: MIT */
/* One step of a differential sequence, applied to QEMU and to vintc alike. */
#ifndef ORACLE_OP_H
#define ORACLE_OP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum op_frame { FR_GICD, FR_GICC, FR_GICH, FR_GICV, FR_LINE, FR_ISR };

struct op {
    enum op_frame frame;
    bool write;      /* register frames: store, else load */
    unsigned cpu;    /* accessing CPU; FR_LINE: PPI bank */
    uint32_t offset; /* register frames: offset; FR_LINE: interrupt ID */
    unsigned size;   /* 1, 2 or 4 */
    uint32_t value;  /* store value; FR_LINE: level */
    bool last_ack;   /* GICC EOIR/DIR: write what vintc's GICC_IAR last
                        returned on this CPU, as a driver does */
};

/* "GICD+0x104/4 cpu1 W 0x00000010" style, for the reproduction log. */
void op_format(const struct op *op, char *buf, size_t cap);

#endif
