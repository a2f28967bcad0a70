/*
 * Layer-by-layer dumps for `onebit trace --board` and the exactness tests: built only with
 * -DONEBIT_TRACE_LAYERS (the Makefile's TRACE_FLAGS). After the input encoding (mark 0) and after
 * each layer (mark i + 1) model.c passes the tensor it just wrote: the packed words of the arena
 * (words(channels) per pixel, HWC), and for the output layer the int32 scores. The program that
 * links the model (the QEMU harness, the host driver) prints them as
 *   T <mark> <first word index> <word> ... (at most ONEBIT_TRACE_WORDS_PER_LINE words, as int32)
 * before the sample's R line; io.onebit.codegen.DeviceTrace reads them back.
 */
#ifndef ONEBIT_LAYER_TRACE_H
#define ONEBIT_LAYER_TRACE_H

#include <stdint.h>

#define ONEBIT_TRACE_WORDS_PER_LINE 8u

void onebit_layer_trace(uint32_t mark, const uint32_t *words, uint32_t count);

#endif
