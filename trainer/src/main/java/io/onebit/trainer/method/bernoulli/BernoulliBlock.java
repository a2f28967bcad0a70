package io.onebit.trainer.method.bernoulli;

import io.onebit.model.ConvGeometry;
import io.onebit.trainer.math.Gemm;
import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.net.BatchNorm;
import io.onebit.trainer.net.Conv2d;
import io.onebit.trainer.net.Im2col;
import io.onebit.trainer.net.MaxPool2d;
import io.onebit.trainer.optim.Ap2;
import java.util.Arrays;
import java.util.List;

/**
 * One block of the Bernoulli network: a weight layer (dense, or a convolution as im2col), the
 * max-pools after it, its BatchNorm and the temperature activation (or, for the last block, the
 * expectation output layer). Activations travel as expectations e = E[x] = 2·P(x = +1) − 1 (the
 * thresholded image is ±1, i.e. certain; 8-bit inputs are their raw values).
 *
 * <p><b>Pre-activation</b> of unit (r, o) (r: a sample, or a sample's window), z = Σ_k x_k·w_k with
 * independent terms, E[w] = μ_w (weights), E[x] = e_x:
 *
 * <pre>
 *   m = Σ_k e_x·μ_w                        (all three are GEMMs of the input's powers with the weights')
 *   v = Σ_k E[x²] − Σ_k e_x²·μ_w²           (±1 inputs: E[x²] = 1)
 *   κ = −2·Σ_k E[x³]·μ_w + 2·Σ_k e_x³·μ_w³   (third cumulant; ±1 inputs: E[x³] = e_x)
 * </pre>
 *
 * and with ±1 inputs z = 2S − K, S Poisson binomial with π_k = (1 + e_x·μ_w)/2.
 *
 * <p><b>BatchNorm</b> normalises the random z per channel with the statistics of the batch's
 * mixture (over samples and weight draws): μ_B = mean(m), σ²_B = mean(v + m²) − μ_B²; it maps
 * z to α·z + b with α = γ/σ_B and b = β − α·μ_B. For deterministic weights this is BinaryNet's
 * BatchNorm of the deployed network.
 *
 * <p><b>Activation</b>: P(next x = +1) = a = E[Φ(λ(α·z + b)/(T + ε))] ({@link Probit}), the study's
 * sigmoid(x/(T + ε)) after BatchNorm in probit form; exact over the Poisson binomial
 * ({@link PoissonBinomial}), or the normal and Edgeworth closed forms. As T → 0 it becomes
 * P(α·z + b ≥ 0), the probability of the deployed sign bit (sign(0) = +1).
 *
 * <p><b>Max-pool</b>: the deployed network pools bits after BatchNorm and sign (the OR of the
 * window's +1 bits where BatchNorm's scale is positive, the AND where it is negative); here with
 * independent bits, P(OR) = 1 − Π(1 − a_i) and P(AND) = Π a_i. BatchNorm then normalises the
 * pre-pool z ({@link PoolThresholds} moves its thresholds onto the pooled z at the end).
 *
 * <p><b>Expectation output layer</b> (last block): the class scores are E[α·z + b] = α·m + b.
 *
 * <p>Backward: every partial of a, then BatchNorm's chain through μ_B and σ²_B into ∂L/∂m, ∂L/∂v
 * (and ∂L/∂κ), which reach the weights and inputs through the transposed GEMMs; with the exact
 * sum, the per-term part ∂a/∂π_k of {@link PoissonBinomial#gradient} is added term by term.
 */
final class BernoulliBlock {
  static final double EPSILON_T = 1e-4;
  private static final double LAMBDA = Gaussian.PROBIT;
  private static final float MOMENTUM = 0.1f;
  /** Floats of the per-term gradient buffer (rows × outputs × K) of the exact backward. */
  private static final int TERM_BUFFER = 1 << 23;
  /** Doubles of the exact distributions kept from the forward for the backward (beyond: rebuilt). */
  private static final long STORE_BUDGET = 1L << 23;
  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  final BernoulliWeights weights;
  final BatchNorm bn;
  private final Conv2d conv;
  private final List<MaxPool2d> pools;
  private final boolean output;
  private final boolean realInput;
  private final SumApproximation sum;
  private final PoissonBinomial.Rule rule;
  private final int fanIn;
  private final int outputs;
  private final int positions;
  private final int inElements;
  private final int outElements;
  final float[] runningMean;
  final float[] runningVar;

