package io.onebit.trainer.method.bernoulli;

import java.util.Arrays;
import java.util.List;

/**
 * The steps over which a scheduled regulariser weight goes from {@code --bernoulli-reg-weight} to
 * {@code --bernoulli-reg-weight-end} ({@code --bernoulli-reg-span}).
 *
 * <p>Why the probabilistic epochs: over the whole run an exponential schedule from 1e-7 to 1e-3
 * is still at 1e-7·(1e4)^0.25 = 1e-6 when a 20-epoch run with {@code --binarize-from 0.25}
 * signs its first layer, and the weights are then undecided (mean |2p − 1| 0.78–0.91 on seed-cnn),
 * so the expectation network computes with real-valued weights the sign network does not have.
 * Spanning the probabilistic epochs, the weight is at its end value when binarisation starts.
 */
enum RegularizerSpan {
  RUN("run"),
  PROBABILISTIC("probabilistic");

  private final String id;

  RegularizerSpan(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  static List<String> ids() {
    return Arrays.stream(values()).map(RegularizerSpan::id).toList();
  }

  static RegularizerSpan of(String id) {
    for (RegularizerSpan s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown regulariser span '" + id + "', expected one of " + ids());
  }

  /**
   * The epochs the schedule spans in a run of {@code epochs} whose binarisation phase starts at
   * epoch {@code firstBinarized}: all of them, or the probabilistic ones (at least 1).
   */
  int epochs(int firstBinarized, int epochs) {
    return this == RUN ? epochs : Math.max(1, firstBinarized);
  }
}
