/*
 * Hidden binary dense layer with folded BatchNorm + sign. For output j with packed weight row w_j
 * (in_words words) and packed input x:
 *   p_j   = popcount(x XOR w_j)
 *   bit_j = p_j > thresholds[j]      (1 means -1; threshold -1: always 1, threshold K: always 0)
 * Output bits are packed little-endian into ceil(outputs / 32) words, padding bits 0.
 */
#ifndef ONEBIT_DENSE_SIGN_H
#define ONEBIT_DENSE_SIGN_H

#include "xor_popcount.h"

/* Reference: the golden model's loop. */
ONEBIT_INLINE void onebit_dense_sign_ref(const uint32_t *in, const uint32_t *weights, const int16_t *thresholds,
                                         uint32_t *out, uint32_t in_words, uint32_t outputs)
{
    for (uint32_t i = 0; i < (outputs + 31u) / 32u; i++) {
        out[i] = 0;
    }
    for (uint32_t j = 0; j < outputs; j++) {
        int32_t p = (int32_t)onebit_xor_popcount_ref(in, weights + j * in_words, in_words);
        if (p > thresholds[j]) {
            out[j / 32u] |= 1u << (j % 32u);
        }
    }
}

/*
 * Optimised: Harley-Seal popcount per row; threshold - p is negative exactly when the bit is 1, so
 * its sign bit is the output bit. Each output word is assembled in a register (shifted right once
 * per row, so row j of a full word ends at bit j) and stored once.
 */
ONEBIT_INLINE void onebit_dense_sign_opt(const uint32_t *in, const uint32_t *weights, const int16_t *thresholds,
                                         uint32_t *out, uint32_t in_words, uint32_t outputs)
{
    onebit_masks masks = onebit_masks_make();
    for (uint32_t base = 0; base < outputs; base += 32u) {
        uint32_t n = outputs - base < 32u ? outputs - base : 32u;
        uint32_t bits = 0;
        for (uint32_t j = 0; j < n; j++) {
            const uint32_t *x = in;
            ONEBIT_OPAQUE(x); /* re-read the input per row rather than spill a copy to the stack */
            int32_t p = (int32_t)onebit_xor_popcount_opt(x, weights, in_words, masks);
            weights += in_words;
            bits = (bits >> 1) | ((uint32_t)(*thresholds++ - p) & 0x80000000u);
        }
        *out++ = bits >> (32u - n);
    }
}

#endif
