/*
 * Output binary dense layer: int32 class scores through a per-class fixed-point affine map,
 *   score_j = scale[j] * (K - 2 * popcount(x XOR w_j)) + offset[j].
 * The model loader checks |scale| * K + |offset| <= INT32_MAX, so no step overflows.
 */
#ifndef ONEBIT_DENSE_OUTPUT_H
#define ONEBIT_DENSE_OUTPUT_H

#include "xor_popcount.h"

/* Reference: the golden model's loop. */
ONEBIT_INLINE void onebit_dense_output_ref(const uint32_t *in, const uint32_t *weights, const int32_t *scale,
                                           const int32_t *offset, int32_t *scores, uint32_t inputs,
                                           uint32_t in_words, uint32_t outputs)
{
    for (uint32_t j = 0; j < outputs; j++) {
        int32_t p = (int32_t)onebit_xor_popcount_ref(in, weights + j * in_words, in_words);
        int32_t dot = (int32_t)inputs - 2 * p;
        scores[j] = scale[j] * dot + offset[j];
    }
}

/* Optimised: the same map on the Harley-Seal popcount (one RSB with shift and one MLA per class). */
ONEBIT_INLINE void onebit_dense_output_opt(const uint32_t *in, const uint32_t *weights, const int32_t *scale,
                                           const int32_t *offset, int32_t *scores, uint32_t inputs,
                                           uint32_t in_words, uint32_t outputs)
{
    onebit_masks masks = onebit_masks_make();
    for (uint32_t j = 0; j < outputs; j++) {
        int32_t p = (int32_t)onebit_xor_popcount_opt(in, weights, in_words, masks);
        weights += in_words;
        scores[j] = scale[j] * ((int32_t)inputs - 2 * p) + offset[j];
    }
}

#endif
