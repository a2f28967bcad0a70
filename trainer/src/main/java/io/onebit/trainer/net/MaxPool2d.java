package io.onebit.trainer.net;

import io.onebit.model.ConvGeometry;
import io.onebit.model.TensorShape;
import io.onebit.trainer.math.Parallel;
import java.util.Random;

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
            for (int c = 0; c < channels; c++) {
              int best = -1;
              float max = Float.NEGATIVE_INFINITY;
              for (int py = 0; py < kh; py++) {
                for (int px = 0; px < kw; px++) {
                  int i = b * inSample + ((oy * s + py) * inWidth + ox * s + px) * channels + c;
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

  @Override
  public float[] backward(float[] dOut, boolean needInput) {
    if (!needInput) {
      return null;
    }
    int batch = out.batch();
    int inSample = inputShape().elements();
    dIn = WeightLayer.grow(dIn, batch * inSample);
    java.util.Arrays.fill(dIn, 0, batch * inSample, 0f);
    for (int i = 0; i < batch * out.elements(); i++) {
      dIn[argmax[i]] += dOut[i];
    }
    return dIn;
  }

  @Override
  public <R> R accept(LayerVisitor<R> visitor) {
    return visitor.maxPool(this);
  }
}
