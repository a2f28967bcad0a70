#include "systick.h"

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u) /* control and status */
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u) /* reload value */
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u) /* current value */

#define CSR_ENABLE 0x1u
#define CSR_CLKSOURCE_PROCESSOR 0x4u
#define MAX_RELOAD 0x00FFFFFFu

void onebit_systick_start(void)
{
    SYST_CSR = 0;
    SYST_RVR = MAX_RELOAD;
    SYST_CVR = 0; /* any write clears the counter; it reloads on the next tick */
    SYST_CSR = CSR_ENABLE | CSR_CLKSOURCE_PROCESSOR;
}

uint32_t onebit_systick_now(void)
{
    return SYST_CVR;
}
