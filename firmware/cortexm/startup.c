/*
 * Cortex-M startup, for every board: the vector table, and a reset handler that copies .data from
 * its load address in flash to RAM, zeroes .bss, starts the console, runs main and exits with its
 * status. Symbols come from the generated linker script. Nothing here depends on the core beyond
 * ARMv6-M (entries 4-6 and 12 are reserved on M0/M0+ and never taken), or on the clock: boards
 * run at their reset clocks.
 */
#include <stdint.h>

#include "console.h"

extern uint32_t _sidata; /* load address of .data in flash */
extern uint32_t _sdata;
extern uint32_t _edata;
extern uint32_t _sbss;
extern uint32_t _ebss;
extern uint32_t _estack; /* top of RAM: the initial stack pointer */

int main(void);
void Reset_Handler(void);
void Fault_Handler(void);

void Reset_Handler(void)
{
    const uint32_t *src = &_sidata;
    for (uint32_t *dst = &_sdata; dst < &_edata; dst++) {
        *dst = *src++;
    }
    for (uint32_t *dst = &_sbss; dst < &_ebss; dst++) {
        *dst = 0;
    }
    onebit_console_init();
    onebit_exit(main());
}

/* Any fault or unexpected interrupt: say so and stop, so a test fails at once instead of hanging. */
void Fault_Handler(void)
{
    onebit_console_write("FAULT\n");
    onebit_exit(1);
}

/* Entries 0-15 of the ARMv7-M vector table; the firmware enables no peripheral interrupt. */
__attribute__((section(".isr_vector"), used)) const uintptr_t onebit_isr_vectors[16] = {
    (uintptr_t)&_estack,
    (uintptr_t)Reset_Handler,
    (uintptr_t)Fault_Handler, /* NMI */
    (uintptr_t)Fault_Handler, /* HardFault */
    (uintptr_t)Fault_Handler, /* MemManage */
    (uintptr_t)Fault_Handler, /* BusFault */
    (uintptr_t)Fault_Handler, /* UsageFault */
    0, 0, 0, 0,               /* reserved */
    (uintptr_t)Fault_Handler, /* SVCall */
    (uintptr_t)Fault_Handler, /* DebugMonitor */
    0,                        /* reserved */
    (uintptr_t)Fault_Handler, /* PendSV */
    (uintptr_t)Fault_Handler, /* SysTick (never enabled) */
};
