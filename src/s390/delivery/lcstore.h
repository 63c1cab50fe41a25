/* SPDX-License-Identifier: MIT */
/* A batch of big-endian lowcore stores, written in the order they were
 * added through guest_write, contiguous fields merged into one write. */
#ifndef VINTC_S390_LCSTORE_H
#define VINTC_S390_LCSTORE_H

#include <stdint.h>

#include "common/bits.h"
#include <vintc/s390_arch.h>

#define LC_MAX_SEGS 16

struct lc_store {
    unsigned n;
    struct {
        uint16_t off, len;
    } seg[LC_MAX_SEGS];
    uint8_t img[VINTC_S390_LC_SAVE_END]; /* only the bytes of the segments are
                                            set */
};

static inline void lc_mark(struct lc_store *s, unsigned off, unsigned len)
{
    if (s->n && s->seg[s->n - 1].off + s->seg[s->n - 1].len == off) {
        s->seg[s->n - 1].len = (uint16_t)(s->seg[s->n - 1].len + len);
        return;
    }
    if (s->n < LC_MAX_SEGS) { /* builders never exceed it */
        s->seg[s->n].off = (uint16_t)off;
        s->seg[s->n].len = (uint16_t)len;
        s->n++;
    }
}

static inline void lc_put8(struct lc_store *s, unsigned off, uint8_t v)
{
    s->img[off] = v;
    lc_mark(s, off, 1);
}
static inline void lc_put16(struct lc_store *s, unsigned off, uint16_t v)
{
    vintc_put_be16(&s->img[off], v);
    lc_mark(s, off, 2);
}
static inline void lc_put32(struct lc_store *s, unsigned off, uint32_t v)
{
    vintc_put_be32(&s->img[off], v);
    lc_mark(s, off, 4);
}
static inline void lc_put64(struct lc_store *s, unsigned off, uint64_t v)
{
    vintc_put_be64(&s->img[off], v);
    lc_mark(s, off, 8);
}

#endif
