/*
 * Hidden binary dense layer with transposed ("column") weights: the same function as dense_sign.h,
 *   bit_j = popcount(x XOR w_j) > T_j,
 * computed for 32 rows at once with bit-sliced counters instead of one popcount per row.
 *
 * Layout (prepared by the code generator, DenseSignColumnsView):
 *   columns[g * (K + 1) + i]  bit r = weight bit of row 32g + r at input i; word K of a group is 0
 *                             (the column the padded column list points at).
 *   planes[g * 2M + k]        bit r = bit k of a_r = Pw_r - T_r           (M-bit two's complement)
 *   planes[g * 2M + M + k]    bit r = bit k of ~b_r, b_r = T_r + Pw_r - K  (M-bit two's complement)
 * where Pw_r is the number of 1 bits of row r, K the true input count and 2^(M-1) > 3K + 1.
 *
 * Only the n inputs of the minority value are visited (n <= K/2). With S_r the sum of row r's
 * weight bits over those inputs:
 *   visiting x_i = 1:  p_r = Pw_r + n - 2 S_r,      bit_r = 2 S_r < a_r + n
 *   visiting x_i = 0:  p_r = 2 S_r + K - n - Pw_r,  bit_r = 2 S_r - n > b_r
 * and bit_r = 1 exactly when R_r >= 0 for
 *   ones:  R = a_r + n - 1 - 2 S_r = ~(2S) + a + n
 *   zeros: R = 2 S_r - n - b_r - 1 = 2S + ~b + ~n + 1,
 * a three-operand add of bit-sliced planes whose sign plane, complemented, is the output word.
 * |R| <= 3K + 1, so M planes hold it.
 */
#ifndef ONEBIT_DENSE_SIGN_COLS_H
#define ONEBIT_DENSE_SIGN_COLS_H

#include "xor_popcount.h"

/* Most counter planes above the 16s plane: S <= K/2 < 2^13 for K <= 16383 (the code generator's limit). */
#define ONEBIT_COLS_MAX_HIGH_PLANES 8u

/* Reference: recover T_r = Pw_r - a_r from the planes, then the golden model's loop per row. */
ONEBIT_INLINE void onebit_dense_sign_cols_ref(const uint32_t *in, const uint32_t *columns, const uint32_t *planes,
                                              uint32_t *out, uint32_t *scratch, uint32_t inputs, uint32_t outputs,
                                              uint32_t sign_planes, uint32_t count_planes)
{
    (void)scratch;
    (void)count_planes;
    for (uint32_t i = 0; i < (outputs + 31u) / 32u; i++) {
        out[i] = 0;
    }
    for (uint32_t j = 0; j < outputs; j++) {
        const uint32_t *col = columns + (j / 32u) * (inputs + 1u);
        const uint32_t *pl = planes + (j / 32u) * 2u * sign_planes;
        uint32_t r = j % 32u;
        int32_t pw = 0;
        int32_t p = 0;
        for (uint32_t i = 0; i < inputs; i++) {
            uint32_t w = (col[i] >> r) & 1u;
            uint32_t x = (in[i / 32u] >> (i % 32u)) & 1u;
            pw += (int32_t)w;
            p += (int32_t)(w ^ x);
        }
        uint32_t a = 0;
        for (uint32_t k = 0; k < sign_planes; k++) {
            a |= ((pl[k] >> r) & 1u) << k;
        }
        int32_t a_signed = (int32_t)a - (int32_t)((a >> (sign_planes - 1u)) << sign_planes);
        if (p > pw - a_signed) {
            out[j / 32u] |= 1u << r;
        }
    }
}

/*
 * Writes the byte offsets (4 i) of the inputs i < K whose bit is 1 (flip = 0) or 0 (flip = ~0), then
 * pads with 4K (the zero column's offset) until the entry count is a multiple of pad_mask + 1 (a
 * power of two). Returns the count n (without padding).
 */
