/*
 * BinaryNet's 8-bit first layer as a convolution (deploy-model layer bitplane_conv_sign): raw bytes
 * x (HWC, in_c bytes per pixel) against +-1 weights. With x = sum_k 2^k b_k over the bit planes b_k:
 *   dot = sum over inside taps, k = 0..7 of 2^k (popcount(b_k) - 2 popcount(b_k AND w))
 *   bit = dot < thresholds[o]                              (1 means -1; padding pixels are 0)
 *
 * Two layouts of the weights reach both twins (same signature); each reads its own:
 *   weights[o][ky][kx][words(in_c)]   the deploy model's rows, for the reference (with thresholds[o])
 *   filters[o][1 + groups]            the optimised kernel's records (BitplaneFilters.java):
 *       word 0        (thresholds[o] + 255 K) * 0x00010001, the biased threshold in both 16-bit lanes
 *       word 1 + j    8 j + m for group j = ky * ceil(R / 3) + q, where bit i of m is the weight bit
 *                     (1 = -1) of tap 3 q + i of window row ky
 *   with R = k_w in_c taps per window row in the weights' order (kx, c), K = k_h R, and
 *   groups = k_h ceil(R / 3). The optimised kernel also reads thresholds[o] for windows of more than
 *   21 groups.
 */
#ifndef ONEBIT_BITPLANE_CONV_SIGN_H
#define ONEBIT_BITPLANE_CONV_SIGN_H