  private int batch;
  private int rows;
  private double tEff;
  private float[] col = new float[0];
  private float[] colSq = new float[0];
  private float[] colCube = new float[0];
  private float[] rowSumSq = new float[0];
  private float[] m = new float[0];
  private float[] v = new float[0];
  private float[] kappa = new float[0];
  private float[] pm = new float[0];
  private float[] pv = new float[0];
  private float[] pk = new float[0];
  private float[] pAlpha = new float[0];
  private float[] pb = new float[0];
  private final float[][] levels;
  private final float[][] poolGrads;
  private float[] out = new float[0];
  private float[] g = new float[0];
  private float[] dm = new float[0];
  private float[] dv = new float[0];
  private float[] dk = new float[0];
  private float[] dCol = new float[0];
  private float[] dIn = new float[0];
  private float[] rowScratch = new float[0];
  private float[] terms = new float[0];
  private final float[] dMean;
  private final float[] weightScratch;
  private final float[] square;
  private final float[] cube;
  private final double[] mu;
  private final double[] var;
  private final double[] scale;
  private final double[] exactScale;
  private final double[] alpha;
  private final double[] shift;
  // the exact forward's distributions per row (unit (r, o) at storeOffset[r·O + o], −1: not kept)
  private double[][] store = new double[0][];
  private int[] storeHeader = new int[0];
  private int[] storeOffset = new int[0];
  private final java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();
  private boolean keep;

  /**
   * @param pools the max-pools between the layer and its BatchNorm (may be empty)
   * @param output the last block: BatchNorm gives the class scores (no activation)
   * @param realInput the first layer of an 8-bit network: inputs are raw pixel values
   */
  BernoulliBlock(BernoulliWeights weights, List<MaxPool2d> pools, BatchNorm bn, boolean output, boolean realInput,
      SumApproximation sum, PoissonBinomial.Rule rule) {
    this.weights = weights;
    this.bn = bn;
    this.conv = weights.layer instanceof Conv2d c ? c : null;
    this.pools = List.copyOf(pools);
    this.output = output;
    this.realInput = realInput;
    // an 8-bit layer's terms x·w are not ±1: no Poisson binomial, the normal family instead
    this.sum = realInput && sum == SumApproximation.EXACT ? SumApproximation.NORMAL : sum;
    this.rule = rule;
    this.fanIn = weights.fanIn;
    this.outputs = weights.outputs;
    this.positions = conv == null ? 1 : conv.geometry.outHeight() * conv.geometry.outWidth();
    this.inElements = weights.layer.inputShape().elements();
    this.outElements = pools.isEmpty() ? positions * outputs : pools.get(pools.size() - 1).outputShape().elements();
    this.levels = new float[pools.size() + 1][0];
    this.poolGrads = new float[pools.size() + 1][0];
    this.runningMean = new float[outputs];
    this.runningVar = new float[outputs];
    Arrays.fill(runningVar, 1f);
    int n = fanIn * outputs;
    this.dMean = new float[n];
    this.weightScratch = new float[n];
    this.square = new float[n];
    this.cube = new float[n];
    this.mu = new double[outputs];
    this.var = new double[outputs];
    this.scale = new double[outputs];
    this.exactScale = new double[outputs];
    this.alpha = new double[outputs];
    this.shift = new double[outputs];
  }

  SumApproximation sum() {
    return sum;
  }

  /** Whether κ is needed: the Edgeworth activation of a hidden block. */
  private boolean thirdMoment() {
    return sum == SumApproximation.EDGEWORTH && !output;
  }

  boolean isOutput() {
    return output;
  }

  boolean pooled() {
    return !pools.isEmpty();
  }

  List<MaxPool2d> pools() {
    return pools;
  }

