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
 * Nibble-wise popcount (SWAR, the first two steps of onebit_popcount_bytes): nibble k of the
 * result is the number of set bits in nibble k of v (0..4). 5 instructions with masks in registers.
 */
ONEBIT_INLINE uint32_t onebit_popcount_nibbles(uint32_t v, onebit_masks m)
{
    return onebit_swar_nibbles(onebit_swar_pairs(v, m), m);
}

/* Byte-wise sum of the two nibbles of every byte of v (any nibble values): 3 instructions. */
ONEBIT_INLINE uint32_t onebit_nibbles_to_bytes(uint32_t v, onebit_masks m)
{
    return onebit_swar_nibble_pairs(v, m);
}

/*
 * Rows of exactly 8 words (every layer with 256 inputs): a carry-save tree without running state.
 *   CSA(d0,d1,d2) -> t1,o1   CSA(d3,d4,d5) -> t2,o2   CSA(o1,o2,d6) -> t3,o   CSA(t1,t2,t3) -> f,t
 * leaves popcount(row) = pc(o) + pc(d7) + 2 pc(t) + 4 pc(f) in 4 CSAs (20 instructions). The four
 * planes are then counted together:
 *   P = nib(o) + nib(d7)        <= 8 per nibble
 *   Q = nib(t) + 2 nib(f)       <= 12 per nibble
 *   S = bytes(P) + 2 bytes(Q)   <= 16 + 48 = 64 per byte,   popcount = sum of the bytes of S
 * 8 XOR + 20 CSA + 20 nibble + 2 + 6 + 1 + 1 byte sum = 58 instructions for 256 bit pairs, against
 * 67 for the Harley-Seal loop below with its per-row epilogue.
 */
ONEBIT_INLINE uint32_t onebit_xor_popcount8_opt(const uint32_t *x, const uint32_t *w, onebit_masks m)
{
    uint32_t d0, d1, d2, d3, d4, d5, d6, d7;
    uint32_t t1, t2, t3, o1, o2, o, t, f;
    onebit_xor_pair(&x, &w, &d0, &d1);
    onebit_xor_pair(&x, &w, &d2, &d3);
    onebit_xor_pair(&x, &w, &d4, &d5);
    onebit_xor_pair(&x, &w, &d6, &d7);
    onebit_csa(&t1, &o1, d0, d1, d2);
    onebit_csa(&t2, &o2, d3, d4, d5);
    onebit_csa(&t3, &o, o1, o2, d6);
    onebit_csa(&f, &t, t1, t2, t3);
    uint32_t p = onebit_popcount_nibbles(o, m) + onebit_popcount_nibbles(d7, m);
    uint32_t q = onebit_popcount_nibbles(t, m) + (onebit_popcount_nibbles(f, m) << 1);
    return onebit_sum_bytes(onebit_nibbles_to_bytes(p, m) + (onebit_nibbles_to_bytes(q, m) << 1));
}

#if defined(__thumb2__) && ONEBIT_HAVE_USAD8
/*
 * onebit_xor_popcount8_opt by hand for Thumb-2 with DSP: the same tree and counting, with the
 * registers fixed (r4-r11) so that LDM loads four words per instruction (x0-x3, w0-w3) and
 * nothing spills: 6 loads + 8 XOR + 20 CSA + 20 nibble + 2 + 6 + 1 + MOV + USAD8 = 65
 * instructions per row, advancing w by 8 words. x is not advanced (it is the same for every row).
 */
