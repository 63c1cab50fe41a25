/* SPDX-License-Identifier: MIT */
/* CRC-32C: the SSE4.2 CRC32 instruction on x86-64 when the CPU has it,
 * otherwise slicing-by-8 (eight table lookups per 8 input bytes), portable C
 * independent of the host's byte order. Both compute the same function;
 * VINTC_CRC32C_PORTABLE forces the portable one (the sanitizer builds use
 * it, so the test suite checks both). */
#include "common/crc32c.h"

#include <stdbool.h>

static uint32_t crc32c_sw(uint32_t crc, const uint8_t *p, size_t len)
{
    const uint32_t(*t)[256] = vintc_crc32c_table;
    for (; len >= 8; len -= 8, p += 8) {
        uint32_t lo = crc ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 |
                             (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
        crc = t[7][lo & 0xFF] ^ t[6][(lo >> 8) & 0xFF] ^
              t[5][(lo >> 16) & 0xFF] ^ t[4][lo >> 24] ^ t[3][p[4]] ^
              t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]];
    }
    for (; len; len--, p++)
        crc = (crc >> 8) ^ t[0][(crc ^ *p) & 0xFF];
    return crc;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) &&        \
    !defined(VINTC_CRC32C_PORTABLE)
#define VINTC_CRC32C_HW 1
/* The instruction works on little-endian words, which x86-64 is. */
__attribute__((target("sse4.2"))) static uint32_t
crc32c_hw(uint32_t crc, const uint8_t *p, size_t len)
{
    uint64_t c = crc;
    for (; len >= 8; len -= 8, p += 8) {
        uint64_t w;
        __builtin_memcpy(&w, p, 8);
        c = __builtin_ia32_crc32di(c, w);
    }
    uint32_t c32 = (uint32_t)c;
    for (; len; len--, p++)
        c32 = __builtin_ia32_crc32qi(c32, *p);
    return c32;
}

static bool have_hw(void)
{
    return __builtin_cpu_supports("sse4.2");
}
#endif

uint32_t vintc_crc32c(const void *buf, size_t len)
{
#ifdef VINTC_CRC32C_HW
    if (have_hw())
        return ~crc32c_hw(0xFFFFFFFFu, buf, len);
#endif
    return ~crc32c_sw(0xFFFFFFFFu, buf, len);
}
