/*
 * Console and exit over Arm semihosting: the core executes BKPT 0xAB with the operation in r0 and
 * its argument in r1; the debugger (here QEMU with -semihosting-config enable=on) performs it.
 */
#include "console.h"

#include <stdint.h>

#define SYS_WRITE0 0x04u                       /* r1: NUL-terminated string */
#define SYS_EXIT 0x18u                         /* r1: reason code */
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u  /* normal exit: QEMU returns status 0 */
#define ADP_STOPPED_RUN_TIME_ERROR 0x20023u    /* any other reason: QEMU returns status 1 */

static void semihosting_call(uint32_t operation, uint32_t argument)
{
    register uint32_t r0 __asm__("r0") = operation;
    register uint32_t r1 __asm__("r1") = argument;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
}

void onebit_console_init(void)
{
    /* The debugger (QEMU) is the console: nothing to set up. */
}

void onebit_console_write(const char *text)
{
    semihosting_call(SYS_WRITE0, (uint32_t)(uintptr_t)text);
}

void onebit_exit(int status)
{
    semihosting_call(SYS_EXIT, status == 0 ? ADP_STOPPED_APPLICATION_EXIT : ADP_STOPPED_RUN_TIME_ERROR);
    for (;;) {
    }
}
