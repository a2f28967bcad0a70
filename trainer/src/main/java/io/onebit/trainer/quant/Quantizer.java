package io.onebit.trainer.quant;

import java.util.Random;

/**
 * A binarizing function and the pseudo-gradient used in its place during backpropagation.
 * Forward maps to {-1, +1} (sign(0) = +1, matching bit 0 of the deploy format).
 *
 * <p>At inference and in fold every quantizer is the deterministic sign: {@link #forward}.
 * A stochastic quantizer differs only in its training-time forward ({@link #sample}).
 */
public interface Quantizer {
  /** The binary value at inference, −1 or +1: sign(x) with sign(0) = +1. */
  default float forward(float x) {
    return x >= 0f ? 1f : -1f;
  }

  /** The pseudo-derivative d forward / dx used by the backward pass. */
  float backward(float x);

  /**
   * The backward over a range: {@code d[i] *= backward(x[i])} for i in [from, to), the same bits;
   * a quantizer may override it with a branch-free loop.
   */
  default void backward(float[] x, float[] d, int from, int to) {
    for (int i = from; i < to; i++) {
      d[i] *= backward(x[i]);
    }
  }

  /** The command-line and config name (Larq's alias style, e.g. {@code ste-sign}). */
  String name();

  /** True when the training forward draws random signs ({@link #sample}); false for sign(x). */
  default boolean stochastic() {
    return false;
  }

  /** The training-time forward; equals {@link #forward} unless {@link #stochastic()}. */
  default float sample(float x, Random random) {
    return forward(x);
  }
}
