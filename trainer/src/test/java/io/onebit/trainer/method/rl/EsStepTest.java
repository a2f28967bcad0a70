package io.onebit.trainer.method.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onebit.trainer.method.rl.bitnet.BitNet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The es update summed over the draws' differences from the mode equals the IGO sum over every weight. */
class EsStepTest {
  @Test
  void theSparseSumEqualsTheNaturalGradientOfTheRankedDraws() {
    Random random = new Random(7);
    // widths crossing a word boundary (70 inputs: two words per row)
    BitNet shape = new BitNet(70, 5, 3);
    BitNet mode = shape.copy();
    int n = 6;
    BitNet[] draws = new BitNet[n];
    for (int k = 0; k < n; k++) {
      draws[k] = shape.copy();
    }
    float[][] p = new float[shape.layers()][];
    for (int l = 0; l < shape.layers(); l++) {
      p[l] = new float[shape.outputs(l) * shape.inputs(l)];
      for (int j = 0; j < shape.outputs(l); j++) {
        for (int i = 0; i < shape.inputs(l); i++) {
          float q = 0.02f + 0.96f * random.nextFloat();
          p[l][j * shape.inputs(l) + i] = q;
          if (q < 0.5f) {
            mode.flip(l, j, i);
          }
          for (BitNet d : draws) {
            if (!(random.nextFloat() < q)) {
              d.flip(l, j, i);
            }
          }
        }
      }
    }
    double[] u = EsMethod.utilities(n);
    double total = 0;
    for (double x : u) {
      total += x;
    }
    assertEquals(0, total, 1e-12, "the utilities sum to 0");
    for (int l = 0; l < shape.layers(); l++) {
      double[] plain = new double[p[l].length];
      double[] sparse = new double[p[l].length];
      for (int k = 0; k < n; k++) {
        PolicyGradient.score(draws[k], l, 0, shape.outputs(l), p[l], plain, u[k]);
        EsStep.modeDifferences(draws[k], mode, l, 0, shape.outputs(l), sparse, u[k]);
      }
      for (int k = 0; k < plain.length; k++) {
        assertEquals(plain[k], sparse[k], 1e-12, "layer " + l + " weight " + k);
      }
    }
  }
}
