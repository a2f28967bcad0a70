/*
 * The firmware's console and exit, whatever carries them on the board: semihosting under QEMU
 * (console_semihosting.c), or a real board's UART (console_uart.c).
 */
#ifndef ONEBIT_CONSOLE_H
#define ONEBIT_CONSOLE_H

/* Prepares the console; Reset_Handler calls it once, after .data and .bss are set up. */
void onebit_console_init(void);

/* Writes a NUL-terminated string. */
void onebit_console_write(const char *text);

/* Ends the program; status 0 reports success to the host. */
void onebit_exit(int status) __attribute__((noreturn));

#endif
