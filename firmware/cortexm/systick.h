/*
 * SysTick as an instruction counter: a 24-bit down counter clocked by the processor clock, extended
 * to 32 bits by counting its reloads in the SysTick exception (at 168 MHz the 24 bits alone wrap
 * after 100 M instructions, less than a reference-kernel CNN inference). Under QEMU with
 * -icount shift=0 every instruction takes 1 ns of virtual time, so one tick is 1e9 / clock_hz
 * instructions (40 on the 25 MHz mps2 boards). The exception runs once per 2^24 ticks.
 */
#ifndef ONEBIT_SYSTICK_H
#define ONEBIT_SYSTICK_H

#include <stdint.h>

/* Starts the counter free-running from 0xFFFFFF, clocked by the processor, its reload exception on. */
void onebit_systick_start(void);

/* The SysTick exception (vector 15): counts one reload. */
void onebit_systick_handler(void);

/* The current 32-bit count: (~reloads << 24) | counter, so it counts down across reloads. */
uint32_t onebit_systick_now(void);

/* Ticks from start to end, modulo 2^32. */
static inline uint32_t onebit_systick_elapsed(uint32_t start, uint32_t end)
{
    return start - end;
}

#endif
