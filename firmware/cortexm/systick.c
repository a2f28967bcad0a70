#include <stdbool.h>

#include "systick.h"

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u) /* control and status */
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u) /* reload value */
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u) /* current value */

#define SCB_ICSR (*(volatile uint32_t *)0xE000ED04u) /* interrupt control and state */

#define CSR_ENABLE 0x1u
#define CSR_TICKINT 0x2u
#define ICSR_PENDSTSET (1u << 26) /* the SysTick exception is pending */
#define CSR_CLKSOURCE_PROCESSOR 0x4u
#define MAX_RELOAD 0x00FFFFFFu

void onebit_systick_start(void)
{
    SYST_CSR = 0;
    SYST_RVR = MAX_RELOAD;
    SYST_CVR = 0; /* any write clears the counter; it reloads on the next tick */
    SYST_CSR = CSR_ENABLE | CSR_TICKINT | CSR_CLKSOURCE_PROCESSOR;
}

/* Reloads of the counter so far (the high 8 bits of the 32-bit count). */
static volatile uint32_t reloads;

void onebit_systick_handler(void)
{
    reloads++;
}

/*
 * Reads reloads and the counter consistently: again if the handler ran in between, and counting a
 * reload whose exception is still pending (the counter then reads high, just after the reload).
 */
uint32_t onebit_systick_now(void)
{
    uint32_t high;
    uint32_t low;
    bool pending;
    do {
        high = reloads;
        low = SYST_CVR;
        pending = (SCB_ICSR & ICSR_PENDSTSET) != 0u;
    } while (high != reloads);
    if (pending && low > MAX_RELOAD / 2u) {
        high++;
    }
    return (~high << 24) | low;
}
