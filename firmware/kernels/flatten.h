/*
 * Flatten (deploy-model layer flatten): element (pixel, c) of an HWC tensor with words(channels)
 * words per pixel becomes bit pixel * channels + c of one packed vector. The code generator calls
 * this only when the layouts differ (channels not a multiple of 32, more than one pixel); otherwise
 * the layer is an alias of its input and no C runs.
 */
#ifndef ONEBIT_FLATTEN_H
#define ONEBIT_FLATTEN_H

#include "conv_geometry.h"

/* Reference: GoldenModel.flatten, bit by bit. */
ONEBIT_INLINE void onebit_flatten_ref(const uint32_t *in, uint32_t *out, uint32_t pixels, uint32_t channels)
{
    uint32_t words = onebit_pixel_words(channels);
    for (uint32_t i = 0; i < onebit_pixel_words(pixels * channels); i++) {
        out[i] = 0;
    }
    for (uint32_t pixel = 0; pixel < pixels; pixel++) {
        for (uint32_t c = 0; c < channels; c++) {
            uint32_t bit = (in[pixel * words + c / 32u] >> (c % 32u)) & 1u;
            uint32_t at = pixel * channels + c;
            out[at / 32u] |= bit << (at % 32u);
        }
    }
}

/*
 * Optimised: whole words. Each pixel word (its bits past `channels` are 0) is ORed in at bit
 * position `at`: its low part into word at / 32, the bits that cross into the next word after a
 * right shift. The output is cleared first because words are ORed together.
 */
ONEBIT_INLINE void onebit_flatten_opt(const uint32_t *in, uint32_t *out, uint32_t pixels, uint32_t channels)
{
    uint32_t words = onebit_pixel_words(channels);
    for (uint32_t i = 0; i < onebit_pixel_words(pixels * channels); i++) {
        out[i] = 0;
    }
    uint32_t at = 0;
    for (uint32_t pixel = 0; pixel < pixels; pixel++) {
        for (uint32_t w = 0; w < words; w++) {
            uint32_t value = *in++;
            uint32_t shift = at % 32u;
            uint32_t length = channels - 32u * w < 32u ? channels - 32u * w : 32u;
            out[at / 32u] |= value << shift;
            /* the second test is implied by the first (the bits exist); it tells the compiler so */
            if (shift != 0u && shift + length > 32u && at / 32u + 1u < onebit_pixel_words(pixels * channels)) {
                out[at / 32u + 1u] |= value >> (32u - shift);
            }
            at += length;
        }
    }
}

#endif
