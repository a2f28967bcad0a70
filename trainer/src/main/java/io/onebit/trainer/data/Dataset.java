package io.onebit.trainer.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A labelled set of 8-bit grey images held as flat arrays, because training and inference walk
 * samples in order and one contiguous array is the cheapest thing to walk.
 *
 * <p>The arrays are shared, not copied (the MNIST training images alone are 47 MB), so treat
 * them as read-only; for the same reason {@code equals} compares them by identity.
 *
 * @param name what the data is, for logs and reports, e.g. {@code mnist/train}
 * @param count number of samples
 * @param rows image height in pixels
 * @param cols image width in pixels
 * @param pixels count*rows*cols unsigned bytes, sample-major, row-major within a sample
 * @param labels count class indices, each in [0, classes)
 * @param classes number of classes
 */
public record Dataset(String name, int count, int rows, int cols, byte[] pixels, byte[] labels, int classes) {
  public Dataset {
    if (count < 0 || rows <= 0 || cols <= 0 || classes <= 0 || classes > 256) {
      throw new IllegalArgumentException(
          "bad dataset shape: count " + count + ", " + rows + "x" + cols + ", " + classes + " classes");
    }
    if (pixels.length != (long) count * rows * cols) {
      throw new IllegalArgumentException(
          "pixels hold " + pixels.length + " bytes, expected " + (long) count * rows * cols);
    }
    if (labels.length != count) {
      throw new IllegalArgumentException("labels hold " + labels.length + " entries, expected " + count);
    }
    for (int i = 0; i < count; i++) {
      int label = labels[i] & 0xff;
      if (label >= classes) {
        throw new IllegalArgumentException("label " + label + " of sample " + i + " is not below " + classes);
      }
    }
  }

  /** Bytes per sample: rows*cols. */
  public int sampleSize() {
    return rows * cols;
  }

  /** A copy of sample {@code i}'s pixels, so callers may change it freely. */
  public byte[] sample(int i) {
    Objects.checkIndex(i, count);
    int size = sampleSize();
    return Arrays.copyOfRange(pixels, i * size, (i + 1) * size);
  }

  /** The class index of sample {@code i}, as an int in [0, classes). */
  public int label(int i) {
    return labels[i] & 0xff;
  }

  /** The first {@code n} samples, for quick runs and tests that need a small but real set. */
  public Dataset head(int n) {
    Objects.checkFromToIndex(0, n, count);
    return new Dataset(name, n, rows, cols,
        Arrays.copyOf(pixels, n * sampleSize()), Arrays.copyOf(labels, n), classes);
  }

  /** The samples at {@code indices}, in that order (repeats allowed), e.g. for a shuffled split. */
  public Dataset subset(int[] indices) {
    int size = sampleSize();
    byte[] p = new byte[Math.multiplyExact(indices.length, size)];
    byte[] l = new byte[indices.length];
    for (int k = 0; k < indices.length; k++) {
      int i = Objects.checkIndex(indices[k], count);
      System.arraycopy(pixels, i * size, p, k * size, size);
      l[k] = labels[i];
    }
    return new Dataset(name, indices.length, rows, cols, p, l, classes);
  }
}
