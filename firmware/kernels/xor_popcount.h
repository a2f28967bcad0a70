/*
 * popcount(x XOR w) over a packed row of `words` 32-bit words: the number of positions where two
 * ±1 vectors differ, so that dot(x, w) = K - 2 * popcount(x XOR w) (padding bits are 0 in both).
 */
#ifndef ONEBIT_XOR_POPCOUNT_H
#define ONEBIT_XOR_POPCOUNT_H

#include "popcount.h"

/* Reference: one word at a time. */
ONEBIT_INLINE uint32_t onebit_xor_popcount_ref(const uint32_t *x, const uint32_t *w, uint32_t words)
{
    uint32_t count = 0;
    for (uint32_t i = 0; i < words; i++) {
        count += onebit_popcount_ref(x[i] ^ w[i]);
    }
    return count;
}

/*
 * Carry-save adder over 32 independent bit positions: for each bit, a + b + c = 2*high + low.
 * Five instructions turn three words into two, so popcount runs on fewer words.
 */
ONEBIT_INLINE void onebit_csa(uint32_t *high, uint32_t *low, uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t u = a ^ b;
    *high = (a & b) | (u & c);
    *low = u ^ c;
}

/*
 * d0 = x[0] ^ w[0] and d1 = x[1] ^ w[1], advancing both pointers by two words. On Thumb-2 each
 * pair of words is one post-incrementing LDRD (GCC splits 64-bit loads into two LDRs on M4).
 */
ONEBIT_INLINE void onebit_xor_pair(const uint32_t **x, const uint32_t **w, uint32_t *d0, uint32_t *d1)
{
#if defined(__thumb2__)
    uint32_t x0, x1, w0, w1;
    __asm__("ldrd %0, %1, [%2], #8" : "=&r"(x0), "=&r"(x1), "+r"(*x) : "m"(**x));
    __asm__("ldrd %0, %1, [%2], #8" : "=&r"(w0), "=&r"(w1), "+r"(*w) : "m"(**w));
    *d0 = x0 ^ w0;
    *d1 = x1 ^ w1;
#else
    *d0 = (*x)[0] ^ (*w)[0];
    *d1 = (*x)[1] ^ (*w)[1];
    *x += 2;
    *w += 2;
#endif
}

/*
 * Optimised (Harley-Seal): each block of 8 words goes through a tree of 7 carry-save adders that
 * keeps running `ones`, `twos` and `fours` words and emits one `eights` word, so only one word in
 * eight is popcounted inside the loop:
 *   popcount(row) = 8 * sum popcount(eights) + 4 popcount(fours) + 2 popcount(twos) + popcount(ones)
 *                   + popcount(the words % 8 tail words).
 * The last four terms are summed byte-wise before one horizontal sum: per byte at most
 * 8 + 2*8 + 4*8 + 7*8 = 112 <= 255. With `words` a compile-time constant (the generated model.c
 * passes literals) every loop bound below is constant and the compiler unrolls the tail.
 * Masks come from onebit_masks_make.
 */
ONEBIT_INLINE uint32_t onebit_xor_popcount_opt(const uint32_t *x, const uint32_t *w, uint32_t words, onebit_masks m)
{
    uint32_t ones = 0;
    uint32_t twos = 0;
    uint32_t fours = 0;
    uint32_t eights_total = 0;
    uint32_t rest;
    for (uint32_t block = 0; block < words / 8u; block++) {
        uint32_t d0, d1, d2, d3, d4, d5, d6, d7;
        uint32_t twos_a, twos_b, fours_a, fours_b, eights;
        onebit_xor_pair(&x, &w, &d0, &d1);
        onebit_xor_pair(&x, &w, &d2, &d3);
        onebit_csa(&twos_a, &ones, ones, d0, d1);
        onebit_csa(&twos_b, &ones, ones, d2, d3);
        onebit_csa(&fours_a, &twos, twos, twos_a, twos_b);
        onebit_xor_pair(&x, &w, &d4, &d5);
        onebit_xor_pair(&x, &w, &d6, &d7);
        onebit_csa(&twos_a, &ones, ones, d4, d5);
        onebit_csa(&twos_b, &ones, ones, d6, d7);
        onebit_csa(&fours_b, &twos, twos, twos_a, twos_b);
        onebit_csa(&eights, &fours, fours, fours_a, fours_b);
        eights_total = onebit_sum_bytes_acc(eights_total, onebit_popcount_bytes(eights, m));
    }
    rest = onebit_popcount_bytes(ones, m) + (onebit_popcount_bytes(twos, m) << 1)
        + (onebit_popcount_bytes(fours, m) << 2);
    for (uint32_t pair = 0; pair < (words % 8u) / 2u; pair++) {
        uint32_t d0, d1;
        onebit_xor_pair(&x, &w, &d0, &d1);
        rest += onebit_popcount_bytes(d0, m) + onebit_popcount_bytes(d1, m);
    }
    if (words % 2u != 0u) {
        rest += onebit_popcount_bytes(*x ^ *w, m);
    }
    return (eights_total << 3) + onebit_sum_bytes(rest);
}

#endif
