package io.onebit.trainer.net;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Per-channel sums over the rows of a row-major (rows × C) tensor, the reductions of BatchNorm:
 *
 * <pre>
 *   forward:  S_c = Σ_r z[r][c],   Q_c = Σ_r z[r][c]²                    (in double)
 *   backward: D_c = Σ_r dy[r][c],  X_c = Σ_r dy[r][c] · x̂[r][c]          (in float)
 * </pre>
 *
 * Each sum runs over the rows in order from 0, as the plain loop {@code sum[c] += v} does, so the
 * result is that loop's to the bit; four channels are summed at a time in local variables, because
 * accumulating straight into the arrays chains every row's update through a store and a reload.
 */
final class ChannelSums {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
  private static final int LANES = SPECIES.length();

  private ChannelSums() {}

  /** S_c into {@code sum[c]} and Q_c into {@code sumSq[c]} for channels [from, to). */
  static void sumsAndSquares(float[] z, int rows, int channels, int from, int to, double[] sum, double[] sumSq) {
    java.util.Arrays.fill(sum, from, to, 0);
    java.util.Arrays.fill(sumSq, from, to, 0);
    addSumsAndSquares(z, rows, channels, from, to, sum, sumSq);
  }

  /**
   * S_c and Q_c added to {@code sum[c]} and {@code sumSq[c]}, continuing their running sums row by
   * row (over many batches: the bits of one loop over all their rows).
   */
  static void addSumsAndSquares(float[] z, int rows, int channels, int from, int to, double[] sum, double[] sumSq) {
    int c = from;
    for (; c + 4 <= to; c += 4) {
      double s0 = sum[c];
      double s1 = sum[c + 1];
      double s2 = sum[c + 2];
      double s3 = sum[c + 3];
      double q0 = sumSq[c];
      double q1 = sumSq[c + 1];
      double q2 = sumSq[c + 2];
      double q3 = sumSq[c + 3];
      for (int r = 0, i = c; r < rows; r++, i += channels) {
        double v0 = z[i];
        double v1 = z[i + 1];
        double v2 = z[i + 2];
        double v3 = z[i + 3];
        s0 += v0;
        s1 += v1;
        s2 += v2;
        s3 += v3;
        q0 += v0 * v0;
        q1 += v1 * v1;
        q2 += v2 * v2;
        q3 += v3 * v3;
      }
      sum[c] = s0;
      sum[c + 1] = s1;
      sum[c + 2] = s2;
      sum[c + 3] = s3;
      sumSq[c] = q0;
      sumSq[c + 1] = q1;
      sumSq[c + 2] = q2;
      sumSq[c + 3] = q3;
    }
    for (; c < to; c++) {
      double s = sum[c];
      double q = sumSq[c];
      for (int r = 0, i = c; r < rows; r++, i += channels) {
        double v = z[i];
        s += v;
        q += v * v;
      }
      sum[c] = s;
      sumSq[c] = q;
    }
  }

  /** D_c into {@code sumDy[c]} and X_c into {@code sumDyXhat[c]} for channels [from, to). */
  static void gradientSums(float[] dy, float[] xhat, int rows, int channels, int from, int to, float[] sumDy,
      float[] sumDyXhat) {
    int c = from;
    for (; c + 4 <= to; c += 4) {
      float d0 = 0;
      float d1 = 0;
      float d2 = 0;
      float d3 = 0;
      float x0 = 0;
      float x1 = 0;
      float x2 = 0;
      float x3 = 0;
      for (int r = 0, i = c; r < rows; r++, i += channels) {
        d0 += dy[i];
        d1 += dy[i + 1];
        d2 += dy[i + 2];
        d3 += dy[i + 3];
        x0 += dy[i] * xhat[i];
        x1 += dy[i + 1] * xhat[i + 1];
        x2 += dy[i + 2] * xhat[i + 2];
        x3 += dy[i + 3] * xhat[i + 3];
      }
      sumDy[c] = d0;
      sumDy[c + 1] = d1;
      sumDy[c + 2] = d2;
      sumDy[c + 3] = d3;
      sumDyXhat[c] = x0;
      sumDyXhat[c + 1] = x1;
      sumDyXhat[c + 2] = x2;
      sumDyXhat[c + 3] = x3;
    }
    for (; c < to; c++) {
      float d = 0;
      float x = 0;
      for (int r = 0, i = c; r < rows; r++, i += channels) {
        d += dy[i];
        x += dy[i] * xhat[i];
      }
      sumDy[c] = d;
      sumDyXhat[c] = x;
    }
  }

  /**
   * D_c and X_c of ∂y = ∂a · [|γ_c·x̂ + β_c| ≤ clip] (BatchNorm followed by ste-sign, the sign's
   * mask recomputed from x̂ as the forward rounded y), the same bits as masking ∂a first.
   */
  static void gradientSumsThroughSign(float[] da, float[] xhat, float[] gamma, float[] beta, float clip, int rows,
      int channels, int from, int to, float[] sumDy, float[] sumDyXhat) {
    // Eight channels per vector, each lane summing its channel over the rows in order from 0 as the
    // scalar loop does; the mask is a blend (a branch would mispredict a third of the time).
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    int c = from;
    for (; c + LANES <= to; c += LANES) {
      FloatVector g = FloatVector.fromArray(SPECIES, gamma, c);
      FloatVector b = FloatVector.fromArray(SPECIES, beta, c);
      FloatVector d = zero;
      FloatVector x = zero;
      for (int r = 0, i = c; r < rows; r++, i += channels) {
        FloatVector h = FloatVector.fromArray(SPECIES, xhat, i);
        FloatVector y = g.mul(h).add(b);
        FloatVector e = FloatVector.fromArray(SPECIES, da, i).mul(zero.blend(one, y.abs().compare(VectorOperators.LE,
            clip)));
        d = d.add(e);
        x = x.add(e.mul(h));
      }
      d.intoArray(sumDy, c);
      x.intoArray(sumDyXhat, c);
    }
    for (; c < to; c++) {
      float d = 0;
      float x = 0;
      for (int r = 0, i = c; r < rows; r++, i += channels) {
        float e = da[i] * (Math.abs(gamma[c] * xhat[i] + beta[c]) <= clip ? 1f : 0f);
        d += e;
        x += e * xhat[i];
      }
      sumDy[c] = d;
      sumDyXhat[c] = x;
    }
  }
}
