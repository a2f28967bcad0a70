/*
 * Bit-sliced counting shared by the column kernels: counters whose plane k (word) holds bit k of
 * 32 per-filter counts, and the sign of a_r + n - 1 - 2 S_r taken plane by plane.
 */
#ifndef ONEBIT_COLS_SIGN_H
#define ONEBIT_COLS_SIGN_H

#include "dense_sign_cols.h"

/* Count planes a convolution's counter may need: S <= K < 2^16. */
#define ONEBIT_COLS_MAX_COUNT_PLANES 16u

/*
 * Adds an "eights" word (weight 8, from onebit_cols_block) into planes 3 .. count_planes - 1 with
 * half adders; count_planes is a compile-time constant, so the ripple unrolls (2 instructions a plane).
 */
ONEBIT_INLINE void onebit_cols_count_eights(uint32_t *count, uint32_t count_planes, uint32_t eights)
{
    uint32_t carry = eights;
    for (uint32_t k = 3; k < count_planes; k++) {
        uint32_t next = count[k] & carry;
        count[k] ^= carry;
        carry = next;
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