ONEBIT_INLINE uint32_t onebit_cols_list_padded(const uint32_t *in, uint32_t inputs, uint32_t flip, uint32_t *list,
                                               uint32_t pad_mask)
{
    uint32_t *p = list;
    for (uint32_t word = 0; word < (inputs + 31u) / 32u; word++) {
        uint32_t m = in[word] ^ flip;
        if (word == inputs / 32u) {
            m &= (1u << (inputs % 32u)) - 1u; /* a partial last word: drop the padding bits */
        }
        uint32_t off = word * 128u;
#if defined(__thumb2__) || !defined(__arm__)
        /* RBIT + CLZ on Thumb-2 (no libgcc), TZCNT on the host: about 7 instructions per listed input. */
        while (m != 0u) {
            *p++ = off + 4u * (uint32_t)__builtin_ctz(m);
            m &= m - 1u;
        }
#else
        /* Thumb-1 has no CLZ (__builtin_ctz would call libgcc): store every offset, advance on set bits.
           Only the word's real inputs are scanned, so no store lands past entry n of the list. */
        uint32_t real = inputs - word * 32u < 32u ? inputs - word * 32u : 32u;
        for (uint32_t b = 0; b < real; b++) {
            *p = off + 4u * b;
            p += (m >> b) & 1u;
        }
#endif
    }
    uint32_t n = (uint32_t)(p - list);
    while (((uint32_t)(p - list) & pad_mask) != 0u) {
        *p++ = 4u * inputs;
    }
    return n;
}

/* The dense layers' list: padded to whole blocks of 16 (two blocks of 8 per pass). */
ONEBIT_INLINE uint32_t onebit_cols_list(const uint32_t *in, uint32_t inputs, uint32_t flip, uint32_t *list)
{
    return onebit_cols_list_padded(in, inputs, flip, list, 15u);
}

/* The column word at byte offset `off` of a group. */
ONEBIT_INLINE uint32_t onebit_cols_at(const uint8_t *col, uint32_t off)
{
    return *(const uint32_t *)(const void *)(col + off);
}

/*
 * Eight listed columns into the running ones/twos/fours planes (7 carry-save adders, as
 * onebit_hs_block); returns the block's eights word.
 */
ONEBIT_INLINE uint32_t onebit_cols_block_c(const uint8_t *col, const uint32_t *q, uint32_t *s1, uint32_t *s2,
                                           uint32_t *s4)
{
    uint32_t ta, tb, fa, fb, e;
    onebit_csa(&ta, s1, *s1, onebit_cols_at(col, q[0]), onebit_cols_at(col, q[1]));
    onebit_csa(&tb, s1, *s1, onebit_cols_at(col, q[2]), onebit_cols_at(col, q[3]));
    onebit_csa(&fa, s2, *s2, ta, tb);
    onebit_csa(&ta, s1, *s1, onebit_cols_at(col, q[4]), onebit_cols_at(col, q[5]));
    onebit_csa(&tb, s1, *s1, onebit_cols_at(col, q[6]), onebit_cols_at(col, q[7]));
    onebit_csa(&fb, s2, *s2, ta, tb);
    onebit_csa(&e, s4, *s4, fa, fb);
    return e;
}

#if defined(__thumb2__)
/*
 * onebit_cols_block_c by hand for Thumb-2: LDM takes four offsets per instruction and each column
 * is one register-offset LDR, so a block is 2 LDM + 8 LDR + 7 CSAs of 5 = 45 instructions. A CSA
 * is done in place, CSA(s, x, y): u = s ^ x; x = s & x; s = u & y; x |= s (carry); s = u ^ y (sum).
 * Fixed registers r0-r3 and r12 hold the loaded words (LDM lists must ascend). The list it reads is
 * declared with "Q" (a memory operand addressed by one register, here the list pointer itself),
 * not "m": with "m", arm-none-eabi-gcc 12.2 stopped with an internal compiler error (in
 * emit_move_insn, during reload) when inlining made the list's address a constant, e.g. a 5 x 3
 * 'same' conv on a 1 x 1 input (found by FuzzOnQemuTest). The generated code is otherwise the same.
 */
