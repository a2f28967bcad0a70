/*
 * Where a convolution or pooling window sits, as the code generator computed it (ConvGeometry in
 * the deploy model). Input pixel of output o and tap t, per axis: o * stride + t - pad_before; a tap
 * outside [0, size) reads the padding value. The generated model.c passes a pointer to a
 * `static const` instance, so inside the always-inlined kernels every field is a compile-time
 * constant and the loops unroll.
 */
#ifndef ONEBIT_CONV_GEOMETRY_H
#define ONEBIT_CONV_GEOMETRY_H

#include <stdbool.h>

#include "config.h"

typedef struct {
    uint32_t in_h, in_w, in_c;    /* input tensor (HWC); in_c channels per pixel */
    uint32_t out_h, out_w, out_c; /* output tensor */
    uint32_t k_h, k_w, stride;    /* window and step */
    uint32_t pad_top, pad_left;   /* 'same' padding before the first row / column; 0 for 'valid' */
} onebit_conv_geometry;

/* Words of one packed pixel of n channels. */
ONEBIT_INLINE uint32_t onebit_pixel_words(uint32_t n)
{
    return (n + 31u) / 32u;
}

/* The input coordinate of output o and tap t along one axis (may be outside the input: negative wraps). */
ONEBIT_INLINE uint32_t onebit_tap_coordinate(uint32_t o, uint32_t t, uint32_t stride, uint32_t pad)
{
    return o * stride + t - pad;
}

#endif
