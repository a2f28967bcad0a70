/*
 * BinaryNet's 8-bit first layer as a convolution (deploy-model layer bitplane_conv_sign): raw bytes
 * x (HWC, in_c bytes per pixel) against ±1 weights. With x = sum_k 2^k b_k over the bit planes b_k:
 *   dot = sum over inside taps, k = 0..7 of 2^k (popcount(b_k) - 2 popcount(b_k AND w))
 *   bit = dot < thresholds[o]                              (1 means -1; padding pixels are 0)
 *
 * Two layouts of the weights reach both twins (same signature); each reads its own:
 *   weights[o][ky][kx][words(in_c)]   the deploy model's rows, for the reference
 *   masks[o][ky][row_words]           the window row ky of filter o as bytes: byte j (tap kx = j / in_c,
 *                                     channel j % in_c) is 0xFF where the weight is 1 (-1), else 0;
 *                                     row_words = ceil(k_w * in_c / 4), bytes past k_w * in_c are 0
 */
#ifndef ONEBIT_BITPLANE_CONV_SIGN_H
#define ONEBIT_BITPLANE_CONV_SIGN_H

#include "conv_geometry.h"
#include "popcount.h"

/* Bit plane `plane` of the in_c bytes of one pixel, packed: bit c of word c / 32 = bit `plane` of byte c. */
ONEBIT_INLINE void onebit_bitplane_of_pixel(const uint8_t *pixel, uint32_t in_c, uint32_t plane, uint32_t *bits)
{
    for (uint32_t w = 0; w < onebit_pixel_words(in_c); w++) {
        bits[w] = 0;
    }
    for (uint32_t c = 0; c < in_c; c++) {
        bits[c / 32u] |= (((uint32_t)pixel[c] >> plane) & 1u) << (c % 32u);
    }
}

/* Reference: BitplaneConv.apply of the golden model, literally, one bit plane and word at a time. */
ONEBIT_INLINE void onebit_bitplane_conv_sign_ref(const uint8_t *in, const uint32_t *weights, const int32_t *thresholds,
                                                 const uint32_t *masks, uint32_t *window, uint32_t *out,
                                                 const onebit_conv_geometry *g)
{
    uint32_t in_words = onebit_pixel_words(g->in_c);
    uint32_t out_words = onebit_pixel_words(g->out_c);
    (void)masks;
    for (uint32_t i = 0; i < g->out_h * g->out_w * out_words; i++) {
        out[i] = 0;
    }
    for (uint32_t oy = 0; oy < g->out_h; oy++) {
        for (uint32_t ox = 0; ox < g->out_w; ox++) {
            for (uint32_t o = 0; o < g->out_c; o++) {
                int32_t dot = 0;
                for (uint32_t ky = 0; ky < g->k_h; ky++) {
                    uint32_t iy = onebit_tap_coordinate(oy, ky, g->stride, g->pad_top);
                    for (uint32_t kx = 0; kx < g->k_w; kx++) {
                        uint32_t ix = onebit_tap_coordinate(ox, kx, g->stride, g->pad_left);
                        if (iy >= g->in_h || ix >= g->in_w) {
                            continue; /* padding pixels are 0 in every plane */
                        }
                        const uint8_t *pixel = in + (iy * g->in_w + ix) * g->in_c;
                        const uint32_t *w = weights + ((o * g->k_h + ky) * g->k_w + kx) * in_words;
                        for (uint32_t plane = 0; plane < 8u; plane++) {
                            onebit_bitplane_of_pixel(pixel, g->in_c, plane, window); /* window: in_words words */
                            for (uint32_t c = 0; c < in_words; c++) {
                                int32_t all = (int32_t)onebit_popcount_ref(window[c]);
                                int32_t negative = (int32_t)onebit_popcount_ref(window[c] & w[c]);
                                dot += (all - 2 * negative) * (int32_t)(1u << plane);
                            }
                        }
                    }
                }
                if (dot < thresholds[o]) {
                    out[(oy * g->out_w + ox) * out_words + o / 32u] |= 1u << (o % 32u);
                }
            }
        }
    }
}

/* Words of one window row: k_w * in_c bytes, rounded up to whole words. */
ONEBIT_INLINE uint32_t onebit_window_row_words(const onebit_conv_geometry *g)
{
    return (g->k_w * g->in_c + 3u) / 4u;
}

