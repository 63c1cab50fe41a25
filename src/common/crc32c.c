/* SPDX-License-Identifier: MIT */
/* CRC-32C by slicing-by-8: eight table lookups per 8 input bytes. Portable
 * C, independent of the host's byte order. */
#include "common/crc32c.h"

uint32_t vintc_crc32c(const void *buf, size_t len)
{
    const uint8_t *p = buf;
    const uint32_t (*t)[256] = vintc_crc32c_table;
    uint32_t crc = 0xFFFFFFFFu;
    for (; len >= 8; len -= 8, p += 8) {
        uint32_t lo = crc ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 |
                             (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
        crc = t[7][lo & 0xFF] ^ t[6][(lo >> 8) & 0xFF] ^
              t[5][(lo >> 16) & 0xFF] ^ t[4][lo >> 24] ^
              t[3][p[4]] ^ t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]];
    }
    for (; len; len--, p++)
        crc = (crc >> 8) ^ t[0][(crc ^ *p) & 0xFF];
    return ~crc;
}