#include <stddef.h>

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
                                                 const uint32_t *filters, uint32_t *window, uint32_t *out,
                                                 const onebit_conv_geometry *g)
{
    uint32_t in_words = onebit_pixel_words(g->in_c);
    uint32_t out_words = onebit_pixel_words(g->out_c);
    (void)filters;
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

/*
 * Optimised: subset-sum tables over two output pixels at once.
 *
 * dot = sum x - 2 S with S the sum of the x whose weight is -1 (the plane formula regrouped:
 * sum_k 2^k popcount(b_k) = sum x and sum_k 2^k popcount(b_k AND w) = S). A window row (ky) is a run
 * of R = k_w in_c consecutive input bytes (HWC); each row is cut into groups of 3 taps (the last may
 * be shorter), groups = k_h ceil(R / 3). Per output pixel, a group's 8 subset sums are tabulated once
 * (4 additions); then every filter's S is one table load per group, at the index codegen stored in
 * the filter's record (its 3 weight bits of that group), instead of masking and summing all K bytes
 * per filter.
 *
 * Two horizontally adjacent output pixels A and B share the work: a table entry holds A's sum in
 * its low 16 bits and B's in its high 16 bits, and one 32-bit addition adds both lanes. With
 * entries 2 S and the record's first word (T + 255 K) in both lanes (T the threshold, K = k_h R), per lane
 *   Y = T + 255 K + 2 S                     0 <= Y <= 1020 K + 1
 *   D = sum x + 255 K + 0x8000              per pixel, 255 K + 0x8000 <= D <= 510 K + 0x8000
 *   D - Y = dot - T + 0x8000                in [0x8000 - 510 K - 1, 0x8000 + 510 K]
 * All of these stay inside 16 bits while K <= 64, so the 32-bit D - Y never borrows across lanes,
 * and bit 15 (lane A) or 31 (lane B) of D - Y is 1 exactly when dot >= T, i.e. output bit 0
 * (thresholds lie in [-255 K, 255 K + 1], which the deploy model validates). Per filter that is a
 * record load, one load and add per group, a subtraction and an AND/OR that shifts both lanes'
 * bits into one register: after 16 filters, bits 0..15 hold A's outputs and 16..31 B's.
 *
 * Windows of more than 21 groups (e.g. 3x3 over 64 channels) go in chunks of 21 groups: each
 * chunk's lane sums (<= 2 * 255 * 63) are unpacked into per-filter 32-bit sums in the scratch, and
 * the comparison is made once at the end with the plain thresholds. The generated geometry is
 * constant, so only one of the two paths is compiled for a layer.
 *
 * Scratch (uint32 words): the tables [min(groups, 21) * 8]; for chunked windows also the gathered
 * window [3 groups] (lane A byte | lane B byte << 16, 3 slots per group, 0 for padding and for the
 * missing taps of a short group) and the sums [2 out_c].
 */
#define ONEBIT_BITPLANE_GROUP 3u         /* taps per subset-sum table */
#define ONEBIT_BITPLANE_TABLE 8u         /* entries per table: 2^ONEBIT_BITPLANE_GROUP */
#define ONEBIT_BITPLANE_CHUNK_GROUPS 21u /* groups per chunk: 63 taps keep every lane inside 16 bits */

/* Taps of one window row: R = k_w in_c. */
ONEBIT_INLINE uint32_t onebit_bitplane_row_taps(const onebit_conv_geometry *g)
{
    return g->k_w * g->in_c;
}

/* Groups of one window row, ceil(R / 3) without a division (a constant for the compiler; no divide
 * helper on Cortex-M0). */
ONEBIT_INLINE uint32_t onebit_bitplane_row_groups(const onebit_conv_geometry *g)
{
    uint32_t groups = 0;
    for (uint32_t t = 0; t < onebit_bitplane_row_taps(g); t += ONEBIT_BITPLANE_GROUP) {
        groups++;
    }
    return groups;
}

ONEBIT_INLINE uint32_t onebit_bitplane_groups(const onebit_conv_geometry *g)
{
    return g->k_h * onebit_bitplane_row_groups(g);
}

ONEBIT_INLINE bool onebit_bitplane_chunked(const onebit_conv_geometry *g)
{
    return onebit_bitplane_groups(g) > ONEBIT_BITPLANE_CHUNK_GROUPS;
}

/* Words of the scratch both twins use (the reference needs one pixel's plane, words(in_c): always fewer). */
ONEBIT_INLINE uint32_t onebit_window_words(const onebit_conv_geometry *g)
{
    if (!onebit_bitplane_chunked(g)) {
        return onebit_bitplane_groups(g) * ONEBIT_BITPLANE_TABLE;
    }
    return ONEBIT_BITPLANE_CHUNK_GROUPS * ONEBIT_BITPLANE_TABLE + onebit_bitplane_groups(g) * ONEBIT_BITPLANE_GROUP
           + 2u * g->out_c;
}

/* One group's table from its 3 taps (both lanes): entry m = 2 * sum of the x_i whose bit i is set in m.
 * Entry 0 (the empty subset) is set to 0 once per layer and never written here. Returns entry 7, twice
 * the group's sum. */
ONEBIT_INLINE uint32_t onebit_bitplane_table3(uint32_t *table, uint32_t x0, uint32_t x1, uint32_t x2)
{
    uint32_t t1 = x0 << 1;
    uint32_t t2 = x1 << 1;
    uint32_t t4 = x2 << 1;
    uint32_t t3 = t1 + t2;
    table[1] = t1;
    table[2] = t2;
    table[3] = t3;
    table[4] = t4;
    table[5] = t1 + t4;
    table[6] = t2 + t4;
    table[7] = t3 + t4;
    return t3 + t4;
}

/* Byte p of an input row of `size` bytes, 0 outside it (p wraps for columns left of the input). */
ONEBIT_INLINE uint32_t onebit_bitplane_byte(const uint8_t *row, uint32_t p, uint32_t size, bool checked)
{
    return !checked || p < size ? (uint32_t)row[p] : 0u;
}

/*
 * The window of output pixels (oy, ox) and (oy, ox + 1) (lane B may repeat A at an odd last column, via
 * start_b), group by group: x = x_A | x_B << 16 for each tap, 0 for padding. With `table`, each group's
 * table is built at once; otherwise the taps go to window[3 group + i]. `checked` is false when both
 * windows lie inside the input's columns, so the row bytes are read without a test. With `table`, returns
 * the window's sum in both lanes (from the tables' entries 7; each lane <= 255 K, exact while K <= 128).
 */
ONEBIT_INLINE uint32_t onebit_bitplane_gather(const uint8_t *in, const onebit_conv_geometry *g, uint32_t oy,
                                              uint32_t start, uint32_t start_b, bool checked, uint32_t *window,
                                              uint32_t *table)
{
    uint32_t row_taps = onebit_bitplane_row_taps(g);
    uint32_t row_groups = onebit_bitplane_row_groups(g);
    uint32_t size = g->in_w * g->in_c;
    uint32_t twice = 0; /* 2 sum x in both lanes: even lanes, so twice >> 1 halves each lane exactly */
    for (uint32_t ky = 0; ky < g->k_h; ky++) {
        uint32_t iy = onebit_tap_coordinate(oy, ky, g->stride, g->pad_top);
        bool inside = iy < g->in_h;
        const uint8_t *row = in + (inside ? iy * size : 0u);
        for (uint32_t j = 0; j < row_groups; j++) {
            uint32_t x[ONEBIT_BITPLANE_GROUP];
            for (uint32_t i = 0; i < ONEBIT_BITPLANE_GROUP; i++) {
                uint32_t tap = ONEBIT_BITPLANE_GROUP * j + i;
                x[i] = 0;
                if (inside && tap < row_taps) {
                    x[i] = onebit_bitplane_byte(row, start + tap, size, checked)
                           | onebit_bitplane_byte(row, start_b + tap, size, checked) << 16;
                }
            }
            uint32_t group = ky * row_groups + j;
            if (table != NULL) {
                twice += onebit_bitplane_table3(table + group * ONEBIT_BITPLANE_TABLE, x[0], x[1], x[2]);
            } else {
                for (uint32_t i = 0; i < ONEBIT_BITPLANE_GROUP; i++) {
                    window[group * ONEBIT_BITPLANE_GROUP + i] = x[i];
                }
            }
        }
    }
    return twice >> 1;
}

/* Lane A's and lane B's n output bits (n <= 16) of one block of filters into their pixels' words. */
ONEBIT_INLINE void onebit_bitplane_store(uint32_t lanes, uint32_t n, uint32_t base, uint32_t *out_a, uint32_t *out_b,
                                         bool write_b)
{
    uint32_t keep = (1u << n) - 1u;
    uint32_t a = (lanes >> (16u - n)) & keep;
    uint32_t b = (lanes >> (32u - n)) & keep;
    uint32_t word = base >> 5;
    if ((base & 16u) == 0u) {
        out_a[word] = a;
        if (write_b) {
            out_b[word] = b;
        }
    } else {
        out_a[word] |= a << 16;
        if (write_b) {
            out_b[word] |= b << 16;
        }
    }
}

#if defined(__thumb2__)
/*
 * One filter of a 3-group window on Thumb-2, as the C loop below computes it:
 * lanes = (lanes >> 1) | ((d - y - T[i0] - T[i1] - T[i2]) & 0x80008000) with the record {y, i0, i1, i2}
 * loaded by one LDM, which needs ascending registers: hence the fixed r0-r3 (measured on cnn-ref: pinning
 * callee-saved r4-r7 instead cost the following conv layers 50 k instructions in register shuffles, and
 * two LDRDs with free registers one instruction more per filter).
 */
ONEBIT_INLINE void onebit_bitplane_filter3(const uint32_t **record, const uint32_t *table, uint32_t d, uint32_t *lanes)
{
    register uint32_t y __asm__("r0");
    register uint32_t i0 __asm__("r1");
    register uint32_t i1 __asm__("r2");
    register uint32_t i2 __asm__("r3");
    const uint32_t *r = *record;
    uint32_t l = *lanes;
    __asm__("ldmia %[r]!, {%[y], %[i0], %[i1], %[i2]}\n\t"
            "ldr %[i0], [%[t], %[i0], lsl #2]\n\t"
            "ldr %[i1], [%[t], %[i1], lsl #2]\n\t"
            "ldr %[i2], [%[t], %[i2], lsl #2]\n\t"
            "sub %[y], %[d], %[y]\n\t"
            "sub %[y], %[y], %[i0]\n\t"
            "sub %[y], %[y], %[i1]\n\t"
            "sub %[y], %[y], %[i2]\n\t"
            "and %[y], %[y], #0x80008000\n\t"
            "orr %[l], %[y], %[l], lsr #1"
            : [r] "+r"(r), [l] "+r"(l), [y] "=&r"(y), [i0] "=&r"(i0), [i1] "=&r"(i1), [i2] "=&r"(i2)
            : [t] "r"(table), [d] "r"(d), "m"(*(const uint32_t(*)[4])r), "m"(*(const uint32_t(*)[ONEBIT_BITPLANE_GROUP * ONEBIT_BITPLANE_TABLE])table));
    *record = r;
    *lanes = l;
}

/*
 * One filter of a 5-group window (e.g. a [1, 5] kernel over 3 channels, the time-series shape), as
 * onebit_bitplane_filter3 with the record {y, i0, .., i4} in one LDM into r0-r5: 14 instructions
 * against about 22 for the C loop (measured on motion-1d's first layer, 1x64x3 -> 1x64x32 on mps2-an386: 27,880 -> 19,630 instructions).
 */
ONEBIT_INLINE void onebit_bitplane_filter5(const uint32_t **record, const uint32_t *table, uint32_t d, uint32_t *lanes)
{
    register uint32_t y __asm__("r0");
    register uint32_t i0 __asm__("r1");
    register uint32_t i1 __asm__("r2");
    register uint32_t i2 __asm__("r3");
    register uint32_t i3 __asm__("r4");
    register uint32_t i4 __asm__("r5");
    const uint32_t *r = *record;
    uint32_t l = *lanes;
    __asm__("ldmia %[r]!, {%[y], %[i0], %[i1], %[i2], %[i3], %[i4]}\n\t"
            "ldr %[i0], [%[t], %[i0], lsl #2]\n\t"
            "ldr %[i1], [%[t], %[i1], lsl #2]\n\t"
            "ldr %[i2], [%[t], %[i2], lsl #2]\n\t"
            "ldr %[i3], [%[t], %[i3], lsl #2]\n\t"
            "ldr %[i4], [%[t], %[i4], lsl #2]\n\t"
            "sub %[y], %[d], %[y]\n\t"
            "sub %[y], %[y], %[i0]\n\t"
            "sub %[y], %[y], %[i1]\n\t"
            "sub %[y], %[y], %[i2]\n\t"
            "sub %[y], %[y], %[i3]\n\t"
            "sub %[y], %[y], %[i4]\n\t"
            "and %[y], %[y], #0x80008000\n\t"
            "orr %[l], %[y], %[l], lsr #1"
            : [r] "+r"(r), [l] "+r"(l), [y] "=&r"(y), [i0] "=&r"(i0), [i1] "=&r"(i1), [i2] "=&r"(i2),
              [i3] "=&r"(i3), [i4] "=&r"(i4)
            : [t] "r"(table), [d] "r"(d), "m"(*(const uint32_t(*)[6])r),
              "m"(*(const uint32_t(*)[5 * ONEBIT_BITPLANE_TABLE])table));
    *record = r;
    *lanes = l;
}
#endif

/* Windows of at most 21 groups: one table set, the comparison in the lanes (see above). */
ONEBIT_INLINE void onebit_bitplane_pair(const uint32_t *filters, const uint32_t *table, uint32_t total,
                                        uint32_t *out_a, uint32_t *out_b, bool write_b, const onebit_conv_geometry *g)
{
    uint32_t groups = onebit_bitplane_groups(g);
    uint32_t d = total + (255u * g->k_h * onebit_bitplane_row_taps(g) + 0x8000u) * 0x00010001u;
    const uint32_t *record = filters;
    for (uint32_t base = 0; base < g->out_c; base += 16u) {
        uint32_t n = g->out_c - base < 16u ? g->out_c - base : 16u;
        uint32_t lanes = 0;
        for (uint32_t o = 0; o < n; o++) {
#if defined(__thumb2__)
            if (groups == 3u) { /* e.g. 3x3 over one channel: the record in one LDM, 10 instructions */
                onebit_bitplane_filter3(&record, table, d, &lanes);
                continue;
            }
            if (groups == 5u) { /* e.g. [1, 5] over 3 channels: 14 instructions */
                onebit_bitplane_filter5(&record, table, d, &lanes);
                continue;
            }
#endif
            uint32_t y = record[0];
            for (uint32_t j = 0; j < groups; j++) {
                y += table[record[1u + j]];
            }
            record += 1u + groups;
            lanes = (lanes >> 1) | ((d - y) & 0x80008000u); /* bit set: dot >= T */
        }
        onebit_bitplane_store(~lanes, n, base, out_a, out_b, write_b);
    }
}

/* Windows of more than 21 groups: chunks of 21 groups, 32-bit sums per filter and lane, plain thresholds. */
ONEBIT_INLINE void onebit_bitplane_pair_chunked(const uint32_t *filters, const int32_t *thresholds,
                                                uint32_t *scratch, uint32_t *out_a, uint32_t *out_b, bool write_b,
                                                const onebit_conv_geometry *g)
{
    uint32_t groups = onebit_bitplane_groups(g);
    uint32_t *table = scratch;
    const uint32_t *window = scratch + ONEBIT_BITPLANE_CHUNK_GROUPS * ONEBIT_BITPLANE_TABLE;
    uint32_t *sums = (uint32_t *)window + groups * ONEBIT_BITPLANE_GROUP; /* [lane A: out_c][lane B: out_c] */
    int32_t total_a = 0;
    int32_t total_b = 0;
    for (uint32_t t = 0; t < groups * ONEBIT_BITPLANE_GROUP; t++) {
        total_a += (int32_t)(window[t] & 0xFFFFu);
        total_b += (int32_t)(window[t] >> 16);
    }
    for (uint32_t first = 0; first < groups; first += ONEBIT_BITPLANE_CHUNK_GROUPS) {
        uint32_t chunk = groups - first < ONEBIT_BITPLANE_CHUNK_GROUPS ? groups - first : ONEBIT_BITPLANE_CHUNK_GROUPS;
        for (uint32_t j = 0; j < chunk; j++) {
            const uint32_t *x = window + (first + j) * ONEBIT_BITPLANE_GROUP;
            onebit_bitplane_table3(table + j * ONEBIT_BITPLANE_TABLE, x[0], x[1], x[2]);
        }
        const uint32_t *record = filters + 1u + first;
        uint32_t shift = first * ONEBIT_BITPLANE_TABLE; /* the records index the whole window's tables */
        for (uint32_t o = 0; o < g->out_c; o++) {
            uint32_t y = 0;
            for (uint32_t j = 0; j < chunk; j++) {
                y += table[record[j] - shift];
            }
            record += 1u + groups;
            sums[o] = (first == 0u ? 0u : sums[o]) + (y & 0xFFFFu);
            sums[g->out_c + o] = (first == 0u ? 0u : sums[g->out_c + o]) + (y >> 16);
        }
    }
    for (uint32_t base = 0; base < g->out_c; base += 16u) {
        uint32_t n = g->out_c - base < 16u ? g->out_c - base : 16u;
        uint32_t lanes = 0;
        for (uint32_t o = base; o < base + n; o++) {
            uint32_t a = total_a - (int32_t)sums[o] < thresholds[o] ? 0x8000u : 0u;
            uint32_t b = total_b - (int32_t)sums[g->out_c + o] < thresholds[o] ? 0x80000000u : 0u;
            lanes = (lanes >> 1) | a | b;
        }
        onebit_bitplane_store(lanes, n, base, out_a, out_b, write_b);
    }
}

ONEBIT_INLINE void onebit_bitplane_conv_sign_opt(const uint8_t *in, const uint32_t *weights, const int32_t *thresholds,
                                                 const uint32_t *filters, uint32_t *window, uint32_t *out,
                                                 const onebit_conv_geometry *g)
{
    uint32_t out_words = onebit_pixel_words(g->out_c);
    uint32_t tables = onebit_bitplane_chunked(g) ? ONEBIT_BITPLANE_CHUNK_GROUPS : onebit_bitplane_groups(g);
    (void)weights;
    for (uint32_t j = 0; j < tables; j++) {
        window[j * ONEBIT_BITPLANE_TABLE] = 0; /* the empty subset; the tables never overwrite it */
    }
    for (uint32_t oy = 0; oy < g->out_h; oy++) {
        for (uint32_t ox = 0; ox < g->out_w; ox += 2u) {
            bool pair = ox + 1u < g->out_w; /* an odd last column computes lane B as a copy of A */
            uint32_t ix = onebit_tap_coordinate(ox, 0, g->stride, g->pad_left);
            uint32_t ix_b = pair ? ix + g->stride : ix;
            uint32_t *out_a = out + (oy * g->out_w + ox) * out_words;
            uint32_t *out_b = out_a + out_words;
            uint32_t start = ix * g->in_c;
            uint32_t start_b = ix_b * g->in_c;
            /* both windows inside the input's columns (a column left of it wraps to a large ix): no tests */
            bool inside = ix < g->in_w && ix_b + g->k_w <= g->in_w;
            if (onebit_bitplane_chunked(g)) {
                uint32_t *gathered = window + ONEBIT_BITPLANE_CHUNK_GROUPS * ONEBIT_BITPLANE_TABLE;
                if (inside) {
                    (void)onebit_bitplane_gather(in, g, oy, start, start_b, false, gathered, NULL);
                } else {
                    (void)onebit_bitplane_gather(in, g, oy, start, start_b, true, gathered, NULL);
                }
                onebit_bitplane_pair_chunked(filters, thresholds, window, out_a, out_b, pair, g);
            } else {
                uint32_t total = inside ? onebit_bitplane_gather(in, g, oy, start, start_b, false, NULL, window)
                                        : onebit_bitplane_gather(in, g, oy, start, start_b, true, NULL, window);
                onebit_bitplane_pair(filters, window, total, out_a, out_b, pair, g);
            }
        }
    }
}

#endif
