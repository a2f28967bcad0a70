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

#endif