  /** Elements per sample of the block's output (expectations, or class scores). */
  int outElements() {
    return outElements;
  }

  private static float[] grow(float[] a, int size) {
    return a.length >= size ? a : new float[size];
  }

  /** Per-thread scratch: no allocation per unit once grown. */
  private static final class Workspace {
    final PoissonBinomial pb = new PoissonBinomial();
    final Probit.Result result = new Probit.Result();
    double[] pi = new double[0];
    double[] w1 = new double[0];
    double[] w2 = new double[0];
    double[] grad = new double[0];

    void ensure(int k) {
      if (pi.length < k + 3) {
        pi = new double[k + 3];
        w1 = new double[k + 3];
        w2 = new double[k + 3];
        grad = new double[k + 3];
      }
    }
  }

  /**
   * Forward on {@code n} samples of input expectations (n × inElements); returns n × outElements
   * expectations (the class scores for the output block), valid until the next forward.
   *
   * @param training batch statistics (and their running averages updated) or the running ones
   */
  float[] forward(float[] in, int n, boolean training, double temperature) {
    batch = n;
    rows = n * positions;
    tEff = temperature + EPSILON_T;
    gather(in, n);
    moments();
    normalise(training);
    if (output) {
      out = grow(out, rows * outputs);
      for (int r = 0; r < rows; r++) {
        for (int o = 0; o < outputs; o++) {
          int i = r * outputs + o;
          out[i] = (float) (alpha[o] * m[i] + shift[o]);
        }
      }
      return out;
    }
    activate(training);
    pool();
    float[] a = levels[levels.length - 1];
    int size = n * outElements;
    out = grow(out, size);
    for (int i = 0; i < size; i++) {
      out[i] = 2 * a[i] - 1;
    }
    return out;
  }

  /** The column matrix (rows × K) of the input expectations and their square and cube. */
  private void gather(float[] in, int n) {
    int size = rows * fanIn;
    if (conv != null) {
      col = grow(col, size);
      Im2col.im2col(in, n, conv.geometry, conv.inChannels, conv.padValue, col);
    } else {
      col = in;
    }
    colSq = grow(colSq, size);
    boolean third = thirdMoment();
    if (third) {
      colCube = grow(colCube, size);
    }
    float[] c = col;
    Parallel.range(rows, 16, (from, to) -> {
      for (int i = from * fanIn; i < to * fanIn; i++) {
        float x = c[i];
        colSq[i] = x * x;
        if (third) {
          colCube[i] = x * x * x;
        }
      }
    });
    if (realInput) {
      rowSumSq = grow(rowSumSq, rows);
      for (int r = 0; r < rows; r++) {
        double s = 0;
        for (int k = 0; k < fanIn; k++) {
          s += colSq[r * fanIn + k];
        }
        rowSumSq[r] = (float) s;
      }
    }
  }

  /** m, v (and κ) of every unit by GEMMs. */
  private void moments() {
    int size = rows * outputs;
    m = grow(m, size);
    v = grow(v, size);
    Arrays.fill(m, 0, size, 0f);
    Arrays.fill(v, 0, size, 0f);
    Gemm.multiplyAdd(m, col, fanIn, 1, weights.meanT, rows, fanIn, outputs);
    Gemm.multiplyAdd(v, colSq, fanIn, 1, weights.squareT, rows, fanIn, outputs);
    for (int r = 0; r < rows; r++) {
      float total = realInput ? rowSumSq[r] : fanIn;
      for (int o = 0; o < outputs; o++) {
        int i = r * outputs + o;
        v[i] = Math.max(0f, total - v[i]);
      }
    }
    if (thirdMoment()) {
      kappa = grow(kappa, size);
      Arrays.fill(kappa, 0, size, 0f);
      Gemm.multiplyAdd(kappa, colCube, fanIn, 1, weights.cubeT, rows, fanIn, outputs);
      if (realInput) {
        float[] first = grow(rowScratch, size);
        rowScratch = first;
        Arrays.fill(first, 0, size, 0f);
        Gemm.multiplyAdd(first, colCube, fanIn, 1, weights.meanT, rows, fanIn, outputs);
        for (int i = 0; i < size; i++) {
          kappa[i] = 2 * kappa[i] - 2 * first[i];
        }
      } else {
        for (int i = 0; i < size; i++) {
          kappa[i] = 2 * kappa[i] - 2 * m[i];
        }
      }
    }
  }

