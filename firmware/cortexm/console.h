/*
 * The firmware's console and exit, whatever carries them on the board (semihosting under QEMU,
 * see console_semihosting.c).
 */
#ifndef ONEBIT_CONSOLE_H
#define ONEBIT_CONSOLE_H

/* Writes a NUL-terminated string. */
void onebit_console_write(const char *text);

/* Ends the program; status 0 reports success to the host. */
void onebit_exit(int status) __attribute__((noreturn));

#endif
