/* SPDX-License-Identifier: MIT */
/* Helpers for the snapshot suites and fuzz targets: saving into a fresh
 * buffer, an independent bitwise CRC-32C, re-sealing a mutated blob with a
 * valid checksum, and capturing a dump as a string. Static inline only. */
#ifndef VINTC_SNAP_TEST_UTIL_H
#define VINTC_SNAP_TEST_UTIL_H

#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Container layout (docs/snapshot-format.md). */
#define SNAP_HDR_LEN     20u
#define SNAP_CRC_LEN     4u
#define SNAP_OFF_KIND    8u
#define SNAP_OFF_VERSION 10u
#define SNAP_OFF_CFGLEN  12u
#define SNAP_OFF_PAYLEN  16u

/* CRC-32C bit by bit (reflected polynomial 0x82F63B78), independent of the
 * library's table-driven one. */
static inline uint32_t snap_ref_crc32c(const uint8_t *p, size_t n)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    }
    return ~crc;
}

static inline uint32_t snap_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

static inline void snap_put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Recompute the trailer so that only the content decides. */
static inline void snap_reseal(uint8_t *blob, size_t len)
{
    if (len >= SNAP_HDR_LEN + SNAP_CRC_LEN)
        snap_put_be32(blob + len - SNAP_CRC_LEN,
                      snap_ref_crc32c(blob, len - SNAP_CRC_LEN));
}

/* Offset of the payload section. */
static inline size_t snap_payload_off(const uint8_t *blob)
{
    return SNAP_HDR_LEN + snap_be32(blob + SNAP_OFF_CFGLEN);
}

#endif
