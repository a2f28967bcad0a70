/*
 * SysTick as an instruction counter: a 24-bit down counter clocked by the processor clock.
 * Under QEMU with -icount shift=0 every instruction takes 1 ns of virtual time, so one tick is
 * 1e9 / clock_hz instructions (40 on the 25 MHz mps2 boards).
 */
#ifndef ONEBIT_SYSTICK_H
#define ONEBIT_SYSTICK_H

#include <stdint.h>

/* Starts the counter free-running from 0xFFFFFF, clocked by the processor, no interrupt. */
void onebit_systick_start(void);

/* The current counter value (counts down). */
uint32_t onebit_systick_now(void);

/* Ticks from start to end, modulo 2^24 (correct across one wrap). */
static inline uint32_t onebit_systick_elapsed(uint32_t start, uint32_t end)
{
    return (start - end) & 0x00FFFFFFu;
}

#endif
