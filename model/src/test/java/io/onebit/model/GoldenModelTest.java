package io.onebit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GoldenModelTest {
  /** A hand-checked 4-input network: every number below is worked out in the comments. */
  @Test
  void smallNetworkByHand() {
    InputSpec input = InputSpec.thresholded(1, 4, 1, 100);
    // pixels 200, 50, 100, 0 → x = +1, −1, +1, −1 → bits 0,1,0,1 → word 0b1010
    byte[] sample = {(byte) 200, 50, 100, 0};
    assertArrayEquals(new int[] {0b1010}, GoldenModel.encodeInput(input, sample));
    // hidden: w0 = all +1 (0b0000): p = 2; w1 = −1,−1,+1,+1 (0b0011): x XOR w = 0b1001, p = 2
    //         w2 = x itself (0b1010): p = 0
    // thresholds 1, 2, −1: bits (2 > 1) = 1, (2 > 2) = 0, (0 > −1) = 1 → 0b101
    DenseSignLayer hidden = new DenseSignLayer(4, 3, new int[] {0b0000, 0b0011, 0b1010}, new int[] {1, 2, -1});
    // output: K = 3, h = 0b101; w0 = 0b000: p = 2, dot = −1; w1 = 0b101: p = 0, dot = 3
    // scores: 5·(−1) + 7 = 2 and −2·3 + 1 = −5
    DenseOutputLayer output = new DenseOutputLayer(3, 2, new int[] {0b000, 0b101}, new int[] {5, -2}, new int[] {7, 1}, 0);
    DeployModel model = DeployModel.of("hand", input, List.of(hidden, output), Map.of());
    GoldenModel.Result r = new GoldenModel(model).infer(sample);
    assertArrayEquals(new int[] {2, -5}, r.scores());
    assertEquals(0, r.predictedClass());
  }

  @Test
  void tiesGoToTheSmallestClass() {
    assertEquals(1, GoldenModel.argmax(new int[] {-3, 4, 4, 2}));
    assertEquals(0, GoldenModel.argmax(new int[] {0, 0}));
  }

  /** The golden model equals a plain ±1 arithmetic evaluation of the same network. */
  @Test
  void matchesPlusMinusOneArithmeticOnRandomModels() {
    Random random = new Random(9);
    for (int trial = 0; trial < 30; trial++) {
      InputSpec input = InputSpec.thresholded(1 + random.nextInt(10), 1 + random.nextInt(40), 1, random.nextInt(257));
      int[] widths = {1 + random.nextInt(70), 1 + random.nextInt(70), 2 + random.nextInt(9)};
      DeployModel model = RandomModels.dense("r", input, widths, random);
      GoldenModel golden = new GoldenModel(model);
      for (int s = 0; s < 20; s++) {
        byte[] sample = RandomModels.sample(input, random);
        assertArrayEquals(plainScores(model, sample), golden.infer(sample).scores());
      }
    }
  }

  private static int[] plainScores(DeployModel model, byte[] sample) {
    int[] x = new int[sample.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = (sample[i] & 0xff) >= model.input().threshold() ? 1 : -1;
    }
    for (Layer layer : model.layers()) {
      int inputs = layer.inputShape().elements();
      int outputs = layer.outputShape().elements();
      int rowWords = BitPacking.words(inputs);
      int[] weights = layer instanceof DenseSignLayer d ? d.weights() : ((DenseOutputLayer) layer).weights();
      int[] y = new int[outputs];
      for (int j = 0; j < outputs; j++) {
        int dot = 0;
        for (int i = 0; i < inputs; i++) {
          dot += x[i] * BitPacking.value(weights, j * rowWords, i);
        }
        if (layer instanceof DenseSignLayer d) {
          int p = (inputs - dot) / 2;
          y[j] = p > d.thresholds()[j] ? -1 : 1;
        } else {
          DenseOutputLayer o = (DenseOutputLayer) layer;
          y[j] = o.scale()[j] * dot + o.offset()[j];
        }
      }
      x = y;
    }
    return x;
  }
}
