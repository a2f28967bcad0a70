package io.onebit.trainer.nn;

import io.onebit.trainer.data.Dataset;
import java.util.Random;

/**
 * Random translation of training images by up to ±{@code maxShift} pixels in each direction,
 * applied before threshold encoding; uncovered pixels are background (0). A small binary MLP
 * overfits MNIST quickly (train accuracy far above test); shifted copies are the cheapest
 * regulariser that keeps the deployed network unchanged.
 */
public final class ShiftAugmentation {
  private final Dataset data;
  private final int maxShift;
  private final int threshold;

  public ShiftAugmentation(Dataset data, int maxShift, int threshold) {
    this.data = data;
    this.maxShift = maxShift;
    this.threshold = threshold;
  }

  /** Encodes shifted copies of samples {@code order[from .. from+n)} into {@code batch}. */
  public void gather(int[] order, int from, int n, BinaryBatch batch, Random random) {
    int rows = data.rows();
    int cols = data.cols();
    int size = rows * cols;
    byte[] pixels = data.pixels();
    java.util.Arrays.fill(batch.packed, 0, n * batch.longs, 0L);
    for (int b = 0; b < n; b++) {
      int dy = random.nextInt(2 * maxShift + 1) - maxShift;
      int dx = random.nextInt(2 * maxShift + 1) - maxShift;
      int src = order[from + b] * size;
      int dst = b * batch.longs;
      for (int r = 0; r < rows; r++) {
        int sr = r - dy;
        for (int c = 0; c < cols; c++) {
          int sc = c - dx;
          boolean inside = sr >= 0 && sr < rows && sc >= 0 && sc < cols;
          int pixel = inside ? pixels[src + sr * cols + sc] & 0xff : 0;
          if (pixel < threshold) {
            int i = r * cols + c;
            batch.packed[dst + (i >>> 6)] |= 1L << (i & 63);
          }
        }
      }
    }
    batch.size = n;
    batch.unpackSigns();
  }
}
