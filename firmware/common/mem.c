/*
 * memset, memcpy, memmove and memcmp for the firmware, which links without libc.
 *
 * GCC's freestanding contract: "GCC requires the freestanding environment provide memcpy, memmove,
 * memset and memcmp" (GCC manual, Standards). Even with -ffreestanding -fno-builtin the compiler
 * emits calls to them for aggregate initialisers, structure copies and large local arrays, so a
 * model that compiles may otherwise fail to link. The kernels avoid them where it matters for
 * speed; these plain byte loops are the safety net, and --gc-sections drops any that is unused.
 *
 * This file must be compiled with -fno-tree-loop-distribute-patterns (the firmware's CFLAGS), or
 * GCC could turn the loops below back into calls to themselves.
 */
#include <stddef.h>
#include <stdint.h>

void *memset(void *dst, int value, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

void *memset(void *dst, int value, size_t n)
{
    uint8_t *d = dst;
    while (n-- > 0u) {
        *d++ = (uint8_t)value;
    }
    return dst;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    while (n-- > 0u) {
        *d++ = *s++;
    }
    return dst;
}

/* Copies forwards when dst lies below src, else backwards, so overlapping ranges are safe. */
void *memmove(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    if ((uintptr_t)d < (uintptr_t)s) {
        while (n-- > 0u) {
            *d++ = *s++;
        }
    } else {
        d += n;
        s += n;
        while (n-- > 0u) {
            *--d = *--s;
        }
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a;
    const uint8_t *y = b;
    for (; n > 0u; n--, x++, y++) {
        if (*x != *y) {
            return *x < *y ? -1 : 1;
        }
    }
    return 0;
}
