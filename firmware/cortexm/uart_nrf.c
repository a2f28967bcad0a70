/*
 * nRF51/nRF52 legacy UART (not the EasyDMA UARTE: a polled byte register needs no RAM buffer).
 * Runs from the 64 MHz internal oscillator at reset; its +-1.5 % is within a UART's tolerance.
 * BAUDRATE takes a fixed code per rate, computed by the code generator from the board's baud.
 */
#include "uart.h"

#include <stdint.h>

#include "board_uart.h"

#define UART_REG(offset) (*(volatile uint32_t *)(ONEBIT_UART_BASE + (offset)))
#define UART_TASKS_STARTTX UART_REG(0x008u)
#define UART_EVENTS_TXDRDY UART_REG(0x11Cu)
#define UART_ENABLE UART_REG(0x500u)
#define UART_PSELTXD UART_REG(0x50Cu)
#define UART_TXD UART_REG(0x51Cu)
#define UART_BAUDRATE UART_REG(0x524u)
#define UART_CONFIG UART_REG(0x56Cu)

#define ENABLE_UART 4u

void onebit_uart_init(void)
{
    UART_ENABLE = 0; /* pins may only be selected while disabled */
    UART_PSELTXD = ONEBIT_UART_TX_PIN;
    UART_BAUDRATE = ONEBIT_UART_DIVISOR;
    UART_CONFIG = 0; /* no parity, no flow control, 1 stop bit */
    UART_ENABLE = ENABLE_UART;
    UART_TASKS_STARTTX = 1;
}

void onebit_uart_putc(char c)
{
    UART_EVENTS_TXDRDY = 0;
    UART_TXD = (uint8_t)c;
    while (UART_EVENTS_TXDRDY == 0) {
    }
}

void onebit_uart_flush(void)
{
    /* putc already waited for TXDRDY of the last byte. */
}