  /** BatchNorm's statistics (of the batch's mixture, or running) and the affine map α·z + b per channel. */
  private void normalise(boolean training) {
    float[] gamma = bn.gamma().value();
    float[] beta = bn.beta().value();
    if (training) {
      double[] s1 = new double[outputs];
      double[] s2 = new double[outputs];
      for (int r = 0; r < rows; r++) {
        int row = r * outputs;
        for (int o = 0; o < outputs; o++) {
          double mean = m[row + o];
          s1[o] += mean;
          s2[o] += v[row + o] + mean * mean;
        }
      }
      for (int o = 0; o < outputs; o++) {
        mu[o] = s1[o] / rows;
        var[o] = Math.max(0, s2[o] / rows - mu[o] * mu[o]);
        runningMean[o] = (1 - MOMENTUM) * runningMean[o] + MOMENTUM * (float) mu[o];
        runningVar[o] = (1 - MOMENTUM) * runningVar[o] + MOMENTUM * (float) var[o];
      }
    } else {
      for (int o = 0; o < outputs; o++) {
        mu[o] = runningMean[o];
        var[o] = runningVar[o];
      }
    }
    for (int o = 0; o < outputs; o++) {
      exactScale[o] = 1 / Math.sqrt(var[o] + BatchNorm.EPSILON);
      scale[o] = bn.shiftBased() ? Ap2.of((float) exactScale[o]) : exactScale[o];
      alpha[o] = gamma[o] * scale[o];
      shift[o] = beta[o] - alpha[o] * mu[o];
    }
  }

  /** a = P(x = +1) of every pre-pool unit and its partials. */
  private void activate(boolean training) {
    int size = rows * outputs;
    keep = training && sum == SumApproximation.EXACT;
    if (keep) {
      if (store.length < rows) {
        store = java.util.Arrays.copyOf(store, rows);
      }
      storeHeader = grow(storeHeader, 3 * size);
      storeOffset = grow(storeOffset, size);
      stored.set(0);
    }
    levels[0] = grow(levels[0], size);
    pm = grow(pm, size);
    pv = grow(pv, size);
    pk = grow(pk, size);
    pAlpha = grow(pAlpha, size);
    pb = grow(pb, size);
    float[] a = levels[0];
    Parallel.range(rows, sum == SumApproximation.EXACT ? 1 : 64, (from, to) -> {
      Workspace ws = WORKSPACE.get();
      ws.ensure(fanIn);
      Probit.Result res = ws.result;
      for (int r = from; r < to; r++) {
        for (int o = 0; o < outputs; o++) {
          int i = r * outputs + o;
          switch (sum) {
            case NORMAL -> Probit.normal(m[i], v[i], alpha[o], shift[o], tEff, res);
            case EDGEWORTH -> Probit.refined(m[i], v[i], kappa[i], alpha[o], shift[o], tEff, res);
            case EXACT -> exactUnit(ws, r, o, res);
          }
          if (keep) {
            keepUnit(ws.pb, r, o);
          }
          a[i] = (float) res.a;
          pm[i] = (float) res.dm;
          pv[i] = (float) res.dv;
          pk[i] = (float) res.dk;
          pAlpha[i] = (float) res.dAlpha;
          pb[i] = (float) res.db;
        }
      }
    });
  }

  private static int[] grow(int[] a, int size) {
    return a.length >= size ? a : new int[size];
  }

