/*
 * Board bring-up as data: the register writes a real board needs before its UART works (clock
 * gates, resets, pin mux) come from the board's JSON, so this one loop serves every vendor.
 */
#ifndef ONEBIT_REGISTER_STEPS_H
#define ONEBIT_REGISTER_STEPS_H

#include <stdint.h>

#define ONEBIT_STEP_END 0u    /* terminates a list */
#define ONEBIT_STEP_WRITE 1u  /* *address = first */
#define ONEBIT_STEP_MODIFY 2u /* *address = (*address & ~first) | second */
#define ONEBIT_STEP_WAIT 3u   /* spin until (*address & first) == second */

struct onebit_register_step {
    uint32_t operation;
    uint32_t address;
    uint32_t first;
    uint32_t second;
};

/* Runs the steps in order up to the first ONEBIT_STEP_END. */
void onebit_register_steps_run(const struct onebit_register_step *steps);

#endif
