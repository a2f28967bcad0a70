package io.onebit.trainer.nn;

import io.onebit.trainer.data.Dataset;

/**
 * A dataset's images as packed ±1 vectors (bit 1 = −1), the network's first-layer input.
 * Threshold encoding: x = +1 when pixel ≥ threshold, as the deploy model's input spec says.
 */
public final class EncodedImages {
  public final int count;
  public final int width;
  public final int longs;
  public final long[] packed;
  public final byte[] labels;

  private EncodedImages(int count, int width, long[] packed, byte[] labels) {
    this.count = count;
    this.width = width;
    this.longs = (width + 63) >>> 6;
    this.packed = packed;
    this.labels = labels;
  }

  public static EncodedImages threshold(Dataset data, int threshold) {
    int width = data.sampleSize();
    int longs = (width + 63) >>> 6;
    long[] packed = new long[data.count() * longs];
    byte[] pixels = data.pixels();
    for (int s = 0; s < data.count(); s++) {
      int base = s * width;
      for (int i = 0; i < width; i++) {
        if ((pixels[base + i] & 0xff) < threshold) {
          packed[s * longs + (i >>> 6)] |= 1L << (i & 63);
        }
      }
    }
    return new EncodedImages(data.count(), width, packed, data.labels());
  }

  /** The first {@code n} samples. */
  public EncodedImages head(int n) {
    return new EncodedImages(n, width, java.util.Arrays.copyOf(packed, n * longs), java.util.Arrays.copyOf(labels, n));
  }

  /** Copies the samples {@code order[from .. from+n)} into {@code batch} (packed and signs). */
  public void gather(int[] order, int from, int n, BinaryBatch batch) {
    for (int b = 0; b < n; b++) {
      System.arraycopy(packed, order[from + b] * longs, batch.packed, b * longs, longs);
    }
    batch.size = n;
    batch.unpackSigns();
  }
}
