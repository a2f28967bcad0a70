/*
 * Population count (number of set bits) of 32-bit words.
 *
 * Never __builtin_popcount: on Cortex-M it becomes a call to libgcc's __popcountsi2, which the
 * firmware deliberately does not link.
 */
#ifndef ONEBIT_POPCOUNT_H
#define ONEBIT_POPCOUNT_H

#include "config.h"

/* Reference: test each of the 32 bits. */
ONEBIT_INLINE uint32_t onebit_popcount_ref(uint32_t x)
{
    uint32_t count = 0;
    for (uint32_t bit = 0; bit < 32u; bit++) {
        count += (x >> bit) & 1u;
    }
    return count;
}

/* The SWAR masks, made once per kernel call and kept in registers (see ONEBIT_OPAQUE). */
typedef struct {
    uint32_t m1; /* 0x55555555: low bit of every 2-bit field */
    uint32_t m2; /* 0x33333333: low half of every nibble */
    uint32_t m4; /* 0x0F0F0F0F: low nibble of every byte */
} onebit_masks;

/*
 * Thumb-2 encodes every replicated-byte constant (0xXYXYXYXY, 0x00XY00XY, ...) as an immediate, so
 * the SWAR steps can mask first and shift in the second operand, which needs no mask register:
 *   x - ((x & 0xAAAAAAAA) >> 1)  is  AND (immediate) + SUB (shifted operand)
 * and the three registers stay free for the carry-save trees. Thumb-1 (M0, M0+) has neither
 * wide immediates nor shifted operands: there the masks live in registers.
 */
#if defined(__thumb2__)
#define ONEBIT_MASK_IMMEDIATES 1
#else
#define ONEBIT_MASK_IMMEDIATES 0
#endif

ONEBIT_INLINE onebit_masks onebit_masks_make(void)
{
    onebit_masks m = {0x55555555u, 0x33333333u, 0x0F0F0F0Fu};
#if !ONEBIT_MASK_IMMEDIATES
    ONEBIT_OPAQUE(m.m1);
    ONEBIT_OPAQUE(m.m2);
    ONEBIT_OPAQUE(m.m4);
#endif
    return m;
}

/* The three SWAR steps (see onebit_popcount_bytes), each in the cheaper form for the core. */
ONEBIT_INLINE uint32_t onebit_swar_pairs(uint32_t x, onebit_masks m)
{
#if ONEBIT_MASK_IMMEDIATES
    uint32_t high = x & 0xAAAAAAAAu;
    (void)m;
    ONEBIT_OPAQUE(high); /* else gcc rewrites (x & C) >> 1 as (x >> 1) & (C >> 1): one more instruction */
    return x - (high >> 1);
#else
    return x - ((x >> 1) & m.m1);
#endif
}

ONEBIT_INLINE uint32_t onebit_swar_nibbles(uint32_t y, onebit_masks m)
{
#if ONEBIT_MASK_IMMEDIATES
    uint32_t high = y & 0xCCCCCCCCu;
    (void)m;
    ONEBIT_OPAQUE(high);
    return (y & 0x33333333u) + (high >> 2);
#else
    return (y & m.m2) + ((y >> 2) & m.m2);
#endif
}

/* Byte sums of nibble pairs whose total may exceed 15 (masks both halves first). */
ONEBIT_INLINE uint32_t onebit_swar_nibble_pairs(uint32_t v, onebit_masks m)
{
#if ONEBIT_MASK_IMMEDIATES
    uint32_t high = v & 0xF0F0F0F0u;
    (void)m;
    ONEBIT_OPAQUE(high);
    return (v & 0x0F0F0F0Fu) + (high >> 4);
#else
    return (v & m.m4) + ((v >> 4) & m.m4);
#endif
}

/*
 * Byte-wise popcount (SWAR): byte k of the result is the number of set bits in byte k of x.
 *   2-bit fields: x - ((x >> 1) & m1)              = b1 + b0          (0..2)
 *   nibbles:      (y & m2) + ((y >> 2) & m2)                          (0..4)
 *   bytes:        (z + (z >> 4)) & m4                                 (0..8, no carry out)
 * With the masks in registers (Thumb-1) or as immediates (Thumb-2) every shift rides on the
 * barrel shifter where there is one: 7 instructions.
 */
ONEBIT_INLINE uint32_t onebit_popcount_bytes(uint32_t x, onebit_masks m)
{
    x = onebit_swar_nibbles(onebit_swar_pairs(x, m), m);
    return (x + (x >> 4)) & m.m4;
}

/* Sum of the four bytes of b (any byte values): one USAD8 with DSP, two halfword folds without. */
ONEBIT_INLINE uint32_t onebit_sum_bytes(uint32_t b)
{
#if ONEBIT_HAVE_USAD8
    uint32_t sum;
    __asm__("usad8 %0, %1, %2" : "=r"(sum) : "r"(b), "r"(0u));
    return sum;
#else
    b = (b & 0x00FF00FFu) + ((b >> 8) & 0x00FF00FFu);
    return (b + (b >> 16)) & 0xFFFFu;
#endif
}

/* acc + the sum of the four bytes of b: one USADA8 with DSP. */
ONEBIT_INLINE uint32_t onebit_sum_bytes_acc(uint32_t acc, uint32_t b)
{
#if ONEBIT_HAVE_USAD8
    __asm__("usada8 %0, %1, %2, %0" : "+r"(acc) : "r"(b), "r"(0u));
    return acc;
#else
    return acc + onebit_sum_bytes(b);
#endif
}

/* Optimised: byte-wise counts, then one horizontal sum. */
ONEBIT_INLINE uint32_t onebit_popcount_opt(uint32_t x)
{
    return onebit_sum_bytes(onebit_popcount_bytes(x, onebit_masks_make()));
}

#endif
