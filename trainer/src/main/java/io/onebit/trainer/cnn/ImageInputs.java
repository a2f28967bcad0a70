package io.onebit.trainer.cnn;

import io.onebit.model.TensorShape;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.nn.ShiftAugmentation;
import java.util.Random;

/**
 * A dataset's samples as the first layer's float input, HWC (any number of channels):
 *
 * <pre>
 *   threshold:  x = +1 where pixel ≥ threshold, else −1   (the deploy model's 1-bit input)
 *   bitplanes:  x = pixel ∈ 0..255                         (the 8-bit first layer's raw bytes)
 * </pre>
 *
 * Raw bytes are not rescaled: the BatchNorm after the first convolution is invariant to the
 * input's scale, and keeping x integer makes z = Σ x·w an exact integer, the very dot the folded
 * threshold is compared with. Optional augmentation shifts an image by up to ±maxShift pixels
 * with probability p (uncovered pixels are background 0), with
 * {@link ShiftAugmentation#drawShift}'s draws.
 */
public final class ImageInputs {
  private final Dataset data;
  private final boolean bitplanes;
  private final int threshold;
  private final float[] lookup = new float[256];

  public ImageInputs(Dataset data, boolean bitplanes, int threshold) {
    this.data = data;
    this.bitplanes = bitplanes;
    this.threshold = threshold;
    for (int v = 0; v < 256; v++) {
      lookup[v] = bitplanes ? v : (v >= threshold ? 1f : -1f);
    }
  }

  public TensorShape shape() {
    return data.shape();
  }

  public int count() {
    return data.count();
  }

  public byte[] labels() {
    return data.labels();
  }

  public ImageInputs head(int n) {
    return n >= data.count() ? this : new ImageInputs(data.head(n), bitplanes, threshold);
  }

  /** Encodes samples order[from .. from+n) into {@code out} without augmentation. */
  public void gather(int[] order, int from, int n, float[] out) {
    int size = data.sampleSize();
    byte[] pixels = data.pixels();
    for (int b = 0; b < n; b++) {
      int src = order[from + b] * size;
      for (int i = 0; i < size; i++) {
        out[b * size + i] = lookup[pixels[src + i] & 0xff];
      }
    }
  }

  /**
   * As {@link #gather}, each image shifted by a random (dy, dx) ∈ [−maxShift, maxShift]² with
   * probability p; the shifts are written to {@code shifts} when that is not null.
   */
  public void gatherShifted(int[] order, int from, int n, float[] out, int maxShift, float probability, Random random,
      long[] shifts) {
    int size = data.sampleSize();
    byte[] image = new byte[size];
    for (int b = 0; b < n; b++) {
      long shift = ShiftAugmentation.drawShift(random, maxShift, probability);
      if (shifts != null) {
        shifts[b] = shift;
      }
      ShiftAugmentation.shiftImage(data, order[from + b], shift, image);
      for (int i = 0; i < size; i++) {
        out[b * size + i] = lookup[image[i] & 0xff];
      }
    }
  }
}
