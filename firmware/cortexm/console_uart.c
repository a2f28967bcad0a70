/*
 * Console on a real board's UART. There is no host to return a status to, so exit flushes the
 * line, reports a non-zero status as "EXIT <status>" and idles; results are the same R/END lines
 * the QEMU harness prints over semihosting.
 */
#include "console.h"

#include "board_uart.h"
#include "register_steps.h"
#include "uart.h"

static const struct onebit_register_step setup_steps[] = ONEBIT_UART_SETUP_STEPS;

void onebit_console_init(void)
{
    onebit_register_steps_run(setup_steps);
    onebit_uart_init();
}

void onebit_console_write(const char *text)
{
    while (*text != '\0') {
        onebit_uart_putc(*text++);
    }
}

void onebit_exit(int status)
{
    if (status != 0) {
        onebit_console_write("EXIT 1\n");
    }
    onebit_uart_flush();
    for (;;) {
        __asm__ volatile("wfi");
    }
}
