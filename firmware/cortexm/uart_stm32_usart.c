/*
 * STM32 USART with the SR/DR register layout (F1, F2, F4 families; RM0368 for the F401).
 * Oversampling by 16, so BRR = f_clk / baud (mantissa and fraction read as one number).
 */
#include "uart.h"

#include <stdint.h>

#include "board_uart.h"

#define USART_REG(offset) (*(volatile uint32_t *)(ONEBIT_UART_BASE + (offset)))
#define USART_SR USART_REG(0x00u)
#define USART_DR USART_REG(0x04u)
#define USART_BRR USART_REG(0x08u)
#define USART_CR1 USART_REG(0x0Cu)

#define SR_TC (1u << 6)   /* transmission complete */
#define SR_TXE (1u << 7)  /* data register empty */
#define CR1_TE (1u << 3)  /* transmitter enable */
#define CR1_UE (1u << 13) /* USART enable */

void onebit_uart_init(void)
{
    USART_CR1 = 0;
    USART_BRR = ONEBIT_UART_DIVISOR;
    USART_CR1 = CR1_UE | CR1_TE; /* 8 data bits, no parity; CR2 reset value gives 1 stop bit */
}

void onebit_uart_putc(char c)
{
    while ((USART_SR & SR_TXE) == 0) {
    }
    USART_DR = (uint8_t)c;
}

void onebit_uart_flush(void)
{
    while ((USART_SR & SR_TC) == 0) {
    }
}
