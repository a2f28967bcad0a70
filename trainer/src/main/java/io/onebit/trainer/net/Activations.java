package io.onebit.trainer.net;

import io.onebit.model.TensorShape;
import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.math.SignPacking;

/**
 * A batch of tensors flowing between {@link Layer}s: {@code batch} samples of {@code shape},
 * batch-major and HWC inside a sample, element (b, y, x, c) at ((b·H + y)·W + x)·C + c, the
 * deploy model's layout (so flatten is the identity).
 *
 * <p>Binary activations (±1: the thresholded input, every sign layer's output) are held twice:
 * as floats for the float products of the backward pass, and packed, 64 per long with bit 1 for
 * −1 and padding 0 ({@code longs()} per sample, little-endian as in the deploy format), for the
 * exact XOR + popcount forward of the next binary layer. {@link #binary} says whether the packed
 * form is current. Buffers grow to the largest batch seen and are reused.
 */
public final class Activations {
  private TensorShape shape;
  private int elements;
  private int longs;
  private int batch;
  private float[] values = new float[0];
  private long[] packed = new long[0];
  private boolean binary;

  public Activations(TensorShape shape) {
    reshape(shape);
  }

  /** The per-sample shape. */
  public TensorShape shape() {
    return shape;
  }

  /** Elements per sample. */
  public int elements() {
    return elements;
  }

  /** Longs per sample of the packed form: ⌈elements / 64⌉. */
  public int longs() {
    return longs;
  }

  public int batch() {
    return batch;
  }

  /** batch × elements floats (may be longer). */
  public float[] values() {
    return values;
  }

  /** batch × longs packed signs (may be longer); current only when {@link #binary()}. */
  public long[] packed() {
    return packed;
  }

  public boolean binary() {
    return binary;
  }

  private void reshape(TensorShape to) {
    this.shape = to;
    this.elements = to.elements();
    this.longs = (elements + 63) >>> 6;
  }

  /**
   * Makes this batch a view of {@code source}'s buffers under this batch's own shape, which has
   * as many elements per sample (flatten: the HWC order already is the flattened order).
   */
  void viewOf(Activations source) {
    if (source.elements != elements) {
      throw new IllegalArgumentException("a view of " + source.shape + " as " + shape + " changes the size");
    }
    this.values = source.values;
    this.packed = source.packed;
    this.batch = source.batch;
    this.binary = source.binary;
  }

  /** Sizes the buffers for {@code n} samples; the packed form only when {@code binary}. */
  public void prepare(int n, boolean isBinary) {
    this.batch = n;
    this.binary = isBinary;
    if (values.length < n * elements) {
      values = new float[n * elements];
    }
    if (isBinary && packed.length < n * longs) {
      packed = new long[n * longs];
    }
  }

  /** Sets this batch to {@code n} packed samples of {@code bits} starting at sample {@code from}, floats too. */
  void loadPacked(long[] bits, int from, int n) {
    prepare(n, true);
    System.arraycopy(bits, from * longs, packed, 0, n * longs);
    unpackSigns();
  }

  /** Copies this binary batch's packed samples into {@code bits} at sample {@code at}. */
  void storePacked(long[] bits, int at) {
    System.arraycopy(packed, 0, bits, at * longs, batch * longs);
  }

  /** Rebuilds the ±1 floats from the packed signs (after a packed gather), split over the cores by sample. */
  public void unpackSigns() {
    Parallel.range(batch, 8, (from, to) -> {
      for (int b = from; b < to; b++) {
        int p = b * longs;
        int s = b * elements;
        for (int i = 0; i < elements; i++) {
          values[s + i] = ((packed[p + (i >>> 6)] >>> (i & 63)) & 1L) == 0 ? 1f : -1f;
        }
      }
    });
  }

  /**
   * Sets this batch to sign(y) of {@code n} samples: packed bits and ±1 floats at once
   * (sign(0) = +1), split over the cores by sample.
   */
  public void setSigns(float[] y, int n) {
    prepare(n, true);
    Parallel.range(n, 1, (from, to) -> {
      for (int b = from; b < to; b++) {
        SignPacking.pack(y, b * elements, elements, packed, b * longs, values, b * elements);
      }
    });
  }
}
