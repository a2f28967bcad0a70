package io.onebit.codegen;

import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.model.LayerTrace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Holds C results against the golden model: every int32 score and the class must be equal. Given a
 * {@link Tracer}, a failed comparison also says where the first mismatching sample starts to
 * differ: the first layer and element of a trace build that departs from {@link GoldenModel#trace}.
 *
 * @param samples number of samples compared
 * @param mismatchCount samples with any difference
 * @param firstMismatches the first {@link #KEPT} mismatches, for messages
 * @param correct samples whose C class equals the label (0 without labels)
 * @param firstDivergence for the first mismatching sample, where its layers start to differ (see
 *     {@link io.onebit.model.Divergence#describe}); null when bit-exact or without a tracer
 */
public record GoldenComparison(int samples, int mismatchCount, List<Mismatch> firstMismatches, int correct,
    String firstDivergence) {
  /** Mismatches kept for messages. */
  public static final int KEPT = 5;

  /** Runs the same C as the results came from, built to dump its layers, on one sample (see {@link DeviceTrace}). */
  @FunctionalInterface
  public interface Tracer {
    LayerTrace trace(byte[] sample);
  }

  /** As {@link #compare(DeployModel, byte[][], List, int[], Tracer)} without a tracer. */
  public static GoldenComparison compare(DeployModel model, byte[][] samples, List<ResultLine> results, int[] labels) {
    return compare(model, samples, results, labels, null);
  }

  /**
   * Compares {@code results[i]} with the golden model on {@code samples[i]}.
   *
   * @param labels true classes, or null
   * @param tracer traces the first mismatching sample on the device, or null
   */
  public static GoldenComparison compare(DeployModel model, byte[][] samples, List<ResultLine> results, int[] labels,
      Tracer tracer) {
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
    String divergence = null;
    if (tracer != null && !first.isEmpty()) {
      divergence = whereItStarts(model, golden, samples[first.get(0).sample()], first.get(0).sample(), tracer);
    }
    return new GoldenComparison(samples.length, mismatches, List.copyOf(first), correct, divergence);
  }

  /** The first differing layer and element of {@code sample}, or why there is none. */
  static String whereItStarts(DeployModel model, GoldenModel golden, byte[] sample, int index, Tracer tracer) {
    try {
      return "sample " + index + ": " + LayerTrace.firstDivergence(model, golden.trace(sample), tracer.trace(sample))
          .map(io.onebit.model.Divergence::describe)
          .orElse("its trace build matches the golden model in every layer (the mismatch did not reproduce)");
    } catch (CodegenException | IllegalArgumentException e) {
      return "sample " + index + ": the trace build failed: " + e.getMessage();
    }
  }

  public boolean bitExact() {
    return mismatchCount == 0;
  }

  /** "bit-exact on N samples" or the count, the first mismatch and where it starts. */
  public String summary() {
    return bitExact() ? "bit-exact on " + samples + " samples"
        : mismatchCount + " of " + samples + " samples differ from the golden model; first: " + firstMismatches.get(0).describe()
            + (firstDivergence == null ? "" : "; " + firstDivergence);
  }
}
