package io.onebit.trainer.fold;

import io.onebit.model.BitPacking;
import io.onebit.model.DenseOutputLayer;
import io.onebit.model.DenseSignLayer;
import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.Layer;
import io.onebit.trainer.nn.BatchNorm;
import io.onebit.trainer.nn.BinaryMlp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a trained {@link BinaryMlp} into a deploy model, as a chain of small steps:
 * pack sign(W) into 32-bit rows; fold each hidden BatchNorm + sign into a popcount threshold
 * ({@link SignThreshold}), negating rows whose BatchNorm scale is negative; fold the output
 * BatchNorm into a fixed-point affine map ({@link FixedPointAffine}). After fold there is no float.
 */
public final class Fold {
  private Fold() {}

  public static DeployModel toDeployModel(BinaryMlp network, String name, InputSpec input, Map<String, Object> info) {
    List<Layer> layers = new ArrayList<>();
    int n = network.layers();
    for (int l = 0; l < n; l++) {
      int k = network.dense(l).inputs;
      int outputs = network.dense(l).outputs;
      float[] latent = network.dense(l).weights().value();
      BatchNorm bn = network.norm(l);
      layers.add(l < n - 1 ? denseSign(latent, k, outputs, bn) : denseOutput(latent, k, outputs, bn));
    }
    return DeployModel.of(name, input, layers, info);
  }

  /** A hidden dense layer + BatchNorm + sign: rows negated where the scale is negative. */
  static DenseSignLayer denseSign(float[] latent, int k, int outputs, BatchNorm bn) {
    int[] rows = packRows(latent, k, outputs);
    double[] scale = scales(bn);
    int[] thresholds = new int[outputs];
    for (int j = 0; j < outputs; j++) {
      SignThreshold st = SignThreshold.of(k, scale[j], bn.populationMean()[j], bn.beta().value()[j]);
      thresholds[j] = st.threshold();
      if (st.flipRow()) {
        negateRow(rows, j, k);
      }
    }
    return new DenseSignLayer(k, outputs, rows, thresholds);
  }

  /** The output dense layer + BatchNorm: a fixed-point affine map of the dot. */
  static DenseOutputLayer denseOutput(float[] latent, int k, int outputs, BatchNorm bn) {
    double[] scale = scales(bn);
    double[] offset = new double[outputs];
    for (int j = 0; j < outputs; j++) {
      offset[j] = bn.beta().value()[j] - scale[j] * bn.populationMean()[j];
    }
    FixedPointAffine affine = FixedPointAffine.of(k, scale, offset);
    return new DenseOutputLayer(k, outputs, packRows(latent, k, outputs), affine.scale(), affine.offset(),
        affine.fractionBits());
  }

  /**
   * s = γ·(1/√(σ²+ε)), computed exactly as {@link BatchNorm#forwardEval} does (in float, and
   * shift-based when the BatchNorm is).
   */
  static double[] scales(BatchNorm bn) {
    double[] s = new double[bn.channels];
    for (int c = 0; c < bn.channels; c++) {
      s[c] = bn.inferenceScale(c);
    }
    return s;
  }

  /** sign(W) rows packed as 32-bit words (bit 1 = −1), padding 0. */
  static int[] packRows(float[] latent, int k, int outputs) {
    int rowWords = BitPacking.words(k);
    int[] rows = new int[rowWords * outputs];
    for (int j = 0; j < outputs; j++) {
      BitPacking.packSignsInto(latent, j * k, k, rows, j * rowWords);
    }
    return rows;
  }

  /** Negates the K valid weights of row j; padding bits stay 0. */
  static void negateRow(int[] rows, int j, int k) {
    int rowWords = BitPacking.words(k);
    int base = j * rowWords;
    for (int w = 0; w < rowWords - 1; w++) {
      rows[base + w] = ~rows[base + w];
    }
    rows[base + rowWords - 1] ^= BitPacking.lastWordMask(k);
  }
}
