/*
 * Bit-sliced counting shared by the column kernels: counters whose plane k (word) holds bit k of
 * 32 per-filter counts, and the sign of a_r + n - 1 - 2 S_r taken plane by plane.
 */
#ifndef ONEBIT_COLS_SIGN_H
#define ONEBIT_COLS_SIGN_H

#include "dense_sign_cols.h"

/* Count planes a convolution's counter may need: S <= K < 2^16. Planes above the count stay 0. */
#define ONEBIT_COLS_MAX_COUNT_PLANES 16u

/* Half adders: `carry` (weight 2^from) into planes from .. count_planes - 1 (2 instructions a plane). */
ONEBIT_INLINE void onebit_cols_ripple(uint32_t *count, uint32_t from, uint32_t count_planes, uint32_t carry)
{
    for (uint32_t k = from; k < count_planes; k++) {
        uint32_t next = count[k] & carry;
        count[k] ^= carry;
        carry = next;
    }
}

/*
 * Adds the listed columns q[0 .. listed) (padded to whole blocks of 8) of one tap into the counter
 * (count[0..2] are the block adder's ones, twos and fours). Blocks go in pairs: their two eights
 * words meet plane 3 in one carry-save adder and only the pair's carry (weight 16) ripples upwards;
 * an odd last block ripples from plane 3.
 */
ONEBIT_INLINE void onebit_cols_count_tap(const uint8_t *col, const uint32_t *q, uint32_t listed, uint32_t *count,
                                         uint32_t count_planes)
{
    const uint32_t *end = q + (listed + 7u) / 8u * 8u;
    while (end - q >= 16) {
        uint32_t e_a = onebit_cols_block(col, &q, &count[0], &count[1], &count[2]);
        uint32_t e_b = onebit_cols_block(col, &q, &count[0], &count[1], &count[2]);
        uint32_t sixteens;
        onebit_csa(&sixteens, &count[3], count[3], e_a, e_b);
        onebit_cols_ripple(count, 4u, count_planes, sixteens);
    }
    if (q != end) {
        onebit_cols_ripple(count, 3u, count_planes, onebit_cols_block(col, &q, &count[0], &count[1], &count[2]));
    }
}

/*
 * Output word of 32 filters: bit r = 1 exactly when R_r = a_r + n - 1 - 2 S_r >= 0, i.e.
 * R = ~(2S) + a + n as M-bit two's complement (M = sign_planes, 2^(M-1) > |R|). Plane k of ~(2S) is
 * ~S's plane k - 1 (all ones for k = 0 and above the count); a's planes come from the code generator,
 * n's are broadcast bits. A carry-save adder folds the three operands per plane, a ripple adds the
 * shifted carries, and the complemented sign plane is the answer (about 10 instructions a plane).
 */
ONEBIT_INLINE uint32_t onebit_cols_sign_ones(const uint32_t *count, uint32_t count_planes, const uint32_t *a_planes,
                                             uint32_t sign_planes, uint32_t n)
{
    uint32_t carry = 0;
    uint32_t h_prev = 0;
    uint32_t sum = 0;
    for (uint32_t k = 0; k < sign_planes; k++) {
        uint32_t s = k >= 1u && k - 1u < count_planes ? count[k - 1u] : 0u;
        uint32_t nk = 0u - ((n >> k) & 1u);
        uint32_t h, l;
        onebit_csa(&h, &l, ~s, a_planes[k], nk);
        uint32_t u = l ^ h_prev;
        sum = u ^ carry;
        carry = (l & h_prev) | (u & carry);
        h_prev = h;
    }
    return ~sum;
}

#endif
