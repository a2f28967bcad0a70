#include "format.h"

#include <stdbool.h>

/* Powers of ten that fit in 32 bits, largest first. */
static const uint32_t POWERS_OF_TEN[10] = {
    1000000000u, 100000000u, 10000000u, 1000000u, 100000u, 10000u, 1000u, 100u, 10u, 1u,
};

/*
 * Each digit is the number of times its power of ten can be subtracted (at most 9 per digit),
 * so no division instruction or helper is needed on cores without UDIV.
 */
char *onebit_format_int(char *dst, int32_t value)
{
    /* 0 - (uint32_t)value is the magnitude for every int32, INT32_MIN included. */
    uint32_t magnitude = value < 0 ? 0u - (uint32_t)value : (uint32_t)value;
    bool started = false;
    if (value < 0) {
        *dst++ = '-';
    }
    for (uint32_t k = 0; k < 10u; k++) {
        char digit = '0';
        while (magnitude >= POWERS_OF_TEN[k]) {
            magnitude -= POWERS_OF_TEN[k];
            digit++;
        }
        if (digit != '0' || started || k == 9u) {
            *dst++ = digit;
            started = true;
        }
    }
    return dst;
}

char *onebit_format_text(char *dst, const char *text)
{
    while (*text != '\0') {
        *dst++ = *text++;
    }
    return dst;
}
