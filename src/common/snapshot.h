/* SPDX-License-Identifier: MIT */
/* Snapshot container shared by gic_save/gic_restore and s390_save/
 * s390_restore (layout in docs/snapshot-format.md): a header with magic,
 * controller kind, format version and section lengths, a configuration
 * section, a payload section, and a CRC-32C over everything before it.
 * Numbers are big-endian whatever the host's byte order. The writer and
 * reader check every access against the buffer: the writer keeps counting
 * past the end (so one pass yields the size), the reader turns any overrun
 * into a sticky error and reads zeros. */
#ifndef VINTC_COMMON_SNAPSHOT_H
#define VINTC_COMMON_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/bits.h"

#define VINTC_SNAP_MAGIC      "VINTCSNP"
#define VINTC_SNAP_MAGIC_LEN  8u
#define VINTC_SNAP_HEADER_LEN 20u
#define VINTC_SNAP_CRC_LEN    4u

/* Controller kinds (header bytes 8..9). */
#define VINTC_SNAP_KIND_GICV2 1u
#define VINTC_SNAP_KIND_S390  2u

struct snap_writer {
    uint8_t *buf; /* NULL: measure only */
    size_t cap;
    size_t pos; /* bytes produced so far, also past cap */
    size_t payload_start;
};

/* Start a blob of `kind` in `version` layout; the configuration section
 * follows. */
void snap_begin(struct snap_writer *w, void *buf, size_t cap, uint16_t kind,
                uint16_t version);
/* The configuration section ends, the payload starts. */
void snap_begin_payload(struct snap_writer *w);
/* Fill in the section lengths and append the checksum. Returns the blob
 * size; -ENOSPC when buf was too short (its contents are then unspecified);
 * -EOVERFLOW when the blob would not fit an int. buf == NULL: the size. */
int snap_finish(struct snap_writer *w);

/* Where the next n bytes go, or NULL when they are only counted. */
static inline uint8_t *snap_room(struct snap_writer *w, size_t n)
{
    uint8_t *p = NULL;
    if (w->buf && w->pos <= w->cap && n <= w->cap - w->pos)
        p = w->buf + w->pos;
    w->pos += n;
    return p;
}

static inline void snap_put_u8(struct snap_writer *w, uint8_t v)
{
    uint8_t *p = snap_room(w, 1);
    if (p)
        *p = v;
}

static inline void snap_put_u16(struct snap_writer *w, uint16_t v)
{
    uint8_t *p = snap_room(w, 2);
    if (p)
        vintc_put_be16(p, v);
}

static inline void snap_put_u32(struct snap_writer *w, uint32_t v)
{
    uint8_t *p = snap_room(w, 4);
    if (p)
        vintc_put_be32(p, v);
}

static inline void snap_put_u64(struct snap_writer *w, uint64_t v)
{
    uint8_t *p = snap_room(w, 8);
    if (p)
        vintc_put_be64(p, v);
}

struct snap_reader {
    const uint8_t *p;
    size_t len;
    size_t pos;
    bool bad; /* read past the end: every later read is 0 */
};

/* Check the container: length, magic, kind, version (1..max_version),
 * section lengths and checksum. On success the two readers cover the
 * configuration and payload sections and *version receives the blob's
 * version. 0 or -EINVAL. */
int snap_open(const void *buf, size_t len, uint16_t kind, uint16_t max_version,
              uint16_t *version, struct snap_reader *config,
              struct snap_reader *payload);

static inline const uint8_t *snap_take(struct snap_reader *r, size_t n)
{
    if (r->bad || n > r->len - r->pos) {
        r->bad = true;
        return NULL;
    }
    const uint8_t *q = r->p + r->pos;
    r->pos += n;
    return q;
}

static inline uint8_t snap_get_u8(struct snap_reader *r)
{
    const uint8_t *q = snap_take(r, 1);
    return q ? *q : 0;
}

static inline uint16_t snap_get_u16(struct snap_reader *r)
{
    const uint8_t *q = snap_take(r, 2);
    return q ? vintc_get_be16(q) : 0;
}

static inline uint32_t snap_get_u32(struct snap_reader *r)
{
    const uint8_t *q = snap_take(r, 4);
    return q ? vintc_get_be32(q) : 0;
}

static inline uint64_t snap_get_u64(struct snap_reader *r)
{
    const uint8_t *q = snap_take(r, 8);
    return q ? vintc_get_be64(q) : 0;
}

/* Bytes left; a count read from the blob must be checked against this
 * before anything is sized by it. */
static inline size_t snap_left(const struct snap_reader *r)
{
    return r->bad ? 0 : r->len - r->pos;
}

/* Everything read, nothing left over, no overrun. */
static inline bool snap_done(const struct snap_reader *r)
{
    return !r->bad && r->pos == r->len;
}

#endif
