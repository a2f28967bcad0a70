/* printk over onebit's console, for onebit's export tests: %d %u %s %c %% (no widths, no long). */
#include <stdarg.h>
#include <stdint.h>

#include <zephyr/sys/printk.h>

#include "onebit/common/format.h"
#include "onebit/cortexm/console.h"

void printk(const char *fmt, ...)
{
    char text[160];
    char *p = text;
    char *end = text + sizeof text - 12;
    va_list args;
    va_start(args, fmt);
    for (const char *f = fmt; *f != '\0'; f++) {
        if (p >= end) {
            *p = '\0';
            onebit_console_write(text);
            p = text;
        }
        if (*f != '%') {
            *p++ = *f;
            continue;
        }
        f++;
        if (*f == 'd') {
            p = onebit_format_int(p, (int32_t)va_arg(args, int));
        } else if (*f == 'u') {
            p = onebit_format_int(p, (int32_t)va_arg(args, unsigned));
        } else if (*f == 'c') {
            *p++ = (char)va_arg(args, int);
        } else if (*f == 's') {
            *p = '\0';
            onebit_console_write(text);
            p = text;
            onebit_console_write(va_arg(args, const char *));
        } else {
            *p++ = *f;
        }
    }
    va_end(args);
    *p = '\0';
    onebit_console_write(text);
}
