package io.onebit.codegen;

import java.util.Arrays;

/**
 * A sample on which the C disagrees with the golden model.
 *
 * @param sample sample index
 * @param expectedClass the golden model's class
 * @param actualClass the C's class
 * @param expectedScores the golden model's int32 scores
 * @param actualScores the C's int32 scores
 */
public record Mismatch(int sample, int expectedClass, int actualClass, int[] expectedScores, int[] actualScores) {
  /** One line for error messages. */
  public String describe() {
    return "sample " + sample + ": golden class " + expectedClass + " scores " + Arrays.toString(expectedScores)
        + ", C class " + actualClass + " scores " + Arrays.toString(actualScores);
  }
}
