package io.onebit.trainer.cnn;

import io.onebit.model.ConvGeometry;
import io.onebit.model.TensorShape;
import io.onebit.trainer.math.Parallel;
import java.util.Random;

/**
 * Max-pooling over 'valid' windows, per channel, on the convolution's pre-BatchNorm outputs
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
public final class MaxPool2d implements NetworkLayer {
  public final ConvGeometry geometry;
  public final int channels;
  private float[] out = new float[0];
  private int[] argmax = new int[0];
  private float[] dIn = new float[0];

  MaxPool2d(int inHeight, int inWidth, int channels, int pool, int stride) {
    this(inHeight, inWidth, channels, pool, pool, stride);
  }

  /** A poolHeight x poolWidth window (e.g. 1 x k over a time series). */
  MaxPool2d(int inHeight, int inWidth, int channels, int poolHeight, int poolWidth, int stride) {
    this.geometry = new ConvGeometry(inHeight, inWidth, poolHeight, poolWidth, stride, ConvGeometry.VALID);
    this.channels = channels;
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
  public float[] forward(float[] in, int batch, boolean training, Random random) {
    int outSample = outputShape().elements();
    int inSample = inputShape().elements();
    out = BinaryConv2d.grow(out, batch * outSample);
    if (argmax.length < batch * outSample) {
      argmax = new int[batch * outSample];
    }
    int oh = geometry.outHeight();
    int ow = geometry.outWidth();
    int s = geometry.stride();
    Parallel.range(batch, 1, (from, to) -> {
      for (int b = from; b < to; b++) {
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++) {
            int o = b * outSample + (oy * ow + ox) * channels;
            for (int c = 0; c < channels; c++) {
              int best = -1;
              float max = Float.NEGATIVE_INFINITY;
              for (int py = 0; py < geometry.kernelHeight(); py++) {
                for (int px = 0; px < geometry.kernelWidth(); px++) {
                  int i = b * inSample + ((oy * s + py) * geometry.inWidth() + ox * s + px) * channels + c;
                  if (in[i] > max) {
                    max = in[i];
                    best = i;
                  }
                }
              }
              out[o + c] = max;
              argmax[o + c] = best;
            }
          }
        }
      }
    });
    return out;
  }

  @Override
  public float[] backward(float[] dOut, int batch, boolean needInput) {
    if (!needInput) {
      return null;
    }
    int inSample = inputShape().elements();
    int outSample = outputShape().elements();
    dIn = BinaryConv2d.grow(dIn, batch * inSample);
    java.util.Arrays.fill(dIn, 0, batch * inSample, 0f);
    for (int i = 0; i < batch * outSample; i++) {
      dIn[argmax[i]] += dOut[i];
    }
    return dIn;
  }
}
