/*
 * Max-pooling of packed ±1 activations ('valid' windows; deploy-model layer maxpool). Pooling sits
 * before BatchNorm+sign in training, so per channel the deployed layer takes
 *   AND of the window's bits (max of ±1 values, where BN increases), or
 *   OR  of the window's bits (min, where BN decreases): bit c of or_mask is set,
 * i.e. out = (AND & ~or_mask) | (OR & or_mask) word by word; padding bits stay 0 (both are 0).
 * Geometry: in_c = out_c = channels, k_h x k_w = the pool window, no padding.
 */
#ifndef ONEBIT_MAXPOOL_H
#define ONEBIT_MAXPOOL_H

#include "conv_geometry.h"

/* Reference: BitPooling.apply of the golden model. */
ONEBIT_INLINE void onebit_maxpool_ref(const uint32_t *in, const uint32_t *or_mask, uint32_t *out,
                                      const onebit_conv_geometry *g)
{
    uint32_t words = onebit_pixel_words(g->in_c);
    for (uint32_t oy = 0; oy < g->out_h; oy++) {
        for (uint32_t ox = 0; ox < g->out_w; ox++) {
            for (uint32_t c = 0; c < words; c++) {
                uint32_t all = 0xFFFFFFFFu;
                uint32_t any = 0;
                for (uint32_t ky = 0; ky < g->k_h; ky++) {
                    for (uint32_t kx = 0; kx < g->k_w; kx++) {
                        uint32_t word = in[((oy * g->stride + ky) * g->in_w + ox * g->stride + kx) * words + c];
                        all &= word;
                        any |= word;
                    }
                }
                out[(oy * g->out_w + ox) * words + c] = (all & ~or_mask[c]) | (any & or_mask[c]);
            }
        }
    }
}

/*
 * Optimised: the same words, walking pointers instead of recomputing indices, and one select
 * all ^ ((all ^ any) & or_mask) instead of two masks; every size is a compile-time constant, so
 * the window loop unrolls (a 2x2 pool: 4 loads, 3 AND, 3 ORR, 3 for the select, 1 store per word).
 */
ONEBIT_INLINE void onebit_maxpool_opt(const uint32_t *in, const uint32_t *or_mask, uint32_t *out,
                                      const onebit_conv_geometry *g)
{
    uint32_t words = onebit_pixel_words(g->in_c);
    uint32_t row = g->in_w * words;
    for (uint32_t oy = 0; oy < g->out_h; oy++) {
        const uint32_t *top_left = in + oy * g->stride * row;
        for (uint32_t ox = 0; ox < g->out_w; ox++) {
            for (uint32_t c = 0; c < words; c++) {
                const uint32_t *p = top_left + c;
                uint32_t all = p[0];
                uint32_t any = p[0];
                for (uint32_t ky = 0; ky < g->k_h; ky++) {
                    for (uint32_t kx = (ky == 0u ? 1u : 0u); kx < g->k_w; kx++) {
                        uint32_t word = p[ky * row + kx * words];
                        all &= word;
                        any |= word;
                    }
                }
                *out++ = all ^ ((all ^ any) & or_mask[c]);
            }
            top_left += g->stride * words;
        }
    }
}

#endif
