package io.onebit.codegen;

import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Holds C results against the golden model: every int32 score and the class must be equal.
 *
 * @param samples number of samples compared
 * @param mismatchCount samples with any difference
 * @param firstMismatches the first {@link #KEPT} mismatches, for messages
 * @param correct samples whose C class equals the label (0 without labels)
 */
public record GoldenComparison(int samples, int mismatchCount, List<Mismatch> firstMismatches, int correct) {
  /** Mismatches kept for messages. */
  public static final int KEPT = 5;

  /**
   * Compares {@code results[i]} with the golden model on {@code samples[i]}.
   *
   * @param labels true classes, or null
   */
  public static GoldenComparison compare(DeployModel model, byte[][] samples, List<ResultLine> results, int[] labels) {
    if (results.size() != samples.length) {
      throw new CodegenException("C printed " + results.size() + " results for " + samples.length + " samples");
    }
    if (labels != null && labels.length != samples.length) {
      throw new CodegenException(labels.length + " labels for " + samples.length + " samples");
    }
    GoldenModel golden = new GoldenModel(model);
    List<Mismatch> first = new ArrayList<>();
    int mismatches = 0;
    int correct = 0;
    for (int i = 0; i < samples.length; i++) {
      GoldenModel.Result expected = golden.infer(samples[i]);
      ResultLine actual = results.get(i);
      if (expected.predictedClass() != actual.predictedClass() || !Arrays.equals(expected.scores(), actual.scores())) {
        mismatches++;
        if (first.size() < KEPT) {
          first.add(new Mismatch(i, expected.predictedClass(), actual.predictedClass(), expected.scores(), actual.scores()));
        }
      }
      if (labels != null && actual.predictedClass() == labels[i]) {
        correct++;
      }
    }
    return new GoldenComparison(samples.length, mismatches, List.copyOf(first), correct);
  }

  public boolean bitExact() {
    return mismatchCount == 0;
  }

  /** "bit-exact on N samples" or the count and the first mismatch. */
  public String summary() {
    return bitExact() ? "bit-exact on " + samples + " samples"
        : mismatchCount + " of " + samples + " samples differ from the golden model; first: " + firstMismatches.get(0).describe();
  }
}
