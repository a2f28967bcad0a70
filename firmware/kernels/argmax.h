/* Index of the largest score; the smallest index wins ties, as in the golden model. */
#ifndef ONEBIT_ARGMAX_H
#define ONEBIT_ARGMAX_H

#include "config.h"

ONEBIT_INLINE int32_t onebit_argmax(const int32_t *scores, uint32_t count)
{
    uint32_t best = 0;
    for (uint32_t j = 1; j < count; j++) {
        if (scores[j] > scores[best]) {
            best = j;
        }
    }
    return (int32_t)best;
}

#endif
