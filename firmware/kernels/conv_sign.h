/*
 * Binary convolution with folded BatchNorm + sign (deploy-model layer conv_sign), on packed HWC
 * activations (in_c channels per pixel in words(in_c) words, padding bits 0). For output pixel
 * (y, x) and channel o, with K = k_h * k_w * in_c:
 *   p   = sum over taps of popcount(in[tap pixel] XOR w[o][tap])   (a tap outside the input reads
 *         the padding value +1, bit 0, and so contributes popcount(w[o][tap]))
 *   bit = p > thresholds[o]                                          (1 means -1)
 *
 * Two layouts of the same weights reach both twins (same signature); each reads its own and the
 * compiler drops the other array:
 *   weights[o][ky][kx][words(in_c)]    the deploy model's rows, for the reference
 *   columns[g][tap][in_c + 1]          bit r = weight bit of filter 32g + r at (tap, channel c);
 *                                      word in_c of every tap is 0 (the padded lists point at it)
 *   planes[g][M]                       bit r of plane k = bit k of a_r = Pw_r - T_r (M-bit two's
 *                                      complement, Pw_r = 1 bits of filter 32g + r over all taps)
 */
#ifndef ONEBIT_CONV_SIGN_H
#define ONEBIT_CONV_SIGN_H

#include "cols_sign.h"
#include "conv_geometry.h"

/* Reference: BinaryConv.apply of the golden model, one output bit at a time. */
ONEBIT_INLINE void onebit_conv_sign_ref(const uint32_t *in, const uint32_t *weights, const int16_t *thresholds,
                                        const uint32_t *columns, const uint32_t *planes, uint32_t *lists,
                                        uint32_t *out, const onebit_conv_geometry *g, uint32_t sign_planes,
                                        uint32_t count_planes)
{
    uint32_t in_words = onebit_pixel_words(g->in_c);
    uint32_t out_words = onebit_pixel_words(g->out_c);
    (void)columns;
    (void)planes;
    (void)lists;
    (void)sign_planes;
    (void)count_planes;
    for (uint32_t i = 0; i < g->out_h * g->out_w * out_words; i++) {
        out[i] = 0;
    }
    for (uint32_t oy = 0; oy < g->out_h; oy++) {
        for (uint32_t ox = 0; ox < g->out_w; ox++) {
            uint32_t *pixel_out = out + (oy * g->out_w + ox) * out_words;
            for (uint32_t o = 0; o < g->out_c; o++) {
                int32_t p = 0;
                for (uint32_t ky = 0; ky < g->k_h; ky++) {
                    uint32_t iy = onebit_tap_coordinate(oy, ky, g->stride, g->pad_top);
                    for (uint32_t kx = 0; kx < g->k_w; kx++) {
                        uint32_t ix = onebit_tap_coordinate(ox, kx, g->stride, g->pad_left);
                        const uint32_t *w = weights + ((o * g->k_h + ky) * g->k_w + kx) * in_words;
                        bool inside = iy < g->in_h && ix < g->in_w; /* negative coordinates wrap to large */
                        for (uint32_t c = 0; c < in_words; c++) {
                            uint32_t x = inside ? in[(iy * g->in_w + ix) * in_words + c] : 0u;
                            p += (int32_t)onebit_popcount_ref(x ^ w[c]);
                        }
                    }
                }
                if (p > thresholds[o]) {
                    pixel_out[o / 32u] |= 1u << (o % 32u);
                }
            }
        }
    }
}

/* Words of one input pixel's list: its count, then its offsets padded to whole blocks of 8. */
ONEBIT_INLINE uint32_t onebit_conv_list_slot(uint32_t in_c)
{
    return 1u + (in_c + 7u) / 8u * 8u;
}

/* Lists one input row: per pixel, its count of 1 bits, then their offsets padded to blocks of 8. */
ONEBIT_INLINE void onebit_conv_list_row(const uint32_t *row, const onebit_conv_geometry *g, uint32_t *lists)
{
    uint32_t in_words = onebit_pixel_words(g->in_c);
    uint32_t slot = onebit_conv_list_slot(g->in_c);
    for (uint32_t x = 0; x < g->in_w; x++) {
        lists[x * slot] = onebit_cols_list_padded(row + x * in_words, g->in_c, 0u, lists + x * slot + 1, 7u);
    }
}

/*
 * Optimised ("columns"): p_r = Pw_r + n - 2 S_r, where n is the number of 1 bits (-1 inputs) in the
 * window and S_r the number of them where filter r's weight is 1 too (outside taps hold no 1 bits,
 * so the formula covers the padding). So every input pixel's 1 bits are listed once as byte offsets
 * 4c (padded with 4 in_c, the zero column, to blocks of 8), a row at a time into a ring of k_h rows
 * (the rows one output row reads; rows are listed as the output rows advance); then per output pixel and
 * group of 32 filters the listed columns of each inside tap go through bit-sliced carry-save
 * counters (onebit_cols_block: 45 instructions per 8 listed bits on Thumb-2, i.e. 32 filters), and
 * bit_r = (a_r + n - 1 - 2 S_r >= 0) comes plane by plane (onebit_cols_sign_ones). The work follows
 * the number of 1 bits, not K: 45/8 per listed bit and group in the blocks; with the padding of each
 * tap's list, the ripples, the per-tap setup and the sign planes about 10 on the M4 (cnn-ref).
 */
