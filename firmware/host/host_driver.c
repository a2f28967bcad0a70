/*
 * Host test driver (not firmware: it may use stdio). Runs the generated model on samples read
 * from a file of back-to-back raw samples (each ONEBIT_MODEL_INPUT_SIZE elements of the model's
 * input type, little-endian like the host) and prints, like the QEMU harness,
 *   R <index> <class> <score0> ... <scoreN-1> 0
 * per sample (0 ticks: nothing is timed on the host), then END <count>. Built with
 * -DONEBIT_TRACE_LAYERS it prints each layer's output as T lines before the sample's R line.
 */
#include <stdint.h>
#include <stdio.h>

#include "model.h"

#ifdef ONEBIT_TRACE_LAYERS
#include "onebit/common/layer_trace.h"

/* The same T lines as the QEMU harness (see layer_trace.h). */
void onebit_layer_trace(uint32_t mark, const uint32_t *words, uint32_t count)
{
    for (uint32_t at = 0; at < count; at += ONEBIT_TRACE_WORDS_PER_LINE) {
        printf("T %lu %lu", (unsigned long)mark, (unsigned long)at);
        for (uint32_t i = at; i < count && i < at + ONEBIT_TRACE_WORDS_PER_LINE; i++) {
            printf(" %ld", (long)(int32_t)words[i]);
        }
        printf("\n");
    }
}
#endif

int main(int argc, char **argv)
{
    static ONEBIT_MODEL_INPUT_TYPE sample[ONEBIT_MODEL_INPUT_SIZE]; /* little-endian raw elements, as the file holds them */
    int32_t scores[ONEBIT_MODEL_CLASSES];
    unsigned long count = 0;
    size_t got;
    FILE *in;
    if (argc != 2) {
        fprintf(stderr, "usage: %s SAMPLES_FILE\n", argv[0]);
        return 2;
    }
    in = fopen(argv[1], "rb");
    if (in == NULL) {
        fprintf(stderr, "%s: cannot open\n", argv[1]);
        return 2;
    }
    while ((got = fread(sample, 1, sizeof sample, in)) == sizeof sample) {
        int32_t predicted = ONEBIT_MODEL_INFER(sample, scores);
        printf("R %lu %ld", count, (long)predicted);
        for (unsigned j = 0; j < ONEBIT_MODEL_CLASSES; j++) {
            printf(" %ld", (long)scores[j]);
        }
        printf(" 0\n");
        count++;
    }
    fclose(in);
    if (got != 0) {
        fprintf(stderr, "%s: trailing %lu bytes are not a whole sample of %u bytes\n", argv[1],
                (unsigned long)got, (unsigned)sizeof sample);
        return 2;
    }
    printf("END %lu\n", count);
    return 0;
}
