/*
 * Per-layer timing for `onebit bench`: built only with -DONEBIT_PROFILE_LAYERS (the Makefile's
 * PROFILE_FLAGS). model.c marks the SysTick counter after the input encoding (mark 0) and after
 * each layer (mark i + 1); the harness prints the differences. Each mark is one load of the
 * counter and one store (about 3 instructions with the address), so a profiled inference runs
 * about 3 * (layers + 1) instructions more than an unprofiled one.
 */
#ifndef ONEBIT_LAYER_PROFILE_H
#define ONEBIT_LAYER_PROFILE_H

#include <stdint.h>

/* Marks 0..ONEBIT_LAYER_MARKS_MAX - 1; the harness defines the array. */
#define ONEBIT_LAYER_MARKS_MAX 64u

extern uint32_t onebit_layer_marks[ONEBIT_LAYER_MARKS_MAX];

/* SysTick's current value register (counts down, see systick.h). */
#define ONEBIT_SYST_CVR (*(volatile uint32_t *)0xE000E018u)

static inline void onebit_layer_mark(uint32_t mark)
{
    onebit_layer_marks[mark] = ONEBIT_SYST_CVR;
}

#endif
