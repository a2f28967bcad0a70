package io.onebit.trainer.nn;

import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.math.SignPacking;
import io.onebit.trainer.quant.Quantizer;
import java.util.Random;

/** Binarizes a layer's real outputs with a {@link Quantizer} and backpropagates its pseudo-gradient. */
public final class SignActivation {
  private final Quantizer quantizer;
  private float[] sampled = new float[0];

  public SignActivation(Quantizer quantizer) {
    this.quantizer = quantizer;
  }

  public Quantizer quantizer() {
    return quantizer;
  }

  /**
   * Packs sign(y) into {@code out} (bit 1 for −1) and fills its float signs. This is the
   * inference forward of every quantizer (sign(0) = +1): evaluation, BatchNorm statistics and
   * fold use it; quantizers differ in their backward pseudo-gradient and, for stochastic ones,
   * in the training forward ({@link #forwardTrain}).
   */
  public void forward(float[] y, int batch, BinaryBatch out) {
    int width = out.width;
    int longs = out.longs;
    Parallel.range(batch, 1, (from, to) -> {
      for (int b = from; b < to; b++) {
        SignPacking.pack(y, b * width, width, out.packed, b * longs, out.signs, b * width);
      }
    });
    out.size = batch;
  }

  /**
   * The training forward: {@link #forward} for deterministic quantizers; for stochastic ones, one
   * draw per value from {@code random}, in index order (so a seed fixes the draws).
   */
  public void forwardTrain(float[] y, int batch, BinaryBatch out, Random random) {
    if (!quantizer.stochastic()) {
      forward(y, batch, out);
      return;
    }
    int n = batch * out.width;
    if (sampled.length < n) {
      sampled = new float[n];
    }
    for (int i = 0; i < n; i++) {
      sampled[i] = quantizer.sample(y[i], random);
    }
    forward(sampled, batch, out);
  }

  /** dy = dq ⊙ q'(y), in place on {@code grad}. */
  public void backward(float[] y, int batch, int width, float[] grad) {
    for (int i = 0; i < batch * width; i++) {
      grad[i] *= quantizer.backward(y[i]);
    }
  }
}
