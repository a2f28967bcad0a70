package io.onebit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random but valid deploy models and inputs, for exactness tests (golden model vs C) and for
 * benchmarks of shapes no one has trained yet.
 */
public final class RandomModels {
  private RandomModels() {}

  /**
   * A model with the given input shape and layer widths; the last width is the class count.
   * Thresholds are drawn around K/2 so outputs are balanced, with occasional constant outputs
   * (-1 and K) to cover the edges.
   */
  public static DeployModel dense(String name, InputSpec input, int[] widths, Random random) {
    List<Layer> layers = new ArrayList<>();
    int inputs = input.size();
    for (int i = 0; i < widths.length; i++) {
      int outputs = widths[i];
      int[] weights = randomRows(inputs, outputs, random);
      if (i < widths.length - 1) {
        int[] thresholds = new int[outputs];
        for (int j = 0; j < outputs; j++) {
          int pick = random.nextInt(20);
          thresholds[j] = pick == 0 ? -1 : pick == 1 ? inputs
              : clamp((int) Math.round(inputs / 2.0 + random.nextGaussian() * Math.sqrt(inputs) / 2), -1, inputs);
        }
        layers.add(new DenseSignLayer(inputs, outputs, weights, thresholds));
      } else {
        int[] scale = new int[outputs];
        int[] offset = new int[outputs];
        int maxScale = Math.max(1, (1 << 20) / inputs);
        for (int j = 0; j < outputs; j++) {
          scale[j] = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(maxScale));
          offset[j] = random.nextInt(1 << 24) - (1 << 23);
        }
        layers.add(new DenseOutputLayer(inputs, outputs, weights, scale, offset, 16));
      }
      inputs = outputs;
    }
    return DeployModel.of(name, input, layers, Map.of("source", "random"));
  }

  /** One random sample of raw bytes for the model's input. */
  public static byte[] sample(InputSpec input, Random random) {
    byte[] sample = new byte[input.size()];
    random.nextBytes(sample);
    return sample;
  }

  private static int[] randomRows(int inputs, int outputs, Random random) {
    int rowWords = BitPacking.words(inputs);
    int mask = BitPacking.lastWordMask(inputs);
    int[] weights = new int[rowWords * outputs];
    for (int o = 0; o < outputs; o++) {
      for (int w = 0; w < rowWords; w++) {
        weights[o * rowWords + w] = random.nextInt();
      }
      weights[o * rowWords + rowWords - 1] &= mask;
    }
    return weights;
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
