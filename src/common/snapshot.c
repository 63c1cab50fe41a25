/* SPDX-License-Identifier: MIT */
/* Snapshot container: header, section lengths and checksum. */
#include "common/snapshot.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "common/crc32c.h"

/* Header offsets (docs/snapshot-format.md). */
#define OFF_KIND        8u
#define OFF_VERSION     10u
#define OFF_CONFIG_LEN  12u
#define OFF_PAYLOAD_LEN 16u

void snap_begin(struct snap_writer *w, void *buf, size_t cap, uint16_t kind,
                uint16_t version)
{
    w->buf = buf;
    w->cap = buf ? cap : 0;
    w->pos = 0;
    w->payload_start = 0;
    uint8_t *p = snap_room(w, VINTC_SNAP_MAGIC_LEN);
    if (p)
        memcpy(p, VINTC_SNAP_MAGIC, VINTC_SNAP_MAGIC_LEN);
    snap_put_u16(w, kind);
    snap_put_u16(w, version);
    snap_put_u32(w, 0); /* section lengths: snap_finish */
    snap_put_u32(w, 0);
}

void snap_begin_payload(struct snap_writer *w)
{
    w->payload_start = w->pos;
}

int snap_finish(struct snap_writer *w)
{
    size_t body = w->pos;
    w->pos += VINTC_SNAP_CRC_LEN;
    if (w->pos > INT_MAX || body - VINTC_SNAP_HEADER_LEN > UINT32_MAX)
        return -EOVERFLOW;
    if (!w->buf)
        return (int)w->pos;
    if (w->pos > w->cap)
        return -ENOSPC;
    vintc_put_be32(w->buf + OFF_CONFIG_LEN,
                   (uint32_t)(w->payload_start - VINTC_SNAP_HEADER_LEN));
    vintc_put_be32(w->buf + OFF_PAYLOAD_LEN,
                   (uint32_t)(body - w->payload_start));
    vintc_put_be32(w->buf + body, vintc_crc32c(w->buf, body));
    return (int)w->pos;
}

int snap_open(const void *buf, size_t len, uint16_t kind, uint16_t max_version,
              uint16_t *version, struct snap_reader *config,
              struct snap_reader *payload)
{
    const uint8_t *b = buf;
    if (!b || len < VINTC_SNAP_HEADER_LEN + VINTC_SNAP_CRC_LEN)
        return -EINVAL;
    if (memcmp(b, VINTC_SNAP_MAGIC, VINTC_SNAP_MAGIC_LEN) != 0)
        return -EINVAL;
    uint16_t v = vintc_get_be16(b + OFF_VERSION);
    if (vintc_get_be16(b + OFF_KIND) != kind || v == 0 || v > max_version)
        return -EINVAL;
    size_t body = len - VINTC_SNAP_HEADER_LEN - VINTC_SNAP_CRC_LEN;
    uint32_t clen = vintc_get_be32(b + OFF_CONFIG_LEN);
    uint32_t plen = vintc_get_be32(b + OFF_PAYLOAD_LEN);
    if (clen > body || plen != body - clen)
        return -EINVAL;
    if (vintc_crc32c(b, len - VINTC_SNAP_CRC_LEN) !=
        vintc_get_be32(b + len - VINTC_SNAP_CRC_LEN))
        return -EINVAL;
    *version = v;
    *config = (struct snap_reader){ .p = b + VINTC_SNAP_HEADER_LEN,
                                    .len = clen };
    *payload = (struct snap_reader){ .p = b + VINTC_SNAP_HEADER_LEN + clen,
                                     .len = plen };
    return 0;
}
