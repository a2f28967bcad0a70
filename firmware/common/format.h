/* Decimal formatting for the console, without division (no libgcc helper on any core). */
#ifndef ONEBIT_FORMAT_H
#define ONEBIT_FORMAT_H

#include <stdint.h>

/* Writes value in decimal at dst (at most 11 characters, no terminator); returns the end. */
char *onebit_format_int(char *dst, int32_t value);

/* Copies the NUL-terminated text to dst (without the terminator); returns the end. */
char *onebit_format_text(char *dst, const char *text);

#endif
