/* A stand-in for Zephyr's kernel header in onebit's export tests (see ../../../README.md). */
#ifndef ZEPHYR_INCLUDE_KERNEL_H_
#define ZEPHYR_INCLUDE_KERNEL_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#endif
