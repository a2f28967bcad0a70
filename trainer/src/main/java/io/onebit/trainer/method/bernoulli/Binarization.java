package io.onebit.trainer.method.bernoulli;

import java.util.List;
import java.util.Locale;

/**
 * The study's three ways of turning the trained distribution into binary weights
 * ({@code --binarize}), each weight at sign(2p − 1) = sign(θ), and a hand-over to BinaryNet. The
 * binarisation phase is the last epochs of the run, from epoch B = round(from·E) of E (a stage of
 * its own, with the learning rate restarted); weights binarised there stop training while the
 * others (and every BatchNorm) adapt to them. By the start of the last epoch every weight is binary, so that epoch trains BatchNorm
 * on exactly the network that is deployed. Whatever is left (from = 1) is binarised at the end.
 *
 * <pre>
 *   all:        every weight at once, at the start of epoch B (from = 1: at the end of the run)
 *   layerwise:  layer j of L at the start of epoch B + ⌊j·(E − 1 − B)/(L − 1)⌋, first layer first
 *   fraction:   at the start of epoch e ≥ B, in every layer the (e − B + 1)/(E − B) most certain
 *               weights (largest |θ|; ties by index), so the share grows to 1 at the last epoch
 *   ste:        the expectation network as the start of straight-through training: at epoch B
 *               every latent weight becomes E[w] = 2p − 1 = tanh(θ/2) (in [−1, 1], BinaryNet's
 *               clip), so the binary network starts at sign(θ), and the remaining epochs train it
 *               as {@code --method ste} does (sign(W) forward, hard-tanh cancel, clipped latent
 *               weights); a confident weight (|2p − 1| near 1) needs a lasting gradient to flip.
 *               Not one of the study's schedules: pretraining a binary network by a relaxed one
 *               and finishing with STE (as two-stage does with real weights, AdamBNN).
 * </pre>
 */
public enum Binarization {
  ALL, LAYERWISE, FRACTION, STE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static List<String> ids() {
    return List.of(LAYERWISE.id(), FRACTION.id(), ALL.id(), STE.id());
  }

  public static Binarization of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  /**
   * The default start of the binarisation phase as a share of the run. Layerwise starts after a
   * tenth: the first layer (few weights, learned in an epoch) is the one whose signs lose most
   * against the expectation network, so it is fixed early and the rest of the run trains the other
   * layers on its binary outputs (seed-cnn, 10k images, 6 epochs: 89.5 % from 0.17 against 84.6 %
   * from 0.5, docs/bernoulli.md).
   */
  public float defaultFrom() {
    return switch (this) {
      case ALL -> 1f;
      case LAYERWISE -> 0.1f;
      case FRACTION -> 0.5f;
      case STE -> 0.25f;
    };
  }

  /** The first epoch of the phase (E when it is empty); at least 1 when {@code from > 0}. */
  static int firstEpoch(float from, int epochs) {
    int first = Math.round(from * epochs);
    return Math.min(epochs, from > 0 ? Math.max(1, first) : first);
  }

  /** Binarises what epoch {@code epoch} (0-based, of {@code epochs}) starts with; idempotent. */
  void startEpoch(int epoch, int epochs, float from, List<BernoulliWeights> layers) {
    int first = firstEpoch(from, epochs);
    if (epoch < first) {
      return;
    }
    int phase = epochs - first;
    switch (this) {
      case ALL -> {
        for (BernoulliWeights w : layers) {
          fixShare(w, 1);
        }
      }
      case LAYERWISE -> {
        int last = layers.size() - 1;
        for (int j = 0; j <= last; j++) {
          if (last == 0 || epoch >= first + (long) j * (phase - 1) / last) {
            fixShare(layers.get(j), 1);
          }
        }
      }
      case FRACTION -> {
        double share = (epoch - first + 1) / (double) phase;
        for (BernoulliWeights w : layers) {
          fixShare(w, share);
        }
      }
      case STE -> {
        // Nothing to fix: the phase is a straight-through stage, not Bernoulli steps (BernoulliMethod).
      }
    }
  }

  /** Binarises every weight of every layer (the end of the run). */
  static void all(List<BernoulliWeights> layers) {
    for (BernoulliWeights w : layers) {
      fixShare(w, 1);
    }
  }

  /** Fixes the most certain weights (largest |θ|, ties by index) until ⌈share·N⌉ are fixed. */
  static void fixShare(BernoulliWeights w, double share) {
    int n = w.fanIn * w.outputs;
    long target = Math.min(n, (long) Math.ceil(share * n - 1e-9));
    long have = w.fixedCount();
    if (have >= target) {
      return;
    }
    if (target == n) {
      for (int i = 0; i < n; i++) {
        w.fix(i);
      }
      return;
    }
    float[] theta = w.logits.value();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> {
      int c = Float.compare(Math.abs(theta[b]), Math.abs(theta[a]));
      return c != 0 ? c : Integer.compare(a, b);
    });
    for (int i = 0; i < n && have < target; i++) {
      if (!w.isFixed(order[i])) {
        w.fix(order[i]);
        have++;
      }
    }
  }
}
