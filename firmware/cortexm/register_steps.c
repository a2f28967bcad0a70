#include "register_steps.h"

void onebit_register_steps_run(const struct onebit_register_step *steps)
{
    for (; steps->operation != ONEBIT_STEP_END; steps++) {
        volatile uint32_t *reg = (volatile uint32_t *)(uintptr_t)steps->address;
        if (steps->operation == ONEBIT_STEP_WRITE) {
            *reg = steps->first;
        } else if (steps->operation == ONEBIT_STEP_MODIFY) {
            *reg = (*reg & ~steps->first) | steps->second;
        } else {
            /* No timeout: a step that never completes is a board-file error, and a hang right
               after reset, before any output, is what a debugger shows best. */
            while ((*reg & steps->first) != steps->second) {
            }
        }
    }
}
