/* SPDX-License-Identifier: MIT */
/* Shared by the snapshot-restore fuzz targets: turning an input into a blob
 * (arbitrary, or with a valid header and checksum so the payload parser
 * itself is reached) and the invariants every restore must keep. */
#ifndef VINTC_FUZZ_SNAPSHOT_H
#define VINTC_FUZZ_SNAPSHOT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../support/snap_test_util.h"
#include "fuzz_target.h"

/* Input byte 0 says how the rest becomes a blob: bit 0 recomputes the
 * checksum, bit 1 also writes magic, kind, version 1 and section lengths
 * (configuration `cfg_len` bytes). Returns a malloc'd blob of *len bytes. */
static inline uint8_t *fuzz_snap_blob(const uint8_t *data, size_t size,
                                      uint16_t kind, uint32_t cfg_len,
                                      size_t *len)
{
    uint8_t mode = size ? data[0] : 0;
    size_t n = size ? size - 1 : 0;
    uint8_t *b = malloc(n ? n : 1);
    fuzz_check(b != NULL, "malloc");
    if (n)
        memcpy(b, data + 1, n);
    if ((mode & 2) && n >= SNAP_HDR_LEN + SNAP_CRC_LEN + cfg_len) {
        memcpy(b, "VINTCSNP", 8);
        b[SNAP_OFF_KIND] = (uint8_t)(kind >> 8);
        b[SNAP_OFF_KIND + 1] = (uint8_t)kind;
        b[SNAP_OFF_VERSION] = 0;
        b[SNAP_OFF_VERSION + 1] = 1;
        snap_put_be32(b + SNAP_OFF_CFGLEN, cfg_len);
        snap_put_be32(b + SNAP_OFF_PAYLEN,
                      (uint32_t)(n - SNAP_HDR_LEN - SNAP_CRC_LEN - cfg_len));
    }
    if (mode & 1)
        snap_reseal(b, n);
    *len = n;
    return b;
}

/* A buffer for a save of `size` bytes (the size query's answer, which must
 * have succeeded). */
static inline uint8_t *fuzz_save_buffer(int size, size_t *len)
{
    fuzz_check(size > 0, "size query");
    uint8_t *b = malloc((size_t)size);
    fuzz_check(b != NULL, "malloc");
    *len = (size_t)size;
    return b;
}

/* Restore rc with before/after snapshots of the target: rejected means
 * unchanged; accepted means the blob was canonical (re-saving gives it
 * back byte for byte). */
static inline void fuzz_snap_check(int rc, const uint8_t *blob, size_t len,
                                   const uint8_t *before, size_t before_len,
                                   const uint8_t *after, size_t after_len)
{
    if (rc == 0) {
        fuzz_check(after_len == len && memcmp(after, blob, len) == 0,
                   "accepted blob re-saves identically");
    } else {
        fuzz_check(rc == -22 || rc == -12,
                   "restore error is -EINVAL or -ENOMEM");
        fuzz_check(before_len == after_len &&
                       memcmp(before, after, after_len) == 0,
                   "rejected restore leaves the state unchanged");
    }
}

#endif
