package io.onebit.trainer.fold;

import io.onebit.model.ConvGeometry;
import io.onebit.model.TensorShape;

/**
 * One operation of a {@link FoldGraph}: the network between training and the deploy model, in
 * terms fold rewrites. Every op is executable ({@link #apply}), so each fold step is checked by
 * running the graph before and after it, as FINN's streamlining transformations are. Values are
 * real numbers per element, HWC (±1, integer dots, or BatchNorm outputs).
 */
sealed interface FoldOp {
  TensorShape inputShape();

  TensorShape outputShape();

  /** This op on one sample's values. */
  double[] apply(double[] x);

  /** How a {@link Weights} op reads its input. */
  enum Kind {
    /** A dense layer on a vector. */
    DENSE,
    /** A binary convolution on ±1 values, 'same' padding +1. */
    CONV,
    /** The 8-bit first convolution on raw bytes, 'same' padding 0. */
    BITPLANE_CONV
  }

  /**
   * Binary weights: z[o] = Σ_k x[k]·w[o][k] over a vector (dense) or each window (conv).
   *
   * @param geometry the window (null for dense)
   * @param negative [out][K] true where the weight is −1 (K in the order [ky][kx][c])
   */
  record Weights(Kind kind, TensorShape inputShape, TensorShape outputShape, ConvGeometry geometry, int fanIn,
      boolean[] negative) implements FoldOp {
    int outputs() {
      return outputShape.channels();
    }

    @Override
    public double[] apply(double[] x) {
      return geometry == null ? dense(x) : conv(x);
    }

    private double[] dense(double[] x) {
      double[] z = new double[outputs()];
      for (int o = 0; o < z.length; o++) {
        double s = 0;
        for (int i = 0; i < fanIn; i++) {
          s += negative[o * fanIn + i] ? -x[i] : x[i];
        }
        z[o] = s;
      }
      return z;
    }

    private double[] conv(double[] x) {
      ConvGeometry g = geometry;
      int inC = inputShape.channels();
      int outC = outputs();
      double pad = kind == Kind.BITPLANE_CONV ? 0 : 1;
      double[] z = new double[outputShape.elements()];
      for (int oy = 0; oy < outputShape.height(); oy++) {
        for (int ox = 0; ox < outputShape.width(); ox++) {
          for (int o = 0; o < outC; o++) {
            double s = 0;
            int tap = 0;
            for (int ky = 0; ky < g.kernelHeight(); ky++) {
              int iy = oy * g.stride() + ky - g.padTop();
              for (int kx = 0; kx < g.kernelWidth(); kx++, tap++) {
                int ix = ox * g.stride() + kx - g.padLeft();
                boolean inside = iy >= 0 && iy < g.inHeight() && ix >= 0 && ix < g.inWidth();
                for (int c = 0; c < inC; c++) {
                  double v = inside ? x[(iy * g.inWidth() + ix) * inC + c] : pad;
                  s += negative[o * fanIn + tap * inC + c] ? -v : v;
                }
              }
            }
            z[(oy * outputShape.width() + ox) * outC + o] = s;
          }
        }
      }
      return z;
    }
  }

  /** BatchNorm at inference: y = s·(z − μ) + β per channel. */
  record Affine(TensorShape inputShape, double[] scale, double[] mean, double[] beta) implements FoldOp {
    @Override
    public TensorShape outputShape() {
      return inputShape;
    }

    @Override
    public double[] apply(double[] x) {
      double[] y = new double[x.length];
      int c = scale.length;
      for (int i = 0; i < x.length; i++) {
        y[i] = scale[i % c] * (x[i] - mean[i % c]) + beta[i % c];
      }
      return y;
    }
  }

  /** sign(y), sign(0) = +1. */
  record Sign(TensorShape inputShape) implements FoldOp {
    @Override
    public TensorShape outputShape() {
      return inputShape;
    }

    @Override
    public double[] apply(double[] x) {
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = x[i] >= 0 ? 1 : -1;
      }
      return y;
    }
  }

  /**
   * Pooling over 'valid' windows per channel: the max, or the min where {@code min[c]}.
   *
   * @param geometry the pooling window on the input
   */
  record Pool(TensorShape inputShape, ConvGeometry geometry, boolean[] min) implements FoldOp {
    @Override
    public TensorShape outputShape() {
      return new TensorShape(geometry.outHeight(), geometry.outWidth(), inputShape.channels());
    }

    @Override
    public double[] apply(double[] x) {
      ConvGeometry g = geometry;
      TensorShape out = outputShape();
      int c = out.channels();
      double[] y = new double[out.elements()];
      for (int oy = 0; oy < out.height(); oy++) {
        for (int ox = 0; ox < out.width(); ox++) {
          for (int ch = 0; ch < c; ch++) {
            double best = min[ch] ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            for (int py = 0; py < g.kernelHeight(); py++) {
              for (int px = 0; px < g.kernelWidth(); px++) {
                double v = x[((oy * g.stride() + py) * g.inWidth() + ox * g.stride() + px) * c + ch];
                best = min[ch] ? Math.min(best, v) : Math.max(best, v);
              }
            }
            y[(oy * out.width() + ox) * c + ch] = best;
          }
        }
      }
      return y;
    }
  }

  /**
   * The integer rule of a folded BatchNorm + sign on the dot z of the preceding weights with fan-in
   * K: +1 iff the mismatch count (K − z)/2 ≤ T (binary dense and conv), or +1 iff z ≥ T
   * ({@code onDot}: the bit-plane conv).
   */
  record Threshold(TensorShape inputShape, int fanIn, boolean onDot, int[] thresholds) implements FoldOp {
    @Override
    public TensorShape outputShape() {
      return inputShape;
    }

    @Override
    public double[] apply(double[] x) {
      double[] y = new double[x.length];
      int c = thresholds.length;
      for (int i = 0; i < x.length; i++) {
        boolean plus = onDot ? x[i] >= thresholds[i % c] : (fanIn - x[i]) / 2 <= thresholds[i % c];
        y[i] = plus ? 1 : -1;
      }
      return y;
    }
  }

  /** HWC → a vector in the same order. */
  record Flatten(TensorShape inputShape) implements FoldOp {
    @Override
    public TensorShape outputShape() {
      return TensorShape.vector(inputShape.elements());
    }

    @Override
    public double[] apply(double[] x) {
      return x;
    }
  }

  /** The folded output BatchNorm: score = A·z + B in int32 (A, B carry F fraction bits). */
  record FixedPoint(TensorShape inputShape, int[] scale, int[] offset, int fractionBits) implements FoldOp {
    @Override
    public TensorShape outputShape() {
      return inputShape;
    }

    @Override
    public double[] apply(double[] x) {
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = (double) scale[i] * x[i] + offset[i];
      }
      return y;
    }
  }
}
