package io.onebit.trainer.net;

import io.onebit.model.ConvGeometry;
import io.onebit.model.TensorShape;
import io.onebit.trainer.math.Parallel;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max-pooling over 'valid' windows, per channel, on a convolution's pre-BatchNorm outputs
 * (BinaryNet and Larq pool between the convolution and BatchNorm):
 *
 * <pre>
 *   forward:  y[b][oy][ox][c] = max over (py, px) of z[b][oy·s + py][ox·s + px][c]
 *   backward: ∂L/∂z goes whole to the first window position holding the maximum, 0 elsewhere
 * </pre>
 *
 * Where the maximum is, is kept per output as its window position py·KW + px, held in a float
 * (small integers, exact): the vector paths then record it with a blend under the same mask as
 * the maximum's, without a cast between float and int vectors (which JDK 17 does not compile to
 * one instruction), and a first convolution's weight gradient compares it in place
 * ({@link PooledWeightGradient}).
 *
 * The deployed network pools the bits after BatchNorm+sign instead: sign(BN(max z)) is the max of
 * the signs where BN's scale is positive and the min where it is negative (sign and BN are
 * monotone), which is what the deploy model's per-channel AND/OR does, exactly.
 */
public final class MaxPool2d implements Layer {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
  private static final int LANES = FLOATS.length();

  public final ConvGeometry geometry;
  public final int channels;
  private final Activations out;
  /** Per output of the last training forward: the window position of its maximum, py·KW + px. */
  private float[] position = new float[0];
  /** Offset in the input of window position py·KW + px from the window's first value. */
  private final int[] positionOffset;
  private float[] dIn = new float[0];

  /** A poolHeight × poolWidth window (e.g. 1 × k over a time series). */
  MaxPool2d(int inHeight, int inWidth, int channels, int poolHeight, int poolWidth, int stride) {
    this.geometry = new ConvGeometry(inHeight, inWidth, poolHeight, poolWidth, stride, ConvGeometry.VALID);
    this.channels = channels;
    this.out = new Activations(outputShape());
    this.positionOffset = new int[poolHeight * poolWidth];
    for (int i = 0; i < positionOffset.length; i++) {
      positionOffset[i] = (i / poolWidth * inWidth + i % poolWidth) * channels;
    }
  }

  @Override
  public TensorShape inputShape() {
    return new TensorShape(geometry.inHeight(), geometry.inWidth(), channels);
  }

  @Override
  public TensorShape outputShape() {
    return new TensorShape(geometry.outHeight(), geometry.outWidth(), channels);
  }

  @Override
  public Activations forward(Activations input, boolean training, Random random) {
    int batch = input.batch();
    float[] in = input.values();
    int inSample = input.elements();
    float[] y = prepare(batch);
    Parallel.range(batch, 1, (from, to) -> {
      for (int b = from; b < to; b++) {
        poolSample(in, b * inSample, y, b, training);
      }
    });
    return out;
  }

  /**
   * The forward of {@code conv} followed by this pool, one sample at a time: each sample's
   * convolution output (cnn-s's first layer: 28 × 28 × 32 floats, 100 KB) is pooled while it is
   * still in cache, instead of a batch-sized tensor (10 MB) written by the convolution and read
   * back here. The same outputs and positions as {@code conv.forward} then {@link #forward}; the
   * convolution's own output buffer is not written. Needs {@code conv.samplewise(input)}.
   */
  Activations forwardAfter(Conv2d conv, Activations input, boolean training) {
    int batch = input.batch();
    int convSample = inputShape().elements();
    float[] y = prepare(batch);
    conv.beginSamples(input);
    Parallel.range(batch, 1, (from, to) -> {
      float[] z = SAMPLE.get();
      if (z.length < convSample) {
        z = new float[convSample];
        SAMPLE.set(z);
      }
      for (int b = from; b < to; b++) {
        conv.forwardSample(input, b, z);
        poolSample(z, 0, y, b, training);
      }
    });
    return out;
  }

  private static final ThreadLocal<float[]> SAMPLE = ThreadLocal.withInitial(() -> new float[0]);

  /** Sizes the output and the maxima's positions for {@code batch} samples; returns the output floats. */
  private float[] prepare(int batch) {
    out.prepare(batch, false);
    if (position.length < batch * out.elements()) {
      position = new float[batch * out.elements()];
    }
    return out.values();
  }

