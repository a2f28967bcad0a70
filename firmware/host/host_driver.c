/*
 * Host test driver (not firmware: it may use stdio). Runs the generated model on samples read
 * from a file of back-to-back raw samples and prints, like the QEMU harness,
 *   R <index> <class> <score0> ... <scoreN-1> 0
 * per sample (0 ticks: nothing is timed on the host), then END <count>.
 *
 * The model's names come from the command line (the generated Makefile passes them), since every
 * name of a generated model carries its prefix:
 *   -DONEBIT_HOST_INFER=<prefix>_infer -DONEBIT_HOST_INPUT_SIZE=<PREFIX>_INPUT_SIZE
 *   -DONEBIT_HOST_CLASSES=<PREFIX>_CLASSES
 */
#include <stdint.h>
#include <stdio.h>

#include "model.h"

int main(int argc, char **argv)
{
    static uint8_t sample[ONEBIT_HOST_INPUT_SIZE];
    int32_t scores[ONEBIT_HOST_CLASSES];
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
        int32_t predicted = ONEBIT_HOST_INFER(sample, scores);
        printf("R %lu %ld", count, (long)predicted);
        for (unsigned j = 0; j < ONEBIT_HOST_CLASSES; j++) {
            printf(" %ld", (long)scores[j]);
        }
        printf(" 0\n");
        count++;
    }
    fclose(in);
    if (got != 0) {
        fprintf(stderr, "%s: trailing %lu bytes are not a whole sample of %u bytes\n", argv[1],
                (unsigned long)got, (unsigned)ONEBIT_HOST_INPUT_SIZE);
        return 2;
    }
    printf("END %lu\n", count);
    return 0;
}
