package io.onebit.trainer.net;

import io.onebit.model.ConvGeometry;
import io.onebit.model.TensorShape;
import io.onebit.trainer.math.Parallel;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
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
 * The deployed network pools the bits after BatchNorm+sign instead: sign(BN(max z)) is the max of
 * the signs where BN's scale is positive and the min where it is negative (sign and BN are
 * monotone), which is what the deploy model's per-channel AND/OR does, exactly.
 */
public final class MaxPool2d implements Layer {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
  private static final int LANES = FLOATS.length();
  private static final IntVector LANE_INDEX = IntVector.fromArray(INTS, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 0);

  public final ConvGeometry geometry;
  public final int channels;
  private final Activations out;
  private int[] argmax = new int[0];
  private float[] dIn = new float[0];

  /** A poolHeight × poolWidth window (e.g. 1 × k over a time series). */
  MaxPool2d(int inHeight, int inWidth, int channels, int poolHeight, int poolWidth, int stride) {
    this.geometry = new ConvGeometry(inHeight, inWidth, poolHeight, poolWidth, stride, ConvGeometry.VALID);
    this.channels = channels;
    this.out = new Activations(outputShape());
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
    int outSample = out.elements();
    int inSample = input.elements();
    out.prepare(batch, false);
    float[] y = out.values();
    if (argmax.length < batch * outSample) {
      argmax = new int[batch * outSample];
    }
    int oh = geometry.outHeight();
    int ow = geometry.outWidth();
    int s = geometry.stride();
    int kh = geometry.kernelHeight();
    int kw = geometry.kernelWidth();
    int inWidth = geometry.inWidth();
    Parallel.range(batch, 1, (from, to) -> {
      for (int b = from; b < to; b++) {
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++) {
            int o = b * outSample + (oy * ow + ox) * channels;
            int first = b * inSample + (oy * s * inWidth + ox * s) * channels;
            int c = 0;
            for (; c + LANES <= channels; c += LANES) {
              if (training) {
                poolLanes(in, first, c, kh, kw, inWidth, y, o);
              } else {
                maxLanes(in, first, c, kh, kw, inWidth, y, o);
              }
            }
            for (; c < channels; c++) {
              int best = first + c;
              float max = in[best];
              for (int py = 0; py < kh; py++) {
                for (int px = 0; px < kw; px++) {
                  int i = first + (py * inWidth + px) * channels + c;
                  if (in[i] > max) {
                    max = in[i];
                    best = i;
                  }
                }
              }
              y[o + c] = max;
              argmax[o + c] = best;
            }
          }
        }
      }
    });
    return out;
  }

  /**
   * Eight channels at once: the running maximum and where it is, the first of equal maxima (a
   * later position wins only when strictly larger), as the scalar loop.
   */
  private void poolLanes(float[] in, int first, int c, int kh, int kw, int inWidth, float[] y, int o) {
    FloatVector max = FloatVector.fromArray(FLOATS, in, first + c);
    IntVector where = IntVector.broadcast(INTS, first + c).add(LANE_INDEX);
    for (int py = 0; py < kh; py++) {
      for (int px = 0; px < kw; px++) {
        if (py == 0 && px == 0) {
          continue;
        }
        int i = first + (py * inWidth + px) * channels + c;
        FloatVector v = FloatVector.fromArray(FLOATS, in, i);
        VectorMask<Float> larger = v.compare(VectorOperators.GT, max);
        max = max.blend(v, larger);
        where = where.blend(IntVector.broadcast(INTS, i).add(LANE_INDEX), larger.cast(INTS));
      }
    }
    max.intoArray(y, o + c);
    where.intoArray(argmax, o + c);
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
    // Split by sample: every window position of an output lies in its own sample.
    Parallel.range(batch, 1, (from, to) -> {
      java.util.Arrays.fill(d, from * inSample, to * inSample, 0f);
      for (int i = from * outSample; i < to * outSample; i++) {
        d[argmax[i]] += dOut[i];
      }
    });
    return d;
  }

  @Override
  public <R> R accept(LayerVisitor<R> visitor) {
    return visitor.maxPool(this);
  }
}