/* row mod k by subtraction: the M0 has no divide instruction and the firmware links no libgcc, so
 * a run-time % would not link. Called once per listed row and once per output row (row / k is small). */
ONEBIT_INLINE uint32_t onebit_ring_slot(uint32_t row, uint32_t k)
{
    while (row >= k) {
        row -= k;
    }
    return row;
}

ONEBIT_INLINE void onebit_conv_sign_opt(const uint32_t *in, const uint32_t *weights, const int16_t *thresholds,
                                        const uint32_t *columns, const uint32_t *planes, uint32_t *lists,
                                        uint32_t *out, const onebit_conv_geometry *g, uint32_t sign_planes,
                                        uint32_t count_planes)
{
    uint32_t in_words = onebit_pixel_words(g->in_c);
    uint32_t out_words = onebit_pixel_words(g->out_c);
    uint32_t slot = onebit_conv_list_slot(g->in_c);
    uint32_t tap_words = g->in_c + 1u;
    uint32_t group_words = g->k_h * g->k_w * tap_words;
    (void)weights;
    (void)thresholds;
    uint32_t next_row = 0; /* the first input row not listed yet */
    for (uint32_t oy = 0; oy < g->out_h; oy++) {
        /* List the rows this output row reads that are not listed yet; row iy goes to ring slot iy % k_h. */
        uint32_t first_row = oy * g->stride < g->pad_top ? 0u : oy * g->stride - g->pad_top;
        uint32_t end_row = oy * g->stride + g->k_h - g->pad_top;
        end_row = end_row < g->in_h ? end_row : g->in_h;
        next_row = next_row > first_row ? next_row : first_row;
        for (; next_row < end_row; next_row++) {
            onebit_conv_list_row(in + next_row * g->in_w * in_words, g,
                                 lists + onebit_ring_slot(next_row, g->k_h) * g->in_w * slot);
        }
        /* The taps inside the input, per axis: t with 0 <= o * stride + t - pad < size (no checks per tap). */
        uint32_t ky_begin = g->pad_top > oy * g->stride ? g->pad_top - oy * g->stride : 0u;
        uint32_t ky_end = g->in_h + g->pad_top - oy * g->stride;
        ky_end = ky_end < g->k_h ? ky_end : g->k_h;
        /* ring slot of the first inside tap's row; the next taps' rows follow it round the ring */
        uint32_t ring_begin = onebit_ring_slot(onebit_tap_coordinate(oy, ky_begin, g->stride, g->pad_top), g->k_h);
        for (uint32_t ox = 0; ox < g->out_w; ox++) {
            uint32_t kx_begin = g->pad_left > ox * g->stride ? g->pad_left - ox * g->stride : 0u;
            uint32_t kx_end = g->in_w + g->pad_left - ox * g->stride;
            kx_end = kx_end < g->k_w ? kx_end : g->k_w;
            for (uint32_t group = 0; group < out_words; group++) {
                const uint32_t *group_columns = columns + group * group_words;
                /* Zeroed by a loop over the planes in use, not "= {0}": an aggregate initialiser of this
                   size becomes a memset call (GCC's freestanding contract), and most planes are unused. */
                uint32_t count[ONEBIT_COLS_MAX_COUNT_PLANES];
                for (uint32_t k = 0; k < count_planes; k++) {
                    count[k] = 0;
                }
                uint32_t n = 0;
                uint32_t ring = ring_begin;
                for (uint32_t ky = ky_begin; ky < ky_end; ky++) {
                    const uint32_t *list = lists + (ring * g->in_w + ox * g->stride + kx_begin - g->pad_left) * slot;
                    ring = ring + 1u == g->k_h ? 0u : ring + 1u;
                    const uint32_t *tap_columns = group_columns + (ky * g->k_w + kx_begin) * tap_words;
                    for (uint32_t kx = kx_begin; kx < kx_end; kx++) {
                        n += list[0];
                        onebit_cols_count_tap((const uint8_t *)(const void *)tap_columns, list + 1, list[0], count,
                                              count_planes);
                        list += slot;
                        tap_columns += tap_words;
                    }
                }
                uint32_t bits = onebit_cols_sign_ones(count, count_planes, planes + group * sign_planes, sign_planes, n);
                if (g->out_c - group * 32u < 32u) {
                    bits &= (1u << (g->out_c - group * 32u)) - 1u;
                }
                out[(oy * g->out_w + ox) * out_words + group] = bits;
            }
        }
    }
}

#endif
