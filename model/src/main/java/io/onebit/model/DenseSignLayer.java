package io.onebit.model;

/**
 * A binary fully connected layer followed by (folded) BatchNorm and sign.
 *
 * <p>For output j with packed weight row w_j and packed input x (K = inputs):
 *
 * <pre>
 *   p_j   = popcount(x XOR w_j)          (positions where the ±1 vectors differ)
 *   dot_j = K - 2 p_j
 *   bit_j = p_j > thresholds[j] ? 1 : 0  (bit 1 means -1)
 * </pre>
 *
 * A threshold of -1 makes the output constantly -1, a threshold of K constantly +1.
 */
public record DenseSignLayer(int inputs, int outputs, int[] weights, int[] thresholds) implements DenseLayer {
  /** One threshold per output. */
  @Override
  public long integerParameters() {
    return outputs;
  }

  @Override
  public void validate(String where) {
    Layer.validatePackedRows(where, weights, inputs, outputs);
    Layer.validateLength(where, "thresholds", thresholds, outputs);
    Layer.validateThresholds(where, thresholds, -1, inputs);
  }
}
