/*
 * Raw integer inputs (deploy-model InputSpec with a sample_type other than uint8, a map, or
 * per-channel thresholds). The entry point takes the sensor's integers as they are: uint8_t,
 * int8_t, uint16_t or int16_t, HWC (element i of a sample has channel i mod C). Two steps:
 *
 *   onebit_input_map                    (bitplane input) per channel c, into the 8-bit values the
 *                                       first layer reads:
 *       x' = min(max(x, low[c]), high[c]);  q = ((uint32_t)(x' - low[c]) * multiplier[c]) >> shift
 *                                       codegen checked (high - low) * multiplier < 2^32, q <= 255.
 *   onebit_encode_channel_thresholds    (threshold input) bit = 1 (-1) when x < thresholds[c], else 0,
 *                                       flat (bit p * C + c) or per pixel (bit c of the pixel's
 *                                       words(C) words), as the first layer reads them.
 *
 * The element type is a compile-time constant of the generated call, so onebit_raw_value's switch
 * folds away in these always-inlined kernels and the loops read the array with its own type.
 */
#ifndef ONEBIT_RAW_INPUT_H
#define ONEBIT_RAW_INPUT_H

#include <stdbool.h>

#include "conv_geometry.h"

typedef enum {
    ONEBIT_SAMPLE_UINT8,
    ONEBIT_SAMPLE_INT8,
    ONEBIT_SAMPLE_UINT16,
    ONEBIT_SAMPLE_INT16
} onebit_sample_type;

/* Element i of a raw sample of the given type, widened to int32. */
ONEBIT_INLINE int32_t onebit_raw_value(const void *input, uint32_t i, onebit_sample_type type)
{
    switch (type) {
    case ONEBIT_SAMPLE_INT8:
        return ((const int8_t *)input)[i];
    case ONEBIT_SAMPLE_UINT16:
        return ((const uint16_t *)input)[i];
    case ONEBIT_SAMPLE_INT16:
        return ((const int16_t *)input)[i];
    case ONEBIT_SAMPLE_UINT8:
    default:
        return ((const uint8_t *)input)[i];
    }
}

/*
 * The per-channel map to 8 bits (one version: the plain loop, with the channel as the inner loop so
 * no division is needed, is already what an optimised one would be; ~8 instructions per element).
 */
ONEBIT_INLINE void onebit_input_map(const void *input, onebit_sample_type type, uint32_t pixels, uint32_t channels,
                                    const int32_t *low, const int32_t *high, const uint32_t *multiplier,
                                    uint32_t shift, uint8_t *out)
{
    uint32_t i = 0;
    for (uint32_t p = 0; p < pixels; p++) {
        for (uint32_t c = 0; c < channels; c++, i++) {
            int32_t x = onebit_raw_value(input, i, type);
            x = x < low[c] ? low[c] : x > high[c] ? high[c] : x;
            out[i] = (uint8_t)(((uint32_t)(x - low[c]) * multiplier[c]) >> shift);
        }
    }
}

/* Bits one pixel takes in the packed input: C (flat) or 32 words(C) (per pixel). */
ONEBIT_INLINE uint32_t onebit_encoded_pixel_bits(uint32_t channels, bool flat)
{
    return flat ? channels : 32u * onebit_pixel_words(channels);
}

/* Reference: clear the output, then set one bit per element below its channel's threshold. */
ONEBIT_INLINE void onebit_encode_channel_thresholds_ref(const void *input, onebit_sample_type type, uint32_t pixels,
                                                        uint32_t channels, const int32_t *thresholds, bool flat,
                                                        uint32_t *out)
{
    uint32_t pixel_bits = onebit_encoded_pixel_bits(channels, flat);
    uint32_t words = (pixels * pixel_bits + 31u) / 32u;
    for (uint32_t w = 0; w < words; w++) {
        out[w] = 0;
    }
    for (uint32_t p = 0; p < pixels; p++) {
        for (uint32_t c = 0; c < channels; c++) {
            if (onebit_raw_value(input, p * channels + c, type) < thresholds[c]) {
                uint32_t bit = p * pixel_bits + c;
                out[bit / 32u] |= 1u << (bit % 32u);
            }
        }
    }
}

/*
 * Optimised: each word is assembled in a register, as onebit_encode_threshold_opt does: x - t is
 * negative exactly when the bit is 1 (|x - t| < 2^17, no overflow), so its sign bit shifted in from
 * the top is the bit. A word is stored when it holds 32 bits, and also at the end of each pixel in the
 * per-pixel layout (the rest of that pixel's last word stays 0).
 */
ONEBIT_INLINE void onebit_encode_channel_thresholds_opt(const void *input, onebit_sample_type type, uint32_t pixels,
                                                        uint32_t channels, const int32_t *thresholds, bool flat,
                                                        uint32_t *out)
{
    uint32_t bits = 0;
    uint32_t n = 0; /* bits in the register */
    uint32_t i = 0;
    for (uint32_t p = 0; p < pixels; p++) {
        for (uint32_t c = 0; c < channels; c++, i++) {
            bits = (bits >> 1) | ((uint32_t)(onebit_raw_value(input, i, type) - thresholds[c]) & 0x80000000u);
            if (++n == 32u) {
                *out++ = bits;
                n = 0;
            }
        }
        if (!flat && n != 0u) {
            *out++ = bits >> (32u - n);
            n = 0;
        }
    }
    if (n != 0u) {
        *out = bits >> (32u - n);
    }
}

#endif
