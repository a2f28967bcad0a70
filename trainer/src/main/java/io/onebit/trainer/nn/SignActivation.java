package io.onebit.trainer.nn;

import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.math.SignPacking;
import io.onebit.trainer.quant.Quantizer;

/** Binarizes a layer's real outputs with a {@link Quantizer} and backpropagates its pseudo-gradient. */
public final class SignActivation {
  private final Quantizer quantizer;

  public SignActivation(Quantizer quantizer) {
    this.quantizer = quantizer;
  }

  /**
   * Packs sign(y) into {@code out} (bit 1 for −1) and fills its float signs. Every quantizer of
   * this activation has the forward function sign(x) with sign(0) = +1; they differ only in
   * their backward pseudo-gradient.
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

  /** dy = dq ⊙ q'(y), in place on {@code grad}. */
  public void backward(float[] y, int batch, int width, float[] grad) {
    for (int i = 0; i < batch * width; i++) {
      grad[i] *= quantizer.backward(y[i]);
    }
  }
}