  /** Keeps unit (r, o)'s distribution in its row's store while the budget lasts (results do not depend on it). */
  private void keepUnit(PoissonBinomial pb, int r, int o) {
    int i = r * outputs + o;
    int size = pb.windowSize();
    if (stored.addAndGet(size) > STORE_BUDGET) {
      storeOffset[i] = -1;
      return;
    }
    int at = o == 0 ? 0 : storeOffset[i - 1] < 0 ? -1 : storeOffset[i - 1] + storeHeader[3 * (i - 1) + 1]
        - storeHeader[3 * (i - 1)] + 1;
    if (at < 0) {
      storeOffset[i] = -1;
      return;
    }
    double[] row = store[r];
    if (row == null || row.length < at + size) {
      row = row == null ? new double[Math.max(at + size, outputs * 64)] : java.util.Arrays.copyOf(row,
          Math.max(at + size, 2 * row.length));
      store[r] = row;
    }
    pb.saveHeader(storeHeader, 3 * i);
    pb.saveWindow(row, at);
    storeOffset[i] = at;
  }

  /** Restores unit (r, o)'s distribution from the store, or rebuilds it; then writes its f-values. */
  private void unitForBackward(Workspace ws, int r, int o) {
    int i = r * outputs + o;
    if (storeOffset[i] < 0) {
      buildUnit(ws, r, o);
      return;
    }
    double[] pi = ws.pi;
    float[] mean = weights.mean;
    int x = r * fanIn;
    int w = o * fanIn;
    for (int k = 0; k < fanIn; k++) {
      pi[k] = 0.5 * (1 + (double) col[x + k] * mean[w + k]);
    }
    ws.pb.restore(fanIn, storeHeader, 3 * i, store[r], storeOffset[i]);
    writeValues(ws, o);
  }

  /** Builds unit (r, o)'s Poisson binomial and writes f(s) = Φ(c·(2s − K) + c0) into its values. */
  private void buildUnit(Workspace ws, int r, int o) {
    double[] pi = ws.pi;
    float[] mean = weights.mean;
    int x = r * fanIn;
    int w = o * fanIn;
    for (int k = 0; k < fanIn; k++) {
      pi[k] = 0.5 * (1 + (double) col[x + k] * mean[w + k]);
    }
    ws.pb.build(pi, 0, fanIn);
    writeValues(ws, o);
  }

  /** f(s) = Φ(c·(2s − K) + c0) over the unit's window, and φ(u)·z, φ(u) for ∂a/∂α and ∂a/∂b. */
  private void writeValues(Workspace ws, int o) {
    PoissonBinomial pb = ws.pb;
    double c = LAMBDA * alpha[o] / tEff;
    double c0 = LAMBDA * shift[o] / tEff;
    double[] f = pb.values();
    int low = pb.valueLow();
    for (int s = low; s <= pb.valueHigh(); s++) {
      int z = 2 * s - fanIn;
      double u = c * z + c0;
      int j = s - low;
      if (u > 9) {
        f[j] = 1;
        ws.w1[j] = 0;
        ws.w2[j] = 0;
      } else if (u < -9) {
        f[j] = 0;
        ws.w1[j] = 0;
        ws.w2[j] = 0;
      } else {
        double phi = Gaussian.pdf(u);
        f[j] = Gaussian.cdf(u);
        ws.w1[j] = phi * z;
        ws.w2[j] = phi;
      }
    }
  }

  /** The exact activation: a = Σ_s P(S = s)·Φ(u_s), ∂a/∂α = (λ/T)Σ P·φ(u)·z, ∂a/∂b = (λ/T)Σ P·φ(u). */
  private void exactUnit(Workspace ws, int r, int o, Probit.Result res) {
    buildUnit(ws, r, o);
    PoissonBinomial pb = ws.pb;
    res.a = pb.useValues();
    double k = LAMBDA / tEff;
    res.dAlpha = k * pb.weightedSum(ws.w1);
    res.db = k * pb.weightedSum(ws.w2);
    res.dm = 0;
    res.dv = 0;
    res.dk = 0;
  }

  /** Pools the probabilities: OR of the window (1 − Π(1 − a)) where γ ≥ 0, AND (Π a) where γ &lt; 0. */
  private void pool() {
    float[] gamma = bn.gamma().value();
    for (int p = 0; p < pools.size(); p++) {
      MaxPool2d pool = pools.get(p);
      float[] in = levels[p];
      int size = batch * pool.outputShape().elements();
      levels[p + 1] = grow(levels[p + 1], size);
      float[] o = levels[p + 1];
      forEachWindow(pool, (at, window, count, c) -> {
        boolean or = gamma[c] >= 0;
        double prod = 1;
        for (int i = 0; i < count; i++) {
          prod *= or ? 1 - in[window[i]] : in[window[i]];
        }
        o[at] = (float) (or ? 1 - prod : prod);
      });
    }
  }

