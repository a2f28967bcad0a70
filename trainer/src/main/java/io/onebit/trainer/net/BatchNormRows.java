package io.onebit.trainer.net;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
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
    train(z, mean, invStd, gamma, beta, xhat, y, from * channels, channels, from, to);
  }

  /** {@link #train} writing y of row {@code from} at {@code y[yAt]} (one sample's rows into a buffer of its own). */
  static void train(float[] z, float[] mean, float[] invStd, float[] gamma, float[] beta, float[] xhat, float[] y,
      int yAt, int channels, int from, int to) {
    int vectorEnd = channels - channels % LANES;
    for (int r = from; r < to; r++) {
      int row = r * channels;
      int yRow = yAt + (r - from) * channels;
      for (int c = 0; c < vectorEnd; c += LANES) {
        FloatVector x = FloatVector.fromArray(SPECIES, z, row + c).sub(FloatVector.fromArray(SPECIES, mean, c))
            .mul(FloatVector.fromArray(SPECIES, invStd, c));
        x.intoArray(xhat, row + c);
        FloatVector.fromArray(SPECIES, gamma, c).mul(x).add(FloatVector.fromArray(SPECIES, beta, c))
            .intoArray(y, yRow + c);
      }
      for (int c = vectorEnd; c < channels; c++) {
        float x = (z[row + c] - mean[c]) * invStd[c];
        xhat[row + c] = x;
        y[yRow + c] = gamma[c] * x + beta[c];
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

  /**
   * {@link #backward} of BatchNorm followed by ste-sign, from the sign's output gradient: ∂y =
   * ∂a · [|y| ≤ clip] with y = γ_c·x̂ + β_c recomputed as the forward rounded it (a product, then
   * a sum), so the bits are those of the sign's backward then {@link #backward}.
   */
  static void backwardThroughSign(float[] da, float[] xhat, float[] scale, float[] sumDy, float[] sumDyXhat,
      float[] gamma, float[] beta, float clip, int n, int channels, int from, int to) {
    int vectorEnd = channels - channels % LANES;
    float rows = n;
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    for (int r = from; r < to; r++) {
      int row = r * channels;
      for (int c = 0; c < vectorEnd; c += LANES) {
        FloatVector x = FloatVector.fromArray(SPECIES, xhat, row + c);
        FloatVector y = FloatVector.fromArray(SPECIES, gamma, c).mul(x).add(FloatVector.fromArray(SPECIES, beta, c));
        FloatVector dy = FloatVector.fromArray(SPECIES, da, row + c)
            .mul(zero.blend(one, y.abs().compare(VectorOperators.LE, clip)));
        FloatVector d = dy.mul(rows).sub(FloatVector.fromArray(SPECIES, sumDy, c))
            .sub(x.mul(FloatVector.fromArray(SPECIES, sumDyXhat, c)));
        FloatVector.fromArray(SPECIES, scale, c).mul(d).intoArray(da, row + c);
      }
      for (int c = vectorEnd; c < channels; c++) {
        float x = xhat[row + c];
        float dy = da[row + c] * (Math.abs(gamma[c] * x + beta[c]) <= clip ? 1f : 0f);
        da[row + c] = scale[c] * (n * dy - sumDy[c] - x * sumDyXhat[c]);
      }
    }
  }
}
