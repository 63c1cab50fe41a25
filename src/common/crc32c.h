/* SPDX-License-Identifier: MIT */
/* CRC-32C (Castagnoli), the checksum of snapshot blobs. */
#ifndef VINTC_COMMON_CRC32C_H
#define VINTC_COMMON_CRC32C_H

#include <stddef.h>
#include <stdint.h>

extern const uint32_t vintc_crc32c_table[8][256];

/* CRC-32C of `len` bytes (initial value all ones, final XOR all ones, as
 * iSCSI and ext4 use it): vintc_crc32c("123456789", 9) == 0xE3069283. */
uint32_t vintc_crc32c(const void *buf, size_t len);

#endif