/* Words of the window buffer both twins use: the optimised window, or one pixel's plane for the reference. */
ONEBIT_INLINE uint32_t onebit_window_words(const onebit_conv_geometry *g)
{
    uint32_t rows = g->k_h * onebit_window_row_words(g);
    return rows > onebit_pixel_words(g->in_c) ? rows : onebit_pixel_words(g->in_c);
}

/*
 * Copies the window of output pixel (oy, ox) into k_h rows of row_words words, byte j of a row being
 * tap j / in_c, channel j % in_c; taps outside the input are 0 (the padding pixel), so both the sum of
 * the window and its masked sums need no bounds later. Once per output pixel, shared by all filters.
 */
ONEBIT_INLINE void onebit_bitplane_window(const uint8_t *in, const onebit_conv_geometry *g, uint32_t oy, uint32_t ox,
                                          uint32_t *window)
{
    uint32_t row_words = onebit_window_row_words(g);
    for (uint32_t ky = 0; ky < g->k_h; ky++) {
        uint32_t iy = onebit_tap_coordinate(oy, ky, g->stride, g->pad_top);
        uint32_t *row = window + ky * row_words;
        uint32_t word = 0;
        uint32_t j = 0;
        for (uint32_t kx = 0; kx < g->k_w; kx++) {
            uint32_t ix = onebit_tap_coordinate(ox, kx, g->stride, g->pad_left);
            bool inside = iy < g->in_h && ix < g->in_w;
            const uint8_t *pixel = in + (inside ? (iy * g->in_w + ix) * g->in_c : 0u);
            for (uint32_t c = 0; c < g->in_c; c++, j++) {
                uint32_t byte = inside ? (uint32_t)pixel[c] : 0u;
                word |= byte << (8u * (j % 4u));
                if (j % 4u == 3u) {
                    row[j / 4u] = word;
                    word = 0;
                }
            }
        }
        if (j % 4u != 0u) {
            row[j / 4u] = word;
        }
    }
}

/*
 * Optimised: dot = sum x - 2 * (sum of the x whose weight is -1), the same integer as the plane
 * formula (sum_k 2^k popcount(b_k) = sum x, and sum_k 2^k popcount(b_k AND w) = sum over w = -1 of x).
 * Per output pixel the window is copied once (onebit_bitplane_window) and summed; per filter and
 * window word: one AND with the byte mask and one byte sum (USADA8 on DSP cores), so a 3x3 window of
 * one channel costs 3 words. bit = dot < T, i.e. the sign of (sum x - T) - 2 S; output words are
 * assembled in a register as in dense_sign_opt.
 */
ONEBIT_INLINE void onebit_bitplane_conv_sign_opt(const uint8_t *in, const uint32_t *weights, const int32_t *thresholds,
                                                 const uint32_t *masks, uint32_t *window, uint32_t *out,
                                                 const onebit_conv_geometry *g)
{
    uint32_t out_words = onebit_pixel_words(g->out_c);
    uint32_t words = g->k_h * onebit_window_row_words(g);
    (void)weights;
    for (uint32_t oy = 0; oy < g->out_h; oy++) {
        for (uint32_t ox = 0; ox < g->out_w; ox++) {
            onebit_bitplane_window(in, g, oy, ox, window);
            uint32_t total = 0;
            for (uint32_t j = 0; j < words; j++) {
                total = onebit_sum_bytes_acc(total, window[j]);
            }
            const uint32_t *mask = masks;
            uint32_t *pixel_out = out + (oy * g->out_w + ox) * out_words;
            for (uint32_t base = 0; base < g->out_c; base += 32u) {
                uint32_t n = g->out_c - base < 32u ? g->out_c - base : 32u;
                uint32_t bits = 0;
                for (uint32_t o = 0; o < n; o++) {
                    uint32_t negative = 0;
                    for (uint32_t j = 0; j < words; j++) {
                        negative = onebit_sum_bytes_acc(negative, window[j] & mask[j]);
                    }
                    mask += words;
                    int32_t margin = (int32_t)total - thresholds[base + o] - 2 * (int32_t)negative;
                    bits = (bits >> 1) | ((uint32_t)margin & 0x80000000u);
                }
                *pixel_out++ = bits >> (32u - n);
            }
        }
    }
}

#endif