  @FunctionalInterface
  private interface WindowVisitor {
    void visit(int at, int[] window, int count, int channel);
  }

  /** Visits every pooled output (sample, y, x, channel) with the input indices of its window. */
  private void forEachWindow(MaxPool2d pool, WindowVisitor visitor) {
    ConvGeometry g = pool.geometry;
    int channels = pool.channels;
    int inSample = g.inHeight() * g.inWidth() * channels;
    int outSample = pool.outputShape().elements();
    int k = g.kernelHeight();
    Parallel.range(batch, 1, (from, to) -> {
      int[] window = new int[k * k];
      for (int b = from; b < to; b++) {
        for (int oy = 0; oy < g.outHeight(); oy++) {
          for (int ox = 0; ox < g.outWidth(); ox++) {
            for (int c = 0; c < channels; c++) {
              int count = 0;
              for (int py = 0; py < k; py++) {
                for (int px = 0; px < k; px++) {
                  window[count++] = b * inSample + ((oy * g.stride() + py) * g.inWidth() + ox * g.stride() + px)
                      * channels + c;
                }
              }
              visitor.visit(b * outSample + (oy * g.outWidth() + ox) * channels + c, window, count, c);
            }
          }
        }
      }
    });
  }

  /**
   * Backward after a training forward: accumulates ∂L/∂θ (the logits), ∂L/∂γ and ∂L/∂β, and
   * returns ∂L/∂(input expectations) (n × inElements) or null when {@code needInput} is false.
   *
   * @param dOut ∂L/∂(output expectations), or ∂L/∂scores for the output block (may be overwritten)
   */
  float[] backward(float[] dOut, boolean needInput) {
    int size = rows * outputs;
    g = grow(g, size);
    if (output) {
      System.arraycopy(dOut, 0, g, 0, size);
      pm = grow(pm, size);
      pv = grow(pv, size);
      pk = grow(pk, size);
      pAlpha = grow(pAlpha, size);
      pb = grow(pb, size);
      for (int r = 0; r < rows; r++) {
        for (int o = 0; o < outputs; o++) {
          int i = r * outputs + o;
          pm[i] = (float) alpha[o];
          pv[i] = 0;
          pk[i] = 0;
          pAlpha[i] = m[i];
          pb[i] = 1;
        }
      }
    } else {
      unpool(dOut);
    }
    batchNormBackward();
    momentGradients(needInput);
    if (!output && sum == SumApproximation.EXACT) {
      termGradients(needInput);
    }
    weights.addMeanGradient(dMean);
    if (!needInput) {
      return null;
    }
    if (conv == null) {
      return dCol;
    }
    dIn = grow(dIn, batch * inElements);
    Im2col.col2im(dCol, batch, conv.geometry, conv.inChannels, dIn);
    return dIn;
  }

  /** ∂L/∂a of the pre-pool units from ∂L/∂e of the block's output (e = 2a − 1), through the pools. */
  private void unpool(float[] dOut) {
    float[] gamma = bn.gamma().value();
    int last = pools.size();
    int size = batch * outElements;
    float[] d = last == 0 ? g : (poolGrads[last] = grow(poolGrads[last], size));
    for (int i = 0; i < size; i++) {
      d[i] = 2 * dOut[i];
    }
    for (int p = last - 1; p >= 0; p--) {
      MaxPool2d pool = pools.get(p);
      float[] in = levels[p];
      float[] up = d;
      int inSize = batch * pool.inputShape().elements();
      float[] down = p == 0 ? g : (poolGrads[p] = grow(poolGrads[p], inSize));
      Arrays.fill(down, 0, inSize, 0f);
      forEachWindow(pool, (at, window, count, c) -> {
        boolean or = gamma[c] >= 0;
        for (int i = 0; i < count; i++) {
          double others = 1;
          for (int j = 0; j < count; j++) {
            if (j != i) {
              others *= or ? 1 - in[window[j]] : in[window[j]];
            }
          }
          down[window[i]] += (float) (up[at] * others);
        }
      });
      d = down;
    }
  }