  /**
   * Pools sample {@code b}, whose input starts at {@code in[first]}, into {@code y}; with
   * {@code training} records each maximum's window position.
   */
  private void poolSample(float[] in, int first, float[] y, int b, boolean training) {
    int oh = geometry.outHeight();
    int ow = geometry.outWidth();
    int s = geometry.stride();
    int kh = geometry.kernelHeight();
    int kw = geometry.kernelWidth();
    int inWidth = geometry.inWidth();
    int outSample = out.elements();
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox++) {
        int o = b * outSample + (oy * ow + ox) * channels;
        int window = first + (oy * s * inWidth + ox * s) * channels;
        int c = 0;
        if (kh == 2 && kw == 2) {
          for (; c + LANES <= channels; c += LANES) {
            if (training) {
              pool2x2Lanes(in, window, c, inWidth, y, o);
            } else {
              max2x2Lanes(in, window, c, inWidth, y, o);
            }
          }
        }
        for (; c + LANES <= channels; c += LANES) {
          if (training) {
            poolLanes(in, window, c, kh, kw, inWidth, y, o);
          } else {
            maxLanes(in, window, c, kh, kw, inWidth, y, o);
          }
        }
        for (; c < channels; c++) {
          float max = in[window + c];
          int best = 0;
          for (int py = 0; py < kh; py++) {
            for (int px = 0; px < kw; px++) {
              float v = in[window + (py * inWidth + px) * channels + c];
              if (v > max) {
                max = v;
                best = py * kw + px;
              }
            }
          }
          y[o + c] = max;
          position[o + c] = best;
        }
      }
    }
  }

  /**
   * Eight channels at once: the running maximum and where it is, the first of equal maxima (a
   * later position wins only when strictly larger), as the scalar loop.
   */
  private void poolLanes(float[] in, int first, int c, int kh, int kw, int inWidth, float[] y, int o) {
    FloatVector max = FloatVector.fromArray(FLOATS, in, first + c);
    FloatVector where = FloatVector.zero(FLOATS);
    for (int py = 0; py < kh; py++) {
      for (int px = 0; px < kw; px++) {
        if (py == 0 && px == 0) {
          continue;
        }
        FloatVector v = FloatVector.fromArray(FLOATS, in, first + (py * inWidth + px) * channels + c);
        VectorMask<Float> larger = v.compare(VectorOperators.GT, max);
        max = max.blend(v, larger);
        where = where.blend(py * kw + px, larger);
      }
    }
    max.intoArray(y, o + c);
    where.intoArray(position, o + c);
  }

  /**
   * {@link #poolLanes} for the common 2 × 2 window, written out: with the window loops, the JIT
   * kept the running vectors boxed across iterations and called the blends out of line (a third
   * of cnn-s's pooling samples in the profile).
   */
  private void pool2x2Lanes(float[] in, int first, int c, int inWidth, float[] y, int o) {
    int i0 = first + c;
    int down = inWidth * channels;
    FloatVector max = FloatVector.fromArray(FLOATS, in, i0);
    FloatVector at = FloatVector.zero(FLOATS);
    FloatVector v = FloatVector.fromArray(FLOATS, in, i0 + channels);
    VectorMask<Float> larger = v.compare(VectorOperators.GT, max);
    max = max.blend(v, larger);
    at = at.blend(1f, larger);
    v = FloatVector.fromArray(FLOATS, in, i0 + down);
    larger = v.compare(VectorOperators.GT, max);
    max = max.blend(v, larger);
    at = at.blend(2f, larger);
    v = FloatVector.fromArray(FLOATS, in, i0 + down + channels);
    larger = v.compare(VectorOperators.GT, max);
    max = max.blend(v, larger);
    at = at.blend(3f, larger);
    max.intoArray(y, o + c);
    at.intoArray(position, o + c);
  }

  /** {@link #pool2x2Lanes} without the positions (inference). */
  private void max2x2Lanes(float[] in, int first, int c, int inWidth, float[] y, int o) {
    int i0 = first + c;
    int down = inWidth * channels;
    FloatVector max = FloatVector.fromArray(FLOATS, in, i0);
    FloatVector v = FloatVector.fromArray(FLOATS, in, i0 + channels);
    max = max.blend(v, v.compare(VectorOperators.GT, max));
    v = FloatVector.fromArray(FLOATS, in, i0 + down);
    max = max.blend(v, v.compare(VectorOperators.GT, max));
    v = FloatVector.fromArray(FLOATS, in, i0 + down + channels);
    max = max.blend(v, v.compare(VectorOperators.GT, max));
    max.intoArray(y, o + c);
  }

  /**
   * {@link #poolLanes} without keeping where the maximum is: inference (evaluation, BatchNorm
   * statistics) has no backward, and the bookkeeping costs as much as the pooling.
   */
  private void maxLanes(float[] in, int first, int c, int kh, int kw, int inWidth, float[] y, int o) {
    FloatVector max = FloatVector.fromArray(FLOATS, in, first + c);
    for (int py = 0; py < kh; py++) {
      for (int px = 0; px < kw; px++) {
        if (py == 0 && px == 0) {
          continue;
        }
        FloatVector v = FloatVector.fromArray(FLOATS, in, first + (py * inWidth + px) * channels + c);
        max = max.blend(v, v.compare(VectorOperators.GT, max));
      }
    }
    max.intoArray(y, o + c);
  }

  /** Per output of the last training forward, the window position py·KW + px of its maximum (batch × outputs). */
  float[] positions() {
    return position;
  }

  @Override
  public float[] backward(float[] dOut, boolean needInput) {
    if (!needInput) {
      return null;
    }
    int batch = out.batch();
    int inSample = inputShape().elements();
    dIn = WeightLayer.grow(dIn, batch * inSample);
    float[] d = dIn;
    int outSample = out.elements();
    int oh = geometry.outHeight();
    int ow = geometry.outWidth();
    int s = geometry.stride();
    int kw = geometry.kernelWidth();
    int inWidth = geometry.inWidth();
    int[] offset = positionOffset;
    // Split by sample: every window position of an output lies in its own sample.
    Parallel.range(batch, 1, (from, to) -> {
      java.util.Arrays.fill(d, from * inSample, to * inSample, 0f);
      for (int b = from; b < to; b++) {
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++) {
            int o = b * outSample + (oy * ow + ox) * channels;
            int window = b * inSample + (oy * s * inWidth + ox * s) * channels;
            for (int c = 0; c < channels; c++) {
              d[window + c + offset[(int) position[o + c]]] += dOut[o + c];
            }
          }
        }
      }
    });
    return d;
  }

  @Override
  public <R> R accept(LayerVisitor<R> visitor) {
    return visitor.maxPool(this);
  }
}
