package io.onebit.trainer.net;

import io.onebit.model.TensorShape;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.ShiftAugmentation;
import io.onebit.trainer.math.Parallel;
import java.util.Arrays;
import java.util.Random;

/**
 * A dataset as the network's first-layer input ({@link InputEncoding}), gathered batch by batch
 * into {@link Activations}. Thresholded inputs are packed once up front, so an unaugmented batch
 * is a copy of longs; shifted batches go through {@link ShiftAugmentation#shiftImage}, the one
 * shift that every consumer (gatherers, a distillation teacher) shares.
 */
public final class EncodedInputs {
  private final Dataset data;
  private final InputEncoding encoding;
  private final TensorShape shape;
  private final int size;
  private final int longs;
  private final long[] packed;
  private final float[] lookup = new float[256];
  private long[] drawn = new long[0];
  /** A shifted image per worker thread, reused from batch to batch. */
  private final ThreadLocal<byte[]> images;

  public EncodedInputs(Dataset data, InputEncoding encoding) {
    this.data = data;
    this.encoding = encoding;
    this.shape = shapeOf(data);
    this.size = shape.elements();
    this.longs = (size + 63) >>> 6;
    this.images = ThreadLocal.withInitial(() -> new byte[size]);
    for (int v = 0; v < 256; v++) {
      lookup[v] = encoding.value(v);
    }
    this.packed = encoding.binary() ? packAll() : null;
  }

  /** The per-sample tensor shape of a dataset's samples. */
  public static TensorShape shapeOf(Dataset data) {
    return data.shape();
  }

  private long[] packAll() {
    long[] bits = new long[data.count() * longs];
    byte[] pixels = data.pixels();
    for (int s = 0; s < data.count(); s++) {
      packInto(pixels, s * size, bits, s * longs);
    }
    return bits;
  }

  /** Sets bit i where x_i = −1 (bits are 0 on entry). */
  private void packInto(byte[] pixels, int from, long[] bits, int at) {
    for (int i = 0; i < size; i++) {
      if (lookup[pixels[from + i] & 0xff] < 0) {
        bits[at + (i >>> 6)] |= 1L << (i & 63);
      }
    }
  }

  public Dataset data() {
    return data;
  }

  public InputEncoding encoding() {
    return encoding;
  }

  public TensorShape shape() {
    return shape;
  }

  public int count() {
    return data.count();
  }

  public byte[] labels() {
    return data.labels();
  }

  /** The first {@code n} samples (all when n ≥ count). */
  public EncodedInputs head(int n) {
    return n >= data.count() ? this : new EncodedInputs(data.head(n), encoding);
  }

  /** A fresh input batch of this shape. */
  public Activations newBatch() {
    return new Activations(shape);
  }

  /** Samples order[from .. from+n) into {@code out}, unaugmented. */
  public void gather(int[] order, int from, int n, Activations out) {
    out.prepare(n, encoding.binary());
    if (encoding.binary()) {
      long[] dst = out.packed();
      for (int b = 0; b < n; b++) {
        System.arraycopy(packed, order[from + b] * longs, dst, b * longs, longs);
      }
      out.unpackSigns();
      return;
    }
    float[] dst = out.values();
    byte[] pixels = data.pixels();
    for (int b = 0; b < n; b++) {
      int src = order[from + b] * size;
      for (int i = 0; i < size; i++) {
        dst[b * size + i] = lookup[pixels[src + i] & 0xff];
      }
    }
  }

  /**
   * As {@link #gather}, each image shifted by a random (dy, dx) ∈ [−maxShift, maxShift]² with
   * probability p ({@link ShiftAugmentation#drawShift}); each shift is written to {@code shifts[b]}
   * when that is not null (a teacher needs them).
   */
  public void gatherShifted(int[] order, int from, int n, Activations out, int maxShift, float probability,
      Random random, long[] shifts) {
    out.prepare(n, encoding.binary());
    if (drawn.length < n) {
      drawn = new long[n];
    }
    // The draws stay in sample order on this thread (a seed fixes them); shifting and encoding
    // the images is independent per sample and runs on all cores.
    for (int b = 0; b < n; b++) {
      drawn[b] = ShiftAugmentation.drawShift(random, maxShift, probability);
      if (shifts != null) {
        shifts[b] = drawn[b];
      }
    }
    long[] draws = drawn;
    Parallel.range(n, 8, (lo, hi) -> {
      byte[] image = images.get();
      for (int b = lo; b < hi; b++) {
        ShiftAugmentation.shiftImage(data, order[from + b], draws[b], image);
        if (encoding.binary()) {
          java.util.Arrays.fill(out.packed(), b * longs, (b + 1) * longs, 0L);
          packInto(image, 0, out.packed(), b * longs);
        } else {
          float[] dst = out.values();
          for (int i = 0; i < size; i++) {
            dst[b * size + i] = lookup[image[i] & 0xff];
          }
        }
      }
    });
    if (encoding.binary()) {
      out.unpackSigns();
    }
  }
}