  /** Per-channel BatchNorm chain: ∂L/∂γ, ∂L/∂β and the total ∂L/∂m, ∂L/∂v, ∂L/∂κ of every unit. */
  private void batchNormBackward() {
    int size = rows * outputs;
    dm = grow(dm, size);
    dv = grow(dv, size);
    dk = grow(dk, size);
    double[] gAlpha = new double[outputs];
    double[] gShift = new double[outputs];
    for (int r = 0; r < rows; r++) {
      int row = r * outputs;
      for (int o = 0; o < outputs; o++) {
        gAlpha[o] += (double) g[row + o] * pAlpha[row + o];
        gShift[o] += (double) g[row + o] * pb[row + o];
      }
    }
    float[] gamma = bn.gamma().value();
    float[] dGamma = bn.gamma().grad();
    float[] dBeta = bn.beta().grad();
    double[] dMu = new double[outputs];
    double[] dVar = new double[outputs];
    for (int o = 0; o < outputs; o++) {
      // α = γ·s, b = β − γ·s·μ_B, s = (σ²_B + ε)^(−1/2) (AP2 treated as the identity)
      if (output) {
        dGamma[o] += (float) (gAlpha[o] * scale[o] - gShift[o] * scale[o] * mu[o]);
      }
      dBeta[o] += (float) gShift[o];
      double ds = gAlpha[o] * gamma[o] - gShift[o] * gamma[o] * mu[o];
      double s = exactScale[o];
      dVar[o] = -0.5 * ds * s * s * s;
      dMu[o] = -gShift[o] * gamma[o] * scale[o] - 2 * mu[o] * dVar[o];
    }
    // μ_B = mean(m), σ²_B = mean(v + m²) − μ_B²
    for (int r = 0; r < rows; r++) {
      int row = r * outputs;
      for (int o = 0; o < outputs; o++) {
        int i = row + o;
        dm[i] = (float) (g[i] * pm[i] + dMu[o] / rows + dVar[o] * 2 * m[i] / rows);
        dv[i] = (float) (g[i] * pv[i] + dVar[o] / rows);
        dk[i] = g[i] * pk[i];
      }
    }
  }

  /**
   * The GEMM part of the backward: with e = e_x·μ_w per term and ∂m/∂e = 1, ∂v/∂e = −2e,
   * ∂κ/∂e = −2 + 6e² (±1 inputs),
   *
   * <pre>
   *   ∂L/∂μ_w = (dm − 2dκ)ᵀ·X − 2μ_w⊙(dvᵀ·X²) + 6μ_w²⊙(dκᵀ·X³)
   *   ∂L/∂X   = (dm − 2dκ)·μ_w − 2X⊙(dv·μ_w²) + 6X²⊙(dκ·μ_w³)
   * </pre>
   *
   * (8-bit inputs: ∂L/∂μ_w = dmᵀ·x − 2μ_w⊙(dvᵀ·x²) + (−2 + 6μ_w²)⊙(dκᵀ·x³), no ∂L/∂x).
   */
  private void momentGradients(boolean needInput) {
    int n = fanIn * outputs;
    int size = rows * outputs;
    boolean third = thirdMoment();
    float[] mean = weights.mean;
    Arrays.fill(dMean, 0, n, 0f);
    float[] first = dm;
    if (third && !realInput) {
      rowScratch = grow(rowScratch, size);
      first = rowScratch;
      for (int i = 0; i < size; i++) {
        first[i] = dm[i] - 2 * dk[i];
      }
    }
    Gemm.multiplyAdd(dMean, first, 1, outputs, col, outputs, rows, fanIn);
    Arrays.fill(weightScratch, 0f);
    Gemm.multiplyAdd(weightScratch, dv, 1, outputs, colSq, outputs, rows, fanIn);
    for (int i = 0; i < n; i++) {
      dMean[i] -= 2 * mean[i] * weightScratch[i];
    }
    if (third) {
      Arrays.fill(weightScratch, 0f);
      Gemm.multiplyAdd(weightScratch, dk, 1, outputs, colCube, outputs, rows, fanIn);
      for (int i = 0; i < n; i++) {
        float e = mean[i];
        dMean[i] += (realInput ? -2 + 6 * e * e : 6 * e * e) * weightScratch[i];
      }
    }
    if (!needInput) {
      return;
    }
    int cells = rows * fanIn;
    dCol = grow(dCol, cells);
    Arrays.fill(dCol, 0, cells, 0f);
    Gemm.multiplyAdd(dCol, first, outputs, 1, mean, rows, outputs, fanIn);
    for (int i = 0; i < n; i++) {
      square[i] = mean[i] * mean[i];
      cube[i] = square[i] * mean[i];
    }
    float[] t = termScratch(cells);
    Arrays.fill(t, 0, cells, 0f);
    Gemm.multiplyAdd(t, dv, outputs, 1, square, rows, outputs, fanIn);
    for (int i = 0; i < cells; i++) {
      dCol[i] -= 2 * col[i] * t[i];
    }
    if (third) {
      Arrays.fill(t, 0, cells, 0f);
      Gemm.multiplyAdd(t, dk, outputs, 1, cube, rows, outputs, fanIn);
      for (int i = 0; i < cells; i++) {
        dCol[i] += 6 * colSq[i] * t[i];
      }
    }
  }

