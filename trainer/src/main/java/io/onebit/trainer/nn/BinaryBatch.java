package io.onebit.trainer.nn;

/**
 * A batch of ±1 vectors held twice: packed (64 per long, bit 1 = −1, little-endian as in the
 * deploy format) for the XOR-popcount forward product, and as floats for the weight gradient.
 */
public final class BinaryBatch {
  public final int width;
  public final int longs;
  public final int capacity;
  public final long[] packed;
  public final float[] signs;
  public int size;

  public BinaryBatch(int width, int capacity) {
    this.width = width;
    this.longs = (width + 63) >>> 6;
    this.capacity = capacity;
    this.packed = new long[capacity * longs];
    this.signs = new float[capacity * width];
  }

  /** Rebuilds {@link #signs} from {@link #packed} for the first {@code size} rows. */
  public void unpackSigns() {
    for (int b = 0; b < size; b++) {
      int p = b * longs;
      int s = b * width;
      for (int i = 0; i < width; i++) {
        signs[s + i] = ((packed[p + (i >>> 6)] >>> (i & 63)) & 1L) == 0 ? 1f : -1f;
      }
    }
  }
}
