package io.onebit.trainer.net;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * BatchNorm's elementwise passes over rows [from, to) of a row-major (rows × C) tensor, eight
 * channels per vector:
 *
 * <pre>
 *   train:    x̂ = (z − μ_c) · σ⁻¹_c,   y = γ_c · x̂ + β_c
 *   infer:    y = s_c · (z − μ_c) + β_c
 *   backward: ∂z = s_c · (n · ∂y − D_c − x̂ · X_c)
 * </pre>
 *
 * Every lane rounds the same operations in the same order as the scalar expression (a product
 * and a sum stay two roundings: no FMA), so the bits are the scalar loop's. The JIT does not
 * vectorise the scalar loop itself: the output arrays might alias the inputs, and JDK 17's
 * SuperWord adds no runtime check for that (cnn-s's 14 × 14 × 32 BatchNorm spent 0.9 s per
 * epoch in its training pass).
 */
final class BatchNormRows {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
  private static final int LANES = SPECIES.length();

  private BatchNormRows() {}

  static void train(float[] z, float[] mean, float[] invStd, float[] gamma, float[] beta, float[] xhat, float[] y,
      int channels, int from, int to) {
    int vectorEnd = channels - channels % LANES;
    for (int r = from; r < to; r++) {
      int row = r * channels;
      for (int c = 0; c < vectorEnd; c += LANES) {
        FloatVector x = FloatVector.fromArray(SPECIES, z, row + c).sub(FloatVector.fromArray(SPECIES, mean, c))
            .mul(FloatVector.fromArray(SPECIES, invStd, c));
        x.intoArray(xhat, row + c);
        FloatVector.fromArray(SPECIES, gamma, c).mul(x).add(FloatVector.fromArray(SPECIES, beta, c))
            .intoArray(y, row + c);
      }
      for (int c = vectorEnd; c < channels; c++) {
        float x = (z[row + c] - mean[c]) * invStd[c];
        xhat[row + c] = x;
        y[row + c] = gamma[c] * x + beta[c];
      }
    }
  }

  static void infer(float[] z, float[] scale, float[] mean, float[] beta, float[] y, int channels, int from, int to) {
    int vectorEnd = channels - channels % LANES;
    for (int r = from; r < to; r++) {
      int row = r * channels;
      for (int c = 0; c < vectorEnd; c += LANES) {
        FloatVector.fromArray(SPECIES, scale, c)
            .mul(FloatVector.fromArray(SPECIES, z, row + c).sub(FloatVector.fromArray(SPECIES, mean, c)))
            .add(FloatVector.fromArray(SPECIES, beta, c)).intoArray(y, row + c);
      }
      for (int c = vectorEnd; c < channels; c++) {
        y[row + c] = scale[c] * (z[row + c] - mean[c]) + beta[c];
      }
    }
  }

  static void backward(float[] dy, float[] xhat, float[] scale, float[] sumDy, float[] sumDyXhat, int n,
      int channels, int from, int to) {
    int vectorEnd = channels - channels % LANES;
    float rows = n;
    for (int r = from; r < to; r++) {
      int row = r * channels;
      for (int c = 0; c < vectorEnd; c += LANES) {
        FloatVector d = FloatVector.fromArray(SPECIES, dy, row + c).mul(rows)
            .sub(FloatVector.fromArray(SPECIES, sumDy, c))
            .sub(FloatVector.fromArray(SPECIES, xhat, row + c).mul(FloatVector.fromArray(SPECIES, sumDyXhat, c)));
        FloatVector.fromArray(SPECIES, scale, c).mul(d).intoArray(dy, row + c);
      }
      for (int c = vectorEnd; c < channels; c++) {
        dy[row + c] = scale[c] * (n * dy[row + c] - sumDy[c] - xhat[row + c] * sumDyXhat[c]);
      }
    }
  }
}