ONEBIT_INLINE uint32_t onebit_cols_block_asm(const uint8_t *col, const uint32_t **q, uint32_t *s1, uint32_t *s2,
                                             uint32_t *s4)
{
    register uint32_t a __asm__("r0");
    register uint32_t b __asm__("r1");
    register uint32_t c __asm__("r2");
    register uint32_t d __asm__("r3");
    register uint32_t e __asm__("r12");
    uint32_t u;
    __asm__(
        "ldm    %[q]!, {r0, r1, r2, r3}\n\t"
        "ldr    r0, [%[col], r0]\n\t"
        "ldr    r1, [%[col], r1]\n\t"
        "ldr    r2, [%[col], r2]\n\t"
        "ldr    r3, [%[col], r3]\n\t"
        "eor    %[u], %[s1], r0\n\t"          /* CSA(s1, r0, r1): r0 = twos a */
        "and    r0, %[s1], r0\n\t"
        "and    %[s1], %[u], r1\n\t"
        "orr    r0, r0, %[s1]\n\t"
        "eor    %[s1], %[u], r1\n\t"
        "eor    %[u], %[s1], r2\n\t"          /* CSA(s1, r2, r3): r2 = twos b */
        "and    r2, %[s1], r2\n\t"
        "and    %[s1], %[u], r3\n\t"
        "orr    r2, r2, %[s1]\n\t"
        "eor    %[s1], %[u], r3\n\t"
        "eor    %[u], %[s2], r0\n\t"          /* CSA(s2, r0, r2): r0 = fours a */
        "and    r0, %[s2], r0\n\t"
        "and    %[s2], %[u], r2\n\t"
        "orr    r0, r0, %[s2]\n\t"
        "eor    %[s2], %[u], r2\n\t"
        "ldm    %[q]!, {r1, r2, r3, r12}\n\t"
        "ldr    r1, [%[col], r1]\n\t"
        "ldr    r2, [%[col], r2]\n\t"
        "ldr    r3, [%[col], r3]\n\t"
        "ldr    r12, [%[col], r12]\n\t"
        "eor    %[u], %[s1], r1\n\t"          /* CSA(s1, r1, r2): r1 = twos c */
        "and    r1, %[s1], r1\n\t"
        "and    %[s1], %[u], r2\n\t"
        "orr    r1, r1, %[s1]\n\t"
        "eor    %[s1], %[u], r2\n\t"
        "eor    %[u], %[s1], r3\n\t"          /* CSA(s1, r3, r12): r3 = twos d */
        "and    r3, %[s1], r3\n\t"
        "and    %[s1], %[u], r12\n\t"
        "orr    r3, r3, %[s1]\n\t"
        "eor    %[s1], %[u], r12\n\t"
        "eor    %[u], %[s2], r1\n\t"          /* CSA(s2, r1, r3): r1 = fours b */
        "and    r1, %[s2], r1\n\t"
        "and    %[s2], %[u], r3\n\t"
        "orr    r1, r1, %[s2]\n\t"
        "eor    %[s2], %[u], r3\n\t"
        "eor    %[u], %[s4], r0\n\t"          /* CSA(s4, r0, r1): r0 = eights */
        "and    r0, %[s4], r0\n\t"
        "and    %[s4], %[u], r1\n\t"
        "orr    r0, r0, %[s4]\n\t"
        "eor    %[s4], %[u], r1\n\t"
        : [q] "+r"(*q), [s1] "+r"(*s1), [s2] "+r"(*s2), [s4] "+r"(*s4), [u] "=&r"(u),
          "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d), "=&r"(e)
        : [col] "r"(col), "Q"(*(const uint32_t(*)[8]) * q));
    return a;
}
#endif

/* Eight listed columns (advancing the list by 8): by hand on Thumb-2, else in C. */
ONEBIT_INLINE uint32_t onebit_cols_block(const uint8_t *col, const uint32_t **q, uint32_t *s1, uint32_t *s2,
                                         uint32_t *s4)
{
#if defined(__thumb2__)
    return onebit_cols_block_asm(col, q, s1, s2, s4);
#else
    uint32_t e = onebit_cols_block_c(col, *q, s1, s2, s4);
    *q += 8;
    return e;
#endif
}

/*
 * Optimised: list the minority inputs once per layer, then per group of 32 rows add the listed
 * columns into bit-sliced counters (Harley-Seal: ones, twos, fours, eights, sixteens running,
 * thirty-twos into a ripple counter of count_planes - 5 planes), and take the sign of R plane by
 * plane. Per listed input and group on Thumb-2: 45/8 for loads and adders, about 1 for the
 * higher levels and the loop; then about 10 per sign plane and group.
 */
