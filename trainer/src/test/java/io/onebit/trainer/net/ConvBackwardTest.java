package io.onebit.trainer.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onebit.model.ConvGeometry;
import io.onebit.model.TensorShape;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The convolution's backward, on its column (im2col + GEMM + col2im) and its direct (input tensor,
 * nonzero gradients only) path: the same bits from both, and the definition computed naively in
 * double.
 */
class ConvBackwardTest {
  @ParameterizedTest
  @CsvSource({
      "14,14,32,32,3,3,1,same,1,0.8", "7,7,32,64,3,3,1,valid,1,0.1", "9,8,33,17,3,2,2,same,1,0.8",
      "28,28,1,8,3,3,1,same,0,0.9", "12,12,8,32,10,10,2,valid,1,0.7", "5,7,65,3,2,3,1,same,1,0.0",
      "6,5,12,9,3,3,2,same,1,0.95", "11,11,16,23,3,3,1,same,1,0.5", "10,10,3,17,5,5,1,same,1,0.6",
      "9,9,16,8,1,1,1,valid,1,0.7", "8,8,5,6,5,5,1,same,0,0.5", "10,10,8,16,3,3,2,valid,1,0.5",
      "9,10,64,8,4,2,3,same,0,0.6"})
  void bothPathsComputeTheDefinition(int h, int w, int c, int filters, int kh, int kw, int stride, String padding,
      float pad, double zeros) {
    Random random = new Random(h * 31 + c + filters);
    ConvGeometry g = new ConvGeometry(h, w, kh, kw, stride, padding);
    Conv2d conv = new Conv2d("c", g, c, filters, pad, random);
    int batch = 2;
    TensorShape in = new TensorShape(h, w, c);
    float[] x = new float[batch * in.elements()];
    for (int i = 0; i < x.length; i++) {
      x[i] = pad == 0 ? random.nextInt(256) : random.nextBoolean() ? 1f : -1f;
    }
    Activations input = pad == 0 ? Batches.real(in, x) : signs(in, x, batch);
    conv.forward(input, true, null);
    int outSize = conv.outputShape().elements();
    float[] dz = new float[batch * outSize];
    for (int i = 0; i < dz.length; i++) {
      dz[i] = random.nextDouble() < zeros ? 0f : (float) random.nextGaussian();
    }
    float[][] byColumns = backward(conv, dz, Conv2d.BackwardPath.COLUMNS, false);
    float[][] direct = backward(conv, dz, Conv2d.BackwardPath.DIRECT, false);
    assertArrayEquals(byColumns[0], direct[0], "dW: the direct path's bits");
    assertArrayEquals(byColumns[1], direct[1], "dIn: the direct path's bits");
    float[] dx = direct[1];
    float[] wSign = new float[conv.latent().size()];
    for (int i = 0; i < wSign.length; i++) {
      wSign[i] = conv.latent().value()[i] >= 0 ? 1f : -1f;
    }
    int k = conv.fanIn;
    double[] dW = new double[filters * k];
    double[] dIn = new double[x.length];
    for (int b = 0; b < batch; b++) {
      for (int oy = 0; oy < g.outHeight(); oy++) {
        for (int ox = 0; ox < g.outWidth(); ox++) {
          for (int o = 0; o < filters; o++) {
            double grad = dz[((b * g.outHeight() + oy) * g.outWidth() + ox) * filters + o];
            int tap = 0;
            for (int ky = 0; ky < kh; ky++) {
              for (int kx = 0; kx < kw; kx++, tap++) {
                int iy = oy * stride + ky - g.padTop();
                int ix = ox * stride + kx - g.padLeft();
                boolean inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
                for (int ch = 0; ch < c; ch++) {
                  int xi = b * in.elements() + (iy * w + ix) * c + ch;
                  double value = inside ? x[xi] : pad;
                  dW[o * k + tap * c + ch] += grad * value;
                  if (inside) {
                    dIn[xi] += grad * wSign[o * k + tap * c + ch];
                  }
                }
              }
            }
          }
        }
      }
    }
    for (int i = 0; i < dW.length; i++) {
      assertEquals(dW[i], direct[0][i], 1e-3 * (1 + Math.abs(dW[i])), "dW " + i);
    }
    for (int i = 0; i < dIn.length; i++) {
      assertEquals(dIn[i], dx[i], 1e-3 * (1 + Math.abs(dIn[i])), "dIn " + i);
    }
  }

  /**
   * Over batches of a realistic size (the column path's GEMM then fuses rows in 6- and 4-row tiles
   * split over the cores, with a partial last group) the direct path still gives its bits.
   */
  @ParameterizedTest
  @CsvSource({"14,14,32,32,same,23", "7,7,32,64,valid,37", "9,9,8,24,same,70"})
  void theDirectPathOverLargerBatchesHasTheColumnPathsBits(int h, int w, int c, int filters, String padding,
      int batch) {
    Random random = new Random(h + filters + batch);
    ConvGeometry g = new ConvGeometry(h, w, 3, 3, 1, padding);
    Conv2d conv = new Conv2d("c", g, c, filters, 1f, random);
    TensorShape in = new TensorShape(h, w, c);
    float[] x = new float[batch * in.elements()];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextBoolean() ? 1f : -1f;
    }
    conv.forward(signs(in, x, batch), true, null);
    float[] dz = new float[batch * conv.outputShape().elements()];
    for (int i = 0; i < dz.length; i++) {
      dz[i] = random.nextInt(4) == 0 ? (float) random.nextGaussian() : 0f;
    }
    for (boolean set : new boolean[] {false, true}) {
      // set: the first backward after an optimizer step (the column path then takes W's gradient
      // from the windows' sign bits where there are 32 filters or more)
      float[][] byColumns = backward(conv, dz, Conv2d.BackwardPath.COLUMNS, set);
      float[][] direct = backward(conv, dz, Conv2d.BackwardPath.DIRECT, set);
      assertArrayEquals(byColumns[0], direct[0], "dW, set " + set);
      assertArrayEquals(byColumns[1], direct[1], "dIn, set " + set);
    }
  }

  /** ∂L/∂W and ∂L/∂in from a fresh gradient along {@code path}. */
  private static float[][] backward(Conv2d conv, float[] dz, Conv2d.BackwardPath path, boolean set) {
    Conv2d.backwardPath = path;
    try {
      if (set) {
        java.util.Arrays.fill(conv.latent().grad(), Float.NaN); // must be overwritten
        conv.setGradientOnNextBackward();
      } else {
        conv.latent().zeroGrad();
      }
      float[] dx = conv.backward(dz.clone(), true);
      return new float[][] {conv.latent().grad().clone(), dx.clone()};
    } finally {
      Conv2d.backwardPath = Conv2d.BackwardPath.AUTO;
    }
  }

  private static Activations signs(TensorShape shape, float[] x, int batch) {
    Activations a = new Activations(shape);
    a.setSigns(x, batch);
    return a;
  }
}
