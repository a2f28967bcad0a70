/*
 * The kernels the generated model.c calls. Each forwards to the optimised or the reference
 * version (see config.h); both have the same signature and tests hold them equal.
 */
#ifndef ONEBIT_KERNELS_H
#define ONEBIT_KERNELS_H

#include "argmax.h"
#include "bitplane_conv_sign.h"
#include "conv_sign.h"
#include "dense_output.h"
#include "dense_sign.h"
#include "dense_sign_cols.h"
#include "encode_threshold.h"
#include "flatten.h"
#include "maxpool.h"
#include "raw_input.h"

ONEBIT_INLINE void onebit_encode_threshold(const uint8_t *input, uint32_t size, int32_t threshold, uint32_t *out)
{
#if ONEBIT_OPTIMISED && ONEBIT_HAVE_USAD8
    if (threshold >= 1 && threshold <= 256) {
        onebit_encode_threshold_dsp(input, size, threshold, out);
    } else {
        onebit_encode_threshold_opt(input, size, threshold, out);
    }
#elif ONEBIT_OPTIMISED
    onebit_encode_threshold_opt(input, size, threshold, out);
#else
    onebit_encode_threshold_ref(input, size, threshold, out);
#endif
}

/*
 * Threshold encoding for a convolution or pooling first layer: HWC with words(channels) words per
 * pixel, i.e. each pixel's bytes encoded as a vector of its own (the flat encoding of `channels` bytes).
 */
ONEBIT_INLINE void onebit_encode_threshold_pixels(const uint8_t *input, uint32_t pixels, uint32_t channels,
                                                  int32_t threshold, uint32_t *out)
{
    for (uint32_t pixel = 0; pixel < pixels; pixel++) {
        onebit_encode_threshold(input + pixel * channels, channels, threshold, out + pixel * onebit_pixel_words(channels));
    }
}

ONEBIT_INLINE void onebit_encode_channel_thresholds(const void *input, onebit_sample_type type, uint32_t pixels,
                                                    uint32_t channels, const int32_t *thresholds, bool flat,
                                                    uint32_t *out)
{
#if ONEBIT_OPTIMISED
    onebit_encode_channel_thresholds_opt(input, type, pixels, channels, thresholds, flat, out);
#else
    onebit_encode_channel_thresholds_ref(input, type, pixels, channels, thresholds, flat, out);
#endif
}

ONEBIT_INLINE void onebit_conv_sign(const uint32_t *in, const uint32_t *weights, const int16_t *thresholds,
                                    const uint32_t *columns, const uint32_t *planes, uint32_t *lists, uint32_t *out,
                                    const onebit_conv_geometry *g, uint32_t sign_planes, uint32_t count_planes)
{
#if ONEBIT_OPTIMISED
    onebit_conv_sign_opt(in, weights, thresholds, columns, planes, lists, out, g, sign_planes, count_planes);
#else
    onebit_conv_sign_ref(in, weights, thresholds, columns, planes, lists, out, g, sign_planes, count_planes);
#endif
}

ONEBIT_INLINE void onebit_bitplane_conv_sign(const uint8_t *in, const uint32_t *weights, const int32_t *thresholds,
                                             const uint32_t *filters, uint32_t *window, uint32_t *out,
                                             const onebit_conv_geometry *g)
{
#if ONEBIT_OPTIMISED
    onebit_bitplane_conv_sign_opt(in, weights, thresholds, filters, window, out, g);
#else
    onebit_bitplane_conv_sign_ref(in, weights, thresholds, filters, window, out, g);
#endif
}

ONEBIT_INLINE void onebit_maxpool(const uint32_t *in, const uint32_t *or_mask, uint32_t *out,
                                  const onebit_conv_geometry *g)
{
#if ONEBIT_OPTIMISED
    onebit_maxpool_opt(in, or_mask, out, g);
#else
    onebit_maxpool_ref(in, or_mask, out, g);
#endif
}

ONEBIT_INLINE void onebit_flatten(const uint32_t *in, uint32_t *out, uint32_t pixels, uint32_t channels)
{
#if ONEBIT_OPTIMISED
    onebit_flatten_opt(in, out, pixels, channels);
#else
    onebit_flatten_ref(in, out, pixels, channels);
#endif
}

ONEBIT_INLINE void onebit_dense_sign(const uint32_t *in, const uint32_t *weights, const int16_t *thresholds,
                                     uint32_t *out, uint32_t in_words, uint32_t outputs)
{
#if ONEBIT_OPTIMISED
    onebit_dense_sign_opt(in, weights, thresholds, out, in_words, outputs);
#else
    onebit_dense_sign_ref(in, weights, thresholds, out, in_words, outputs);
#endif
}

ONEBIT_INLINE void onebit_dense_sign_cols(const uint32_t *in, const uint32_t *columns, const uint32_t *planes,
                                          uint32_t *out, uint32_t *scratch, uint32_t inputs, uint32_t outputs,
                                          uint32_t sign_planes, uint32_t count_planes)
{
#if ONEBIT_OPTIMISED
    onebit_dense_sign_cols_opt(in, columns, planes, out, scratch, inputs, outputs, sign_planes, count_planes);
#else
    onebit_dense_sign_cols_ref(in, columns, planes, out, scratch, inputs, outputs, sign_planes, count_planes);
#endif
}

ONEBIT_INLINE void onebit_dense_output(const uint32_t *in, const uint32_t *weights, const int32_t *scale,
                                       const int32_t *offset, int32_t *scores, uint32_t inputs,
                                       uint32_t in_words, uint32_t outputs)
{
#if ONEBIT_OPTIMISED
    onebit_dense_output_opt(in, weights, scale, offset, scores, inputs, in_words, outputs);
#else
    onebit_dense_output_ref(in, weights, scale, offset, scores, inputs, in_words, outputs);
#endif
}

#endif
