/*
 * The polled UART driver a real board's console uses; one implementation per register family
 * (uart_stm32_usart.c, uart_stm32_usart_v2.c, uart_nrf.c, uart_pl011.c). Base address, baud
 * divisor and pin come from the generated board_uart.h.
 */
#ifndef ONEBIT_UART_H
#define ONEBIT_UART_H

/* Enables the transmitter; clocks and pins are already set up by the board's register steps. */
void onebit_uart_init(void);

/* Sends one byte, waiting for room in the transmitter. */
void onebit_uart_putc(char c);

/* Waits until the last byte has left the shift register, so nothing is lost if the core stops. */
void onebit_uart_flush(void);

#endif
