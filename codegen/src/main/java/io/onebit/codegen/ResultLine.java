package io.onebit.codegen;

/**
 * One harness result line, {@code R <index> <class> <score0> ... <scoreN-1> <ticks>}.
 *
 * @param index sample index
 * @param predictedClass the class the firmware returned
 * @param scores the int32 class scores
 * @param ticks SysTick ticks of the inference net of the empty measurement (0 on the host)
 */
public record ResultLine(int index, int predictedClass, int[] scores, long ticks) {}
