/*
 * Arm PrimeCell PL011 UART (RP2040 UART0/1). The baud divisor is 16.6 fixed point:
 * f_clk / (16 baud) = IBRD + FBRD / 64; the generator packs it as (IBRD << 6) | FBRD.
 * LCR_H must be written after IBRD/FBRD: that write latches the divisor.
 */
#include "uart.h"

#include <stdint.h>

#include "board_uart.h"

#define UART_REG(offset) (*(volatile uint32_t *)(ONEBIT_UART_BASE + (offset)))
#define UARTDR UART_REG(0x000u)
#define UARTFR UART_REG(0x018u)
#define UARTIBRD UART_REG(0x024u)
#define UARTFBRD UART_REG(0x028u)
#define UARTLCR_H UART_REG(0x02Cu)
#define UARTCR UART_REG(0x030u)

#define FR_BUSY (1u << 3)
#define FR_TXFF (1u << 5)       /* transmit FIFO full */
#define LCR_H_FEN (1u << 4)     /* FIFOs on */
#define LCR_H_WLEN_8 (3u << 5)  /* 8 data bits */
#define CR_UARTEN (1u << 0)
#define CR_TXE (1u << 8)

void onebit_uart_init(void)
{
    UARTCR = 0;
    UARTIBRD = ONEBIT_UART_DIVISOR >> 6;
    UARTFBRD = ONEBIT_UART_DIVISOR & 0x3Fu;
    UARTLCR_H = LCR_H_WLEN_8 | LCR_H_FEN;
    UARTCR = CR_UARTEN | CR_TXE;
}

void onebit_uart_putc(char c)
{
    while ((UARTFR & FR_TXFF) != 0) {
    }
    UARTDR = (uint8_t)c;
}

void onebit_uart_flush(void)
{
    while ((UARTFR & FR_BUSY) != 0) {
    }
}
