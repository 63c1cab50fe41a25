/* SPDX-License-Identifier: MIT */
/* A growable ring of queued interrupts (I/O per ISC, virtio, pfault).
 * Entries taken for delivery stay reserved until committed, so putting one
 * back after a failed delivery never needs memory. */
#ifndef VINTC_S390_FIFO_H
#define VINTC_S390_FIFO_H

#include <stdint.h>

struct s390_fifo_entry {
    uint64_t param64; /* virtio param64, pfault token */
    uint32_t param;   /* ext param / I/O interruption parameter */
    uint32_t word;    /* I/O interruption word */
    uint16_t id, nr;  /* subchannel id / number */
};

struct s390_fifo {
    struct s390_fifo_entry *buf;
    uint32_t cap; /* power of two, or 0 */
    uint32_t head;
    uint32_t count;    /* queued */
    uint32_t reserved; /* taken for delivery, not yet committed */
};

/* 0 or -ENOMEM. */
int s390i_fifo_push(struct s390_fifo *f, const struct s390_fifo_entry *e);
/* Takes the oldest entry; the caller checks count first. */
void s390i_fifo_take(struct s390_fifo *f, struct s390_fifo_entry *out);
/* A taken entry was delivered. */
void s390i_fifo_commit(struct s390_fifo *f);
/* A taken entry goes back to the front. */
void s390i_fifo_putback(struct s390_fifo *f, const struct s390_fifo_entry *e);
/* The i-th queued entry, oldest first (i < count). */
const struct s390_fifo_entry *s390i_fifo_at(const struct s390_fifo *f,
                                            uint32_t i);
/* Forget every queued entry (reserved ones stay accounted). */
void s390i_fifo_clear(struct s390_fifo *f);
void s390i_fifo_free(struct s390_fifo *f);

#endif
