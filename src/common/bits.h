/* SPDX-License-Identifier: MIT */
/* Bit and byte-order helpers. */
#ifndef VINTC_COMMON_BITS_H
#define VINTC_COMMON_BITS_H

#include <stdbool.h>
#include <stdint.h>

#define VINTC_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__) || defined(__clang__)
#define vintc_likely(x)   __builtin_expect(!!(x), 1)
#define vintc_unlikely(x) __builtin_expect(!!(x), 0)
/* For the few helpers of a hot path that -O2 would leave out of line. */
#define VINTC_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define vintc_likely(x)     (x)
#define vintc_unlikely(x)   (x)
#define VINTC_ALWAYS_INLINE inline
#endif

/* Index of the lowest set bit; v must be non-zero. */
static inline unsigned vintc_ctz32(uint32_t v)
{
#if defined(__GNUC__) || defined(__clang__)
    return (unsigned)__builtin_ctz(v);
#else
    unsigned n = 0;
    while (!(v & 1u)) {
        v >>= 1;
        n++;
    }
    return n;
#endif
}

static inline unsigned vintc_ctz64(uint64_t v)
{
#if defined(__GNUC__) || defined(__clang__)
    return (unsigned)__builtin_ctzll(v);
#else
    unsigned n = 0;
    while (!(v & 1u)) {
        v >>= 1;
        n++;
    }
    return n;
#endif
}

static inline unsigned vintc_popcount32(uint32_t v)
{
#if defined(__GNUC__) || defined(__clang__)
    return (unsigned)__builtin_popcount(v);
#else
    unsigned n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
#endif
}

/* Mask of the low n bits, n in 0..32. */
static inline uint32_t vintc_mask32(unsigned n)
{
    return n >= 32 ? 0xFFFFFFFFu : ((1u << n) - 1u);
}

static inline void vintc_put_be16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static inline void vintc_put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static inline void vintc_put_be64(uint8_t *p, uint64_t v)
{
    vintc_put_be32(p, (uint32_t)(v >> 32));
    vintc_put_be32(p + 4, (uint32_t)v);
}

static inline uint16_t vintc_get_be16(const uint8_t *p)
{
    return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static inline uint32_t vintc_get_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

static inline uint64_t vintc_get_be64(const uint8_t *p)
{
    return (uint64_t)vintc_get_be32(p) << 32 | vintc_get_be32(p + 4);
}

#endif
