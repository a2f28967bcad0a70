package io.onebit.trainer.method.bernoulli;

import java.util.Arrays;
import java.util.List;

/**
 * What a hidden Bernoulli block passes on in training ({@code --bernoulli-activation}): the
 * expectation e = 2a − 1 of its output bit (the study), or a ±1 draw with P(+1) = a
 * ({@link ActivationSampler}; the backward is the expectation's), in every epoch or only in the
 * binarisation phase.
 *
 * <p>Why draws while binarising: with the weights decided and T small, a unit whose pre-activation
 * sits on its threshold passes e = 0, a third value next to ±1 that the deployed sign cannot
 * produce (sign(0) = +1), and at T → 0 only such units still give β a gradient, which keeps the
 * thresholds there. On seed-cnn (seed 3, every weight binary, T = 1e-3) the expectation network
 * scored 96.2 % and the same network with the hard step (T = 0) 94.3 %, the deployed one 94.4 %
 * (docs/bernoulli.md). A draw turns e = 0 into a coin toss, which the loss then penalises.
 */
enum HiddenActivation {
  EXPECTATION("expectation"),
  SAMPLE("sample"),
  SAMPLE_WHILE_BINARIZING("binarization-sample");

  private final String id;

  HiddenActivation(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  static List<String> ids() {
    return Arrays.stream(values()).map(HiddenActivation::id).toList();
  }

  static HiddenActivation of(String id) {
    for (HiddenActivation a : values()) {
      if (a.id.equals(id)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown hidden activation '" + id + "', expected one of " + ids());
  }

  /**
   * Whether training draws the hidden bits in a late epoch ({@code late}: from the binarisation
   * phase on, or from {@code --bernoulli-sample-from}) or in an earlier one.
   */
  boolean draws(boolean late) {
    return this == SAMPLE || this == SAMPLE_WHILE_BINARIZING && late;
  }
}
