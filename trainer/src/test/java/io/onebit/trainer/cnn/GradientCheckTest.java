package io.onebit.trainer.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onebit.model.ConvGeometry;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Backward passes against central finite differences of L = Σ g ⊙ layer(x) for a fixed random g.
 * The binary convolution's input gradient is exact (the forward is linear in x for fixed sign(W));
 * its weight gradient is the straight-through one, checked on the real-weight forward, where it
 * is the true gradient. Max-pool is checked away from ties (distinct random inputs).
 */
class GradientCheckTest {
  private static final double H = 1e-2;

  private static float[] random(int n, Random r) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return v;
  }

  private static double loss(NetworkLayer layer, float[] x, int batch, float[] g) {
    float[] y = layer.forward(x, batch, true, null);
    double l = 0;
    for (int i = 0; i < g.length; i++) {
      l += g[i] * y[i];
    }
    return l;
  }

  private static void checkInputGradient(NetworkLayer layer, int batch, Random r) {
    checkInputGradient(layer, batch, random(batch * layer.inputShape().elements(), r), r);
  }

  /** Distinct values 0.1 apart in random order: no two are within the finite-difference step. */
  private static float[] separated(int n, Random r) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = 0.1f * i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      float t = v[i];
      v[i] = v[j];
      v[j] = t;
    }
    return v;
  }

  private static void checkInputGradient(NetworkLayer layer, int batch, float[] x, Random r) {
    float[] g = random(batch * layer.outputShape().elements(), r);
    layer.forward(x, batch, true, null);
    float[] analytic = layer.backward(g.clone(), batch, true).clone();
    for (int i = 0; i < x.length; i++) {
      float saved = x[i];
      x[i] = (float) (saved + H);
      double up = loss(layer, x, batch, g);
      x[i] = (float) (saved - H);
      double down = loss(layer, x, batch, g);
      x[i] = saved;
      assertEquals((up - down) / (2 * H), analytic[i], 2e-3, "input " + i);
    }
  }

  @Test
  void convolutionInputGradient() {
    Random r = new Random(2);
    BinaryConv2d conv = new BinaryConv2d("c", new ConvGeometry(5, 6, 3, 2, 2, "same"), 3, 4, 1f, r);
    checkInputGradient(conv, 2, r);
  }

  @Test
  void convolutionWeightGradientWithRealWeights() {
    Random r = new Random(3);
    BinaryConv2d conv = new BinaryConv2d("c", new ConvGeometry(4, 4, 3, 3, 1, "valid"), 2, 3, 1f, r);
    conv.setBinaryWeights(false);
    int batch = 2;
    float[] x = random(batch * conv.inputShape().elements(), r);
    float[] g = random(batch * conv.outputShape().elements(), r);
    conv.forward(x, batch, true, null);
    conv.backward(g.clone(), batch, false);
    float[] w = conv.weights().value();
    float[] analytic = conv.weights().grad().clone();
    for (int i = 0; i < w.length; i++) {
      float saved = w[i];
      w[i] = (float) (saved + H);
      conv.refreshSigns();
      double up = loss(conv, x, batch, g);
      w[i] = (float) (saved - H);
      conv.refreshSigns();
      double down = loss(conv, x, batch, g);
      w[i] = saved;
      conv.refreshSigns();
      assertEquals((up - down) / (2 * H), analytic[i], 2e-3, "weight " + i);
    }
  }

  @Test
  void maxPoolInputGradient() {
    Random r = new Random(4);
    checkInputGradient(new MaxPool2d(6, 5, 3, 2, 2), 2, separated(2 * 6 * 5 * 3, r), r);
  }

  @Test
  void maxPoolWithOverlappingWindows() {
    Random r = new Random(5);
    checkInputGradient(new MaxPool2d(5, 5, 2, 3, 1), 1, separated(5 * 5 * 2, r), r);
  }

  @Test
  void batchNormOverPositionsInputGradient() {
    Random r = new Random(6);
    ChannelBatchNorm bn = new ChannelBatchNorm("bn", new io.onebit.model.TensorShape(3, 2, 4), false);
    float[] gamma = bn.norm.gamma().value();
    for (int c = 0; c < gamma.length; c++) {
      gamma[c] = 0.5f + c;
    }
    checkInputGradient(bn, 2, r);
  }
}