  private float[] termScratch(int size) {
    terms = grow(terms, size);
    return terms;
  }

  /**
   * The exact sum's per-term part ∂L/∂e_k = g·∂a/∂π_k/2 ({@link PoissonBinomial#gradient}): rows in
   * chunks whose rows × outputs × K buffer fits {@link #TERM_BUFFER}; within a chunk, units in
   * parallel by row (each adds its row of ∂L/∂X), then ∂L/∂μ_w by output, summing rows in order, so
   * the result does not depend on the number of threads.
   */
  private void termGradients(boolean needInput) {
    int perRow = outputs * fanIn;
    int chunk = Math.max(1, Math.min(rows, TERM_BUFFER / perRow));
    float[] h = termScratch(chunk * perRow);
    float[] mean = weights.mean;
    for (int r0 = 0; r0 < rows; r0 += chunk) {
      int from = r0;
      int count = Math.min(chunk, rows - r0);
      Parallel.range(count, 1, (a, b) -> {
        Workspace ws = WORKSPACE.get();
        ws.ensure(fanIn);
        double[] grad = ws.grad;
        for (int rr = a; rr < b; rr++) {
          int r = from + rr;
          for (int o = 0; o < outputs; o++) {
            int at = rr * perRow + o * fanIn;
            float gi = g[r * outputs + o];
            if (gi == 0f) {
              Arrays.fill(h, at, at + fanIn, 0f);
              continue;
            }
            unitForBackward(ws, r, o);
            ws.pb.useValues();
            Arrays.fill(grad, 0, fanIn, 0);
            ws.pb.gradient(ws.pi, 0, rule, 0.5 * gi, grad, 0);
            for (int k = 0; k < fanIn; k++) {
              h[at + k] = (float) grad[k];
            }
          }
          if (needInput) {
            int x = r * fanIn;
            for (int o = 0; o < outputs; o++) {
              int at = rr * perRow + o * fanIn;
              int w = o * fanIn;
              for (int k = 0; k < fanIn; k++) {
                dCol[x + k] += h[at + k] * mean[w + k];
              }
            }
          }
        }
      });
      Parallel.range(outputs, 1, (a, b) -> {
        for (int o = a; o < b; o++) {
          int w = o * fanIn;
          for (int rr = 0; rr < count; rr++) {
            int at = rr * perRow + o * fanIn;
            int x = (from + rr) * fanIn;
            for (int k = 0; k < fanIn; k++) {
              dMean[w + k] += h[at + k] * col[x + k];
            }
          }
        }
      });
    }
  }
}
