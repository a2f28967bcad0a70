package io.onebit.trainer.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onebit.model.ConvGeometry;
import io.onebit.model.TensorShape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Backward passes against central finite differences of L = Σ g ⊙ layer(x) for a fixed random g.
 * The binary convolution's input gradient is exact (the forward is linear in x for fixed sign(W));
 * its weight gradient is the straight-through one, checked on the real-weight forward, where it
 * is the true gradient. Max-pool is checked away from ties (distinct random inputs).
 */
class LayerGradientTest {
  private static final double H = 1e-2;

  private static double loss(Layer layer, float[] x, float[] g) {
    float[] y = layer.forward(Batches.real(layer.inputShape(), x), true, null).values();
    double l = 0;
    for (int i = 0; i < g.length; i++) {
      l += g[i] * y[i];
    }
    return l;
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

  private static void checkInputGradient(Layer layer, int batch, float[] x, Random r, double tolerance) {
    float[] g = Batches.gaussian(batch * layer.outputShape().elements(), r);
    layer.forward(Batches.real(layer.inputShape(), x), true, null);
    float[] analytic = layer.backward(g.clone(), true).clone();
    for (int i = 0; i < x.length; i++) {
      float saved = x[i];
      x[i] = (float) (saved + H);
      double up = loss(layer, x, g);
      x[i] = (float) (saved - H);
      double down = loss(layer, x, g);
      x[i] = saved;
      assertEquals((up - down) / (2 * H), analytic[i], tolerance, "input " + i);
    }
  }

  private static void checkInputGradient(Layer layer, int batch, Random r) {
    checkInputGradient(layer, batch, Batches.gaussian(batch * layer.inputShape().elements(), r), r, 2e-3);
  }

  @Test
  void convolutionInputGradient() {
    Random r = new Random(2);
    checkInputGradient(new Conv2d("c", new ConvGeometry(5, 6, 3, 2, 2, "same"), 3, 4, 1f, r), 2, r);
  }

  @Test
  void denseInputGradientWithRealValuedInput() {
    Random r = new Random(12);
    checkInputGradient(new Dense("d", 20, 7, r), 3, r);
  }

  @Test
  void convolutionWeightGradientWithRealWeights() {
    Random r = new Random(3);
    Conv2d conv = new Conv2d("c", new ConvGeometry(4, 4, 3, 3, 1, "valid"), 2, 3, 1f, r);
    conv.setBinaryWeights(false);
    int batch = 2;
    float[] x = Batches.gaussian(batch * conv.inputShape().elements(), r);
    float[] g = Batches.gaussian(batch * conv.outputShape().elements(), r);
    conv.forward(Batches.real(conv.inputShape(), x), true, null);
    conv.backward(g.clone(), false);
    float[] w = conv.latent().value();
    float[] analytic = conv.latent().grad().clone();
    for (int i = 0; i < w.length; i++) {
      float saved = w[i];
      w[i] = (float) (saved + H);
      conv.refresh();
      double up = loss(conv, x, g);
      w[i] = (float) (saved - H);
      conv.refresh();
      double down = loss(conv, x, g);
      w[i] = saved;
      conv.refresh();
      assertEquals((up - down) / (2 * H), analytic[i], 2e-3, "weight " + i);
    }
  }

  @Test
  void maxPoolInputGradient() {
    Random r = new Random(4);
    checkInputGradient(new MaxPool2d(6, 5, 3, 2, 2, 2), 2, separated(2 * 6 * 5 * 3, r), r, 2e-3);
  }

  @Test
  void maxPoolWithOverlappingWindows() {
    Random r = new Random(5);
    checkInputGradient(new MaxPool2d(5, 5, 2, 3, 3, 1), 1, separated(5 * 5 * 2, r), r, 2e-3);
  }

  @Test
  void batchNormOverPositionsInputGradient() {
    Random r = new Random(6);
    BatchNorm bn = new BatchNorm("bn", new TensorShape(3, 2, 4), false);
    float[] gamma = bn.gamma().value();
    for (int c = 0; c < gamma.length; c++) {
      gamma[c] = 0.5f + c;
    }
    checkInputGradient(bn, 2, Batches.gaussian(2 * 24, r), r, 2e-2);
  }

  @Test
  void batchNormParameterGradients() {
    Random r = new Random(3);
    int batch = 6;
    BatchNorm bn = new BatchNorm("bn", TensorShape.vector(3), false);
    float[] z = Batches.gaussian(batch * 3, r);
    float[] g = Batches.gaussian(batch * 3, r);
    bn.forward(Batches.real(bn.inputShape(), z), true, null);
    bn.backward(g.clone(), true);
    for (int c = 0; c < 3; c++) {
      double expectedBeta = 0;
      for (int b = 0; b < batch; b++) {
        expectedBeta += g[b * 3 + c];
      }
      assertEquals(expectedBeta, bn.beta().grad()[c], 1e-4);
    }
  }
}