ONEBIT_INLINE uint32_t onebit_xor_popcount8_asm(const uint32_t *x, const uint32_t **w)
{
    register uint32_t a __asm__("r4");
    register uint32_t b __asm__("r5");
    register uint32_t c __asm__("r6");
    register uint32_t d __asm__("r7");
    register uint32_t e __asm__("r8");
    register uint32_t f __asm__("r9");
    register uint32_t g __asm__("r10");
    register uint32_t h __asm__("r11");
    uint32_t p;
    __asm__(
        "ldm    %[x], {r4, r5, r6, r7}\n\t"      /* x0..x3 */
        "ldm    %[w]!, {r8, r9, r10, r11}\n\t"   /* w0..w3 */
        "eor    r4, r4, r8\n\t"                  /* d0..d3 */
        "eor    r5, r5, r9\n\t"
        "eor    r6, r6, r10\n\t"
        "eor    r7, r7, r11\n\t"
        "eor    r8, r4, r5\n\t"                  /* CSA(d0,d1,d2): u */
        "and    r4, r4, r5\n\t"
        "and    r5, r8, r6\n\t"
        "orr    r5, r4, r5\n\t"                  /* r5 = t1 */
        "eor    r4, r8, r6\n\t"                  /* r4 = o1 */
        "ldrd   r6, r8, [%[x], #16]\n\t"         /* x4, x5 */
        "ldrd   r9, r10, [%[w]], #8\n\t"         /* w4, w5 */
        "eor    r6, r6, r9\n\t"                  /* d4 */
        "eor    r8, r8, r10\n\t"                 /* d5 */
        "eor    r9, r7, r6\n\t"                  /* CSA(d3,d4,d5): u */
        "and    r7, r7, r6\n\t"
        "and    r6, r9, r8\n\t"
        "orr    r7, r7, r6\n\t"                  /* r7 = t2 */
        "eor    r6, r9, r8\n\t"                  /* r6 = o2 */
        "ldrd   r8, r9, [%[x], #24]\n\t"         /* x6, x7 */
        "ldrd   r10, r11, [%[w]], #8\n\t"        /* w6, w7 */
        "eor    r8, r8, r10\n\t"                 /* d6 */
        "eor    r9, r9, r11\n\t"                 /* d7 */
        "eor    r10, r4, r6\n\t"                 /* CSA(o1,o2,d6): u */
        "and    r4, r4, r6\n\t"
        "and    r6, r10, r8\n\t"
        "orr    r4, r4, r6\n\t"                  /* r4 = t3 */
        "eor    r6, r10, r8\n\t"                 /* r6 = o */
        "eor    r10, r5, r7\n\t"                 /* CSA(t1,t2,t3): u */
        "and    r5, r5, r7\n\t"
        "and    r7, r10, r4\n\t"
        "orr    r5, r5, r7\n\t"                  /* r5 = f */
        "eor    r7, r10, r4\n\t"                 /* r7 = t */
        "and    r8, r6, #0xAAAAAAAA\n\t"         /* nib(o) -> r6 */
        "sub    r6, r6, r8, lsr #1\n\t"
        "and    r8, r6, #0xCCCCCCCC\n\t"
        "and    r6, r6, #0x33333333\n\t"
        "add    r6, r6, r8, lsr #2\n\t"
        "and    r8, r9, #0xAAAAAAAA\n\t"         /* nib(d7) -> r9 */
        "sub    r9, r9, r8, lsr #1\n\t"
        "and    r8, r9, #0xCCCCCCCC\n\t"
        "and    r9, r9, #0x33333333\n\t"
        "add    r9, r9, r8, lsr #2\n\t"
        "add    r6, r6, r9\n\t"                  /* P = nib(o) + nib(d7) */
        "and    r8, r7, #0xAAAAAAAA\n\t"         /* nib(t) -> r7 */
        "sub    r7, r7, r8, lsr #1\n\t"
        "and    r8, r7, #0xCCCCCCCC\n\t"
        "and    r7, r7, #0x33333333\n\t"
        "add    r7, r7, r8, lsr #2\n\t"
        "and    r8, r5, #0xAAAAAAAA\n\t"         /* nib(f) -> r5 */
        "sub    r5, r5, r8, lsr #1\n\t"
        "and    r8, r5, #0xCCCCCCCC\n\t"
        "and    r5, r5, #0x33333333\n\t"
        "add    r5, r5, r8, lsr #2\n\t"
        "add    r7, r7, r5, lsl #1\n\t"          /* Q = nib(t) + 2 nib(f) */
        "and    r8, r6, #0xF0F0F0F0\n\t"         /* bytes(P) */
        "and    r6, r6, #0x0F0F0F0F\n\t"
        "add    r6, r6, r8, lsr #4\n\t"
        "and    r8, r7, #0xF0F0F0F0\n\t"         /* bytes(Q) */
        "and    r7, r7, #0x0F0F0F0F\n\t"
        "add    r7, r7, r8, lsr #4\n\t"
        "add    r6, r6, r7, lsl #1\n\t"          /* S = bytes(P) + 2 bytes(Q) */
        "mov    r8, #0\n\t"
        "usad8  %[p], r6, r8\n\t"                /* popcount = sum of the bytes of S */
        : [p] "=r"(p), [w] "+r"(*w), "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d), "=&r"(e), "=&r"(f), "=&r"(g), "=&r"(h)
        : [x] "r"(x), "m"(*(const uint32_t(*)[8])x), "m"(*(const uint32_t(*)[8])*w));
    return p;
}
#endif

/*
 * One Harley-Seal block: 8 words through a tree of 7 carry-save adders that updates the running
 * `ones`, `twos` and `fours` words and returns the block's `eights` carry word. On the first
 * block the running words are the constant 0 and the compiler folds those CSAs to 2 instructions.
 */