ONEBIT_INLINE void onebit_dense_sign_cols_opt(const uint32_t *in, const uint32_t *columns, const uint32_t *planes,
                                              uint32_t *out, uint32_t *scratch, uint32_t inputs, uint32_t outputs,
                                              uint32_t sign_planes, uint32_t count_planes)
{
    onebit_masks masks = onebit_masks_make();
    uint32_t ones = 0;
    for (uint32_t word = 0; word < (inputs + 31u) / 32u; word++) { /* padding bits are 0 */
        ones = onebit_sum_bytes_acc(ones, onebit_popcount_bytes(in[word], masks));
    }
    uint32_t flip = 2u * ones > inputs ? 0xFFFFFFFFu : 0u; /* visit the 0 bits when 1 bits are the majority */
    uint32_t n = onebit_cols_list(in, inputs, flip, scratch);
    uint32_t xinv = ~flip;       /* ones: X = ~(2S); zeros: X = 2S */
    uint32_t nn = n ^ flip;      /* ones: N = n;     zeros: N = ~n */
    uint32_t high_planes = count_planes - 5u; /* count_planes >= 5 */
    for (uint32_t base = 0; base < outputs; base += 32u) {
        const uint8_t *col = (const uint8_t *)(const void *)columns;
        const uint32_t *q = scratch;
        uint32_t s1 = 0, s2 = 0, s4 = 0, s8 = 0, s16 = 0;
        uint32_t high[ONEBIT_COLS_MAX_HIGH_PLANES]; /* a loop, not "= {0}" (a memset call): see conv_sign.h */
        for (uint32_t k = 0; k < high_planes; k++) {
            high[k] = 0;
        }
        uint32_t blocks = (n + 15u) / 16u; /* the list is padded to whole blocks of 16 */
        for (uint32_t block = 0; block + 1u < blocks; block += 2u) {
            uint32_t e_a = onebit_cols_block(col, &q, &s1, &s2, &s4);
            uint32_t e_b = onebit_cols_block(col, &q, &s1, &s2, &s4);
            uint32_t e_c = onebit_cols_block(col, &q, &s1, &s2, &s4);
            uint32_t e_d = onebit_cols_block(col, &q, &s1, &s2, &s4);
            uint32_t c16a, c16b, c;
            onebit_csa(&c16a, &s8, s8, e_a, e_b);
            onebit_csa(&c16b, &s8, s8, e_c, e_d);
            onebit_csa(&c, &s16, s16, c16a, c16b);
            for (uint32_t k = 0; k < high_planes; k++) { /* half adders: thirty-twos into the counter */
                uint32_t t = high[k] & c;
                high[k] ^= c;
                c = t;
            }
        }
        if ((blocks & 1u) != 0u) { /* a last block of 16: its sixteens word through half adders */
            uint32_t e_a = onebit_cols_block(col, &q, &s1, &s2, &s4);
            uint32_t e_b = onebit_cols_block(col, &q, &s1, &s2, &s4);
            uint32_t c16, c;
            onebit_csa(&c16, &s8, s8, e_a, e_b);
            c = s16 & c16;
            s16 ^= c16;
            for (uint32_t k = 0; k < high_planes; k++) {
                uint32_t t = high[k] & c;
                high[k] ^= c;
                c = t;
            }
        }
        /* R = X + C + N + cin; the bit k plane of X is S's plane k-1 (X = 2S), complemented for ones. */
        const uint32_t *pl = planes + (flip != 0u ? sign_planes : 0u);
        uint32_t carry = flip; /* +1 for zeros */
        uint32_t h_prev = 0;
        uint32_t sum = 0;
        for (uint32_t k = 0; k < sign_planes; k++) {
            uint32_t s;
            if (k == 0u) {
                s = 0;
            } else if (k == 1u) {
                s = s1;
            } else if (k == 2u) {
                s = s2;
            } else if (k == 3u) {
                s = s4;
            } else if (k == 4u) {
                s = s8;
            } else if (k == 5u) {
                s = s16;
            } else if (k - 6u < high_planes) {
                s = high[k - 6u];
            } else {
                s = 0;
            }
            uint32_t nk = 0u - ((nn >> k) & 1u);
            uint32_t h, l;
            onebit_csa(&h, &l, s ^ xinv, pl[k], nk);
            uint32_t u = l ^ h_prev;
            sum = u ^ carry;
            carry = (l & h_prev) | (u & carry);
            h_prev = h;
        }
        uint32_t bits = ~sum;
        if (outputs - base < 32u) {
            bits &= (1u << (outputs - base)) - 1u;
        }
        *out++ = bits;
        columns += inputs + 1u;
        planes += 2u * sign_planes;
    }
}

#endif
