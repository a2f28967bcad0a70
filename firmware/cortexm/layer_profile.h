/*
 * Per-layer timing for `onebit bench`: built only with -DONEBIT_PROFILE_LAYERS (the Makefile's
 * PROFILE_FLAGS). model.c marks the SysTick count after the input encoding (mark 0) and after
 * each layer (mark i + 1); the harness prints the differences. Each mark is a call of
 * onebit_systick_now and one store (about 15 instructions), so a profiled inference runs about
 * 15 * (layers + 1) instructions more than an unprofiled one.
 */
#ifndef ONEBIT_LAYER_PROFILE_H
#define ONEBIT_LAYER_PROFILE_H

#include <stdint.h>

#include "systick.h"

/* Marks 0..ONEBIT_LAYER_MARKS_MAX - 1; the harness defines the array. */
#define ONEBIT_LAYER_MARKS_MAX 64u

extern uint32_t onebit_layer_marks[ONEBIT_LAYER_MARKS_MAX];

/* The 32-bit SysTick count (counts down, see systick.h). */
static inline void onebit_layer_mark(uint32_t mark)
{
    onebit_layer_marks[mark] = onebit_systick_now();
}

#endif
