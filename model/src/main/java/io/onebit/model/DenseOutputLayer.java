package io.onebit.model;

/**
 * The output layer: a binary fully connected layer whose dot products become int32 class scores
 * through a per-class fixed-point affine map (the folded output BatchNorm):
 *
 * <pre>
 *   dot_j    = K - 2 popcount(x XOR w_j)
 *   score_j  = scale[j] * dot_j + offset[j]      (int32, never overflows: checked on load)
 *   class    = the smallest j with the largest score
 * </pre>
 *
 * The real-valued score is score_j / 2^fractionBits; fractionBits is informative only.
 */
public record DenseOutputLayer(int inputs, int outputs, int[] weights, int[] scale, int[] offset, int fractionBits)
    implements DenseLayer {
  /** A scale and an offset per class. */
  @Override
  public long integerParameters() {
    return 2L * outputs;
  }

  @Override
  public void validate(String where) {
    Layer.validatePackedRows(where, weights, inputs, outputs);
    Layer.validateLength(where, "scale values", scale, outputs);
    Layer.validateLength(where, "offset values", offset, outputs);
    for (int j = 0; j < outputs; j++) {
      long extreme = Math.abs((long) scale[j]) * inputs + Math.abs((long) offset[j]);
      if (extreme > Integer.MAX_VALUE) {
        throw new ModelFormatException(where + ": score of class " + j + " can overflow int32");
      }
    }
  }
}
