/* SPDX-License-Identifier: MIT */
#include "s390/queues/fifo.h"

#include <errno.h>
#include <stdlib.h>

static int fifo_grow(struct s390_fifo *f, uint32_t need)
{
    uint32_t cap = f->cap ? f->cap : 8;
    while (cap < need) {
        if (cap > UINT32_MAX / 2)
            return -ENOMEM;
        cap *= 2;
    }
    if (cap == f->cap)
        return 0;
    struct s390_fifo_entry *nb = malloc((size_t)cap * sizeof(*nb));
    if (!nb)
        return -ENOMEM;
    for (uint32_t i = 0; i < f->count; i++)
        nb[i] = f->buf[(f->head + i) & (f->cap - 1)];
    free(f->buf);
    f->buf = nb;
    f->cap = cap;
    f->head = 0;
    return 0;
}

int s390i_fifo_push(struct s390_fifo *f, const struct s390_fifo_entry *e)
{
    /* Keep room for every reserved entry so a put-back cannot fail. */
    uint64_t need = (uint64_t)f->count + f->reserved + 1;
    if (need > UINT32_MAX)
        return -ENOMEM;
    if (need > f->cap) {
        int rc = fifo_grow(f, (uint32_t)need);
        if (rc)
            return rc;
    }
    f->buf[(f->head + f->count) & (f->cap - 1)] = *e;
    f->count++;
    return 0;
}

void s390i_fifo_take(struct s390_fifo *f, struct s390_fifo_entry *out)
{
    *out = f->buf[f->head];
    f->head = (f->head + 1) & (f->cap - 1);
    f->count--;
    f->reserved++;
}

void s390i_fifo_commit(struct s390_fifo *f)
{
    if (f->reserved)
        f->reserved--;
}

void s390i_fifo_putback(struct s390_fifo *f, const struct s390_fifo_entry *e)
{
    /* push() kept count + reserved <= cap, so there is a free slot. */
    f->head = (f->head - 1) & (f->cap - 1);
    f->buf[f->head] = *e;
    f->count++;
    if (f->reserved)
        f->reserved--;
}

const struct s390_fifo_entry *s390i_fifo_at(const struct s390_fifo *f,
                                            uint32_t i)
{
    return &f->buf[(f->head + i) & (f->cap - 1)];
}

void s390i_fifo_clear(struct s390_fifo *f)
{
    f->count = 0;
}

void s390i_fifo_free(struct s390_fifo *f)
{
    free(f->buf);
    f->buf = NULL;
    f->cap = f->head = f->count = f->reserved = 0;
}
