/*
 * Threshold input encoding: raw byte i becomes bit i of the packed input,
 *   bit = 0 (+1) when input[i] >= threshold, else 1 (-1),
 * little-endian within words; padding bits of the last word are 0.
 */
#ifndef ONEBIT_ENCODE_THRESHOLD_H
#define ONEBIT_ENCODE_THRESHOLD_H

#include "config.h"

/* Reference: clear the output, then set one bit per dark pixel. */
ONEBIT_INLINE void onebit_encode_threshold_ref(const uint8_t *input, uint32_t size, int32_t threshold,
                                               uint32_t *out)
{
    for (uint32_t i = 0; i < (size + 31u) / 32u; i++) {
        out[i] = 0;
    }
    for (uint32_t i = 0; i < size; i++) {
        if ((int32_t)input[i] < threshold) {
            out[i / 32u] |= 1u << (i % 32u);
        }
    }
}

/*
 * Optimised: each word is assembled in a register. input[i] - threshold is negative exactly when
 * the bit is 1, so its sign bit is the bit; shifting the word right once per pixel leaves pixel j
 * of a full word at bit j (a partial last word is shifted down at the end).
 */
ONEBIT_INLINE void onebit_encode_threshold_opt(const uint8_t *input, uint32_t size, int32_t threshold,
                                               uint32_t *out)
{
    for (uint32_t base = 0; base < size; base += 32u) {
        uint32_t n = size - base < 32u ? size - base : 32u;
        uint32_t bits = 0;
        for (uint32_t j = 0; j < n; j++) {
            bits = (bits >> 1) | ((uint32_t)((int32_t)input[base + j] - threshold) & 0x80000000u);
        }
        *out++ = bits >> (32u - n);
    }
}


#if ONEBIT_HAVE_USAD8
/* A 32-bit load from any byte address (Thumb-2 LDR allows unaligned addresses). */
typedef struct __attribute__((packed)) {
    uint32_t value;
} onebit_unaligned_word;

/*
 * DSP cores: four pixels per step. USUB8 of (t - 1 in every byte) minus four pixel bytes sets
 * GE[i] exactly when t - 1 >= pixel i, i.e. pixel i < t (bit 1); MRS APSR returns GE[3:0] in
 * bits 19:16, and shifting left by 12 lifts them to bits 31:28. The word is assembled from the top,
 * 4 bits per step (then 1 bit per leftover pixel, as in the portable version), so pixel j of a
 * word of n pixels ends at bit 32 - n + j before the final shift. 5 instructions per 4 pixels
 * (LDR, USUB8, MRS, LSL, ORR with a shifted operand) instead of 4-5 per pixel. Needs
 * 1 <= t <= 256; other thresholds take the portable version.
 */
/* Four pixels into the top 4 bits of bits, which shifts down by 4 (see above). */
ONEBIT_INLINE uint32_t onebit_encode_four(uint32_t bits, const uint8_t *pixels, uint32_t below)
{
    uint32_t word = ((const onebit_unaligned_word *)(const void *)pixels)->value;
    uint32_t ge;
    __asm__("usub8 %0, %1, %2\n\tmrs %0, APSR" : "=&r"(ge) : "r"(below), "r"(word) : "cc");
    return (ge << 12) | (bits >> 4);
}

ONEBIT_INLINE void onebit_encode_threshold_dsp(const uint8_t *input, uint32_t size, int32_t threshold,
                                               uint32_t *out)
{
    uint32_t below = 0x01010101u * (uint32_t)(threshold - 1);
    uint32_t base = 0;
    /* Full words: 8 steps of 4 pixels, a constant trip count the compiler unrolls. */
    for (; base + 32u <= size; base += 32u) {
        uint32_t bits = 0;
        for (uint32_t j = 0; j < 32u; j += 4u) {
            bits = onebit_encode_four(bits, input + base + j, below);
        }
        *out++ = bits;
    }
    /* The last, partial word (size is a literal in model.c, so n is known at compile time). */
    if (base < size) {
        uint32_t n = size - base;
        uint32_t bits = 0;
        uint32_t j = 0;
        for (; j + 4u <= n; j += 4u) {
            bits = onebit_encode_four(bits, input + base + j, below);
        }
        for (; j < n; j++) {
            bits = (bits >> 1) | ((uint32_t)((int32_t)input[base + j] - threshold) & 0x80000000u);
        }
        *out = bits >> (32u - n);
    }
}
#endif

#endif
