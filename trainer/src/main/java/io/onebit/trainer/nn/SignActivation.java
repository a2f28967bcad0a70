package io.onebit.trainer.nn;

import io.onebit.trainer.quant.Quantizer;

/** Binarizes a layer's real outputs with a {@link Quantizer} and backpropagates its pseudo-gradient. */
public final class SignActivation {
  private final Quantizer quantizer;

  public SignActivation(Quantizer quantizer) {
    this.quantizer = quantizer;
  }

  /** Packs q(y) into {@code out} (bit 1 for −1) and fills its float signs. */
  public void forward(float[] y, int batch, BinaryBatch out) {
    int width = out.width;
    int longs = out.longs;
    java.util.Arrays.fill(out.packed, 0, batch * longs, 0L);
    for (int b = 0; b < batch; b++) {
      int row = b * width;
      int packedRow = b * longs;
      for (int i = 0; i < width; i++) {
        float q = quantizer.forward(y[row + i]);
        out.signs[row + i] = q;
        if (q < 0f) {
          out.packed[packedRow + (i >>> 6)] |= 1L << (i & 63);
        }
      }
    }
    out.size = batch;
  }

  /** dy = dq ⊙ q'(y), in place on {@code grad}. */
  public void backward(float[] y, int batch, int width, float[] grad) {
    for (int i = 0; i < batch * width; i++) {
      grad[i] *= quantizer.backward(y[i]);
    }
  }
}