ONEBIT_INLINE uint32_t onebit_hs_block(const uint32_t **x, const uint32_t **w, uint32_t *ones, uint32_t *twos,
                                       uint32_t *fours)
{
    uint32_t d0, d1, d2, d3, d4, d5, d6, d7;
    uint32_t twos_a, twos_b, fours_a, fours_b, eights;
    onebit_xor_pair(x, w, &d0, &d1);
    onebit_xor_pair(x, w, &d2, &d3);
    onebit_csa(&twos_a, ones, *ones, d0, d1);
    onebit_csa(&twos_b, ones, *ones, d2, d3);
    onebit_csa(&fours_a, twos, *twos, twos_a, twos_b);
    onebit_xor_pair(x, w, &d4, &d5);
    onebit_xor_pair(x, w, &d6, &d7);
    onebit_csa(&twos_a, ones, *ones, d4, d5);
    onebit_csa(&twos_b, ones, *ones, d6, d7);
    onebit_csa(&fours_b, twos, *twos, twos_a, twos_b);
    onebit_csa(&eights, fours, *fours, fours_a, fours_b);
    return eights;
}

/*
 * Optimised (Harley-Seal, two levels): blocks of 8 words feed running `ones`, `twos`, `fours`
 * (onebit_hs_block); their `eights` words feed a second carry-save level: the first block's
 * becomes the running `eights`, later blocks go in pairs through CSA(eights, e_a, e_b), and a
 * last odd one through a half adder, each emitting a `sixteens` word. Only sixteens words are
 * popcounted inside the loop (one per 16 words):
 *   popcount(row) = 16 sum pc(sixteens) + 8 pc(eights) + 4 pc(fours) + 2 pc(twos) + pc(ones)
 *                   + pc(the words % 8 tail words).
 * The planes are counted together (nib = nibble counts, bytes = byte sums of nibble pairs):
 *   P = nib(ones) + 2 nib(twos)       <= 12 per nibble
 *   Q = nib(fours) + 2 nib(eights)    <= 12 per nibble
 *   S = bytes(P) + 4 bytes(Q) + sum pc_bytes(tail)   <= 24 + 96 + 7*8 = 176 per byte
 * then one horizontal sum. For SFC's first layer (25 words) this is 101 CSA instructions and 47
 * of counting per row, against 7 + 23 per block and row with one level. Rows of exactly 8 words
 * take onebit_xor_popcount8_opt. `words` is a compile-time constant (model.c passes literals), so
 * every branch on it below is resolved and every loop unrolled by the compiler.
 */
ONEBIT_INLINE uint32_t onebit_xor_popcount_opt(const uint32_t *x, const uint32_t *w, uint32_t words, onebit_masks m)
{
    uint32_t ones = 0;
    uint32_t twos = 0;
    uint32_t fours = 0;
    uint32_t eights = 0;
    uint32_t sixteens_total = 0;
    uint32_t blocks = words / 8u;
    if (words == 8u) { /* a compile-time constant: the test costs nothing */
#if defined(__thumb2__) && ONEBIT_HAVE_USAD8
        (void)m;
        return onebit_xor_popcount8_asm(x, &w);
#else
        return onebit_xor_popcount8_opt(x, w, m);
#endif
    }
    if (blocks > 0u) {
        eights = onebit_hs_block(&x, &w, &ones, &twos, &fours);
    }
    for (uint32_t block = 1; block < blocks; block += 2u) {
        if (block + 1u < blocks) {
            uint32_t e_a = onebit_hs_block(&x, &w, &ones, &twos, &fours);
            uint32_t e_b = onebit_hs_block(&x, &w, &ones, &twos, &fours);
            uint32_t sixteens;
            onebit_csa(&sixteens, &eights, eights, e_a, e_b);
            sixteens_total = onebit_sum_bytes_acc(sixteens_total, onebit_popcount_bytes(sixteens, m));
        } else {
            uint32_t e_a = onebit_hs_block(&x, &w, &ones, &twos, &fours);
            uint32_t sixteens = eights & e_a; /* half adder */
            eights ^= e_a;
            sixteens_total = onebit_sum_bytes_acc(sixteens_total, onebit_popcount_bytes(sixteens, m));
        }
    }
    uint32_t p = onebit_popcount_nibbles(ones, m) + (onebit_popcount_nibbles(twos, m) << 1);
    uint32_t q = onebit_popcount_nibbles(fours, m) + (onebit_popcount_nibbles(eights, m) << 1);
    uint32_t rest = onebit_nibbles_to_bytes(p, m) + (onebit_nibbles_to_bytes(q, m) << 2);
    for (uint32_t pair = 0; pair < (words % 8u) / 2u; pair++) {
        uint32_t d0, d1;
        onebit_xor_pair(&x, &w, &d0, &d1);
        rest += onebit_popcount_bytes(d0, m) + onebit_popcount_bytes(d1, m);
    }
    if (words % 2u != 0u) {
        rest += onebit_popcount_bytes(*x ^ *w, m);
    }
    return (sixteens_total << 4) + onebit_sum_bytes(rest);
}

#endif
