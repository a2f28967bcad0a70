package io.onebit.model;

import java.util.List;

/**
 * Executes a deploy model with exactly the integer operations of the generated C. This is the
 * specification: the C reference kernels translate it line by line, and every optimised kernel
 * and every QEMU run is held equal to it.
 */
public final class GoldenModel {
  private final DeployModel model;

  public GoldenModel(DeployModel model) {
    model.validate();
    this.model = model;
  }

  public DeployModel model() {
    return model;
  }

  /** Integer scores and the predicted class of one sample. */
  public record Result(int[] scores, int predictedClass) {}

  /** Runs one raw sample (input.size() bytes, HWC, unsigned). */
  public Result infer(byte[] sample) {
    int[] activation = encodeInput(model.input(), sample);
    List<Layer> layers = model.layers();
    for (int i = 0; i < layers.size() - 1; i++) {
      activation = denseSign(activation, (DenseSignLayer) layers.get(i));
    }
    int[] scores = denseOutput(activation, (DenseOutputLayer) layers.get(layers.size() - 1));
    return new Result(scores, argmax(scores));
  }

  /** Threshold encoding: bit i = 0 (+1) when pixel i >= threshold, else 1 (-1). */
  public static int[] encodeInput(InputSpec input, byte[] sample) {
    int n = input.size();
    if (sample.length != n) {
      throw new IllegalArgumentException("sample has " + sample.length + " bytes, model expects " + n);
    }
    int threshold = input.threshold();
    int[] packed = new int[BitPacking.words(n)];
    for (int i = 0; i < n; i++) {
      if ((sample[i] & 0xff) < threshold) {
        packed[i >>> 5] |= 1 << (i & 31);
      }
    }
    return packed;
  }

  /** bit_j = popcount(x XOR w_j) > threshold_j. */
  public static int[] denseSign(int[] in, DenseSignLayer layer) {
    int rowWords = layer.rowWords();
    int[] out = new int[BitPacking.words(layer.outputs())];
    for (int j = 0; j < layer.outputs(); j++) {
      int p = BitPacking.xorPopcount(in, 0, layer.weights(), j * rowWords, rowWords);
      if (p > layer.thresholds()[j]) {
        out[j >>> 5] |= 1 << (j & 31);
      }
    }
    return out;
  }

  /** score_j = scale_j * (K - 2 popcount(x XOR w_j)) + offset_j, in int32. */
  public static int[] denseOutput(int[] in, DenseOutputLayer layer) {
    int rowWords = layer.rowWords();
    int[] scores = new int[layer.outputs()];
    for (int j = 0; j < layer.outputs(); j++) {
      int p = BitPacking.xorPopcount(in, 0, layer.weights(), j * rowWords, rowWords);
      int dot = layer.inputs() - 2 * p;
      scores[j] = layer.scale()[j] * dot + layer.offset()[j];
    }
    return scores;
  }

  /** Index of the largest score; the smallest index wins ties, as in the C. */
  public static int argmax(int[] scores) {
    int best = 0;
    for (int j = 1; j < scores.length; j++) {
      if (scores[j] > scores[best]) {
        best = j;
      }
    }
    return best;
  }
}
