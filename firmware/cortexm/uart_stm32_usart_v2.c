/*
 * STM32 USART with the ISR/TDR register layout (F0, F3, F7, L4, G0...; RM0385 for the F746).
 * UE moved to bit 0 of CR1 and status to ISR; BRR = f_clk / baud with oversampling by 16.
 */
#include "uart.h"

#include <stdint.h>

#include "board_uart.h"

#define USART_REG(offset) (*(volatile uint32_t *)(ONEBIT_UART_BASE + (offset)))
#define USART_CR1 USART_REG(0x00u)
#define USART_BRR USART_REG(0x0Cu)
#define USART_ISR USART_REG(0x1Cu)
#define USART_TDR USART_REG(0x28u)

#define CR1_UE (1u << 0)  /* USART enable */
#define CR1_TE (1u << 3)  /* transmitter enable */
#define ISR_TC (1u << 6)  /* transmission complete */
#define ISR_TXE (1u << 7) /* transmit data register empty */

void onebit_uart_init(void)
{
    USART_CR1 = 0; /* BRR may only change while UE is 0 */
    USART_BRR = ONEBIT_UART_DIVISOR;
    USART_CR1 = CR1_UE | CR1_TE;
}

void onebit_uart_putc(char c)
{
    while ((USART_ISR & ISR_TXE) == 0) {
    }
    USART_TDR = (uint8_t)c;
}

void onebit_uart_flush(void)
{
    while ((USART_ISR & ISR_TC) == 0) {
    }
}
