/* A stand-in for Zephyr's printk in onebit's export tests: %d %u %s %c %% (see ../../../../README.md). */
#ifndef ZEPHYR_INCLUDE_SYS_PRINTK_H_
#define ZEPHYR_INCLUDE_SYS_PRINTK_H_

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
