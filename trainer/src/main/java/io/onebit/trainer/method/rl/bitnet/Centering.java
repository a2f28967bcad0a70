package io.onebit.trainer.method.rl.bitnet;

/**
 * The BatchNorm-equivalent thresholds of one generation, from batch statistics of a reference
 * network (the policy's mode) on the batch, held fixed for every candidate of the generation so
 * that a candidate's reward is a function of its weights alone.
 *
 * <p>With γ = 1 and β = 0 (the gradient-free methods leave BatchNorm's affine part alone), a
 * hidden BatchNorm + sign fires +1 exactly when the pre-activation is at least its batch mean,
 * and the batch mean of z_j = Σ_i w_ji·x_i is Σ_i w_ji·x̄_i. So with the column sums
 * S_i = Σ_b x_bi = B·x̄_i of each layer's input, every candidate w gets
 *
 * <pre>
 *   T_j = Σ_i w_ji·S_i                      (B × its threshold, an integer)
 *   m_bj = B·z_bj − T_j = Σ_i w_ji·(B·x_bi − S_i)    a_bj = +1 ⇔ m_bj ≥ 0   (sign(0) = +1)
 *   s_bc = m_bc · scale_c,  scale_c = 1/(B·σ_c)       (the output BatchNorm's inference form)
 * </pre>
 *
 * exact in integers: a flip of w_ji moves T_j by −2·w_ji·S_i along with z, so the flipped
 * neuron's threshold stays its batch mean, as BatchNorm would have it. σ_c² is the reference's
 * batch variance of the class dot (at least 1, a dot moves in steps of 2), through AP2 when the
 * network uses shift-based BatchNorm, as fold will deploy it.
 */
public final class Centering {
  private final int batch;
  private final int[][] columnSums;
  private final double[] outputScale;
  private final long[] reach;
  private double[][] expSteps;
  private final double[][] spread;
  private long[][] noise;
  /** Steps of e^{Δs} kept per class: Δz = ±2, ±4, … ±2·STEPS. */
  static final int STEPS = 8;

  Centering(int batch, int[][] columnSums, double[] outputScale) {
    this.batch = batch;
    this.columnSums = columnSums;
    this.outputScale = outputScale;
    this.reach = new long[columnSums.length];
    this.spread = new double[columnSums.length - 1][];
    this.noise = new long[columnSums.length - 1][];
  }

  /** σ_j of hidden layer l's dots on the batch (at least 1), as the reference computed them (live). */
  public double[] spread(int layer) {
    return spread[layer];
  }

  void setSpread(int layer, double[] sigma) {
    spread[layer] = sigma;
  }

  /**
   * Makes the hidden neurons stochastic for this generation (Williams' Bernoulli-logistic units):
   * neuron j of hidden layer l fires +1 on sample b with probability σ((z_bj − μ_j)/(τ·σ_j)),
   * drawn once per (sample, neuron) and shared by every candidate (common random numbers). A
   * draw is a threshold offset: a_bj = +1 ⇔ m_bj ≥ η_bj, η_bj = B·τ·σ_j·ln(u/(1 − u)), u uniform,
   * so every exact incremental evaluation holds for the noisy network as for the plain one.
   * τ = 0 removes the noise.
   */
  public void drawNoise(double tau, java.util.SplittableRandom random) {
    for (int l = 0; l < noise.length; l++) {
      if (tau == 0) {
        noise[l] = null;
        continue;
      }
      double[] sigma = spread[l];
      int outputs = sigma.length;
      if (noise[l] == null || noise[l].length != batch * outputs) {
        noise[l] = new long[batch * outputs];
      }
      long[] eta = noise[l];
      for (int b = 0; b < batch; b++) {
        for (int j = 0; j < outputs; j++) {
          double u = random.nextDouble();
          while (u == 0) {
            u = random.nextDouble();
          }
          eta[b * outputs + j] = Math.round(batch * tau * sigma[j] * Math.log(u / (1 - u)));
        }
      }
    }
  }

  /** The threshold offsets η of hidden layer l (batch × outputs), or null for deterministic neurons. */
  public long[] noise(int layer) {
    return layer < noise.length ? noise[layer] : null;
  }

  /** η_bj of hidden layer l (0 without noise). */
  long noise(int layer, int b, int j, int outputs) {
    long[] eta = layer < noise.length ? noise[layer] : null;
    return eta == null ? 0 : eta[b * outputs + j];
  }

  /**
   * e^{Δs_c} for a class dot that moved by Δz = 2k (|k| ≤ {@link #STEPS}): Δs_c = 2k·B·scale_c;
   * NaN beyond, where callers compute it themselves.
   */
  double expStep(int c, int k) {
    return k < -STEPS || k > STEPS ? Double.NaN : expSteps[c][k + STEPS];
  }

  /** Computes the reaches and exponentials once every layer's column sums and the output scale are in. */
  void complete() {
    expSteps = new double[outputScale.length][2 * STEPS + 1];
    for (int c = 0; c < outputScale.length; c++) {
      for (int k = -STEPS; k <= STEPS; k++) {
        expSteps[c][k + STEPS] = Math.exp(2.0 * k * batch * outputScale[c]);
      }
    }
    for (int l = 0; l < columnSums.length; l++) {
      int max = 0;
      for (int s : columnSums[l]) {
        max = Math.max(max, Math.abs(s));
      }
      reach[l] = 2L * ((long) batch + max);
    }
  }

  /** B, the samples the statistics were taken over (the batch). */
  public int batch() {
    return batch;
  }

  /** S_i = Σ_b x_bi of layer l's input (live). */
  public int[] columnSums(int layer) {
    return columnSums[layer];
  }

  /** scale_c = 1/(B·σ_c) of the class scores (live). */
  public double[] outputScale() {
    return outputScale;
  }

  /**
   * The largest |Δm| one weight flip of layer l causes, 2·(B + max_i |S_i|): only samples with
   * −reach ≤ m &lt; reach can change sign.
   */
  public long reach(int layer) {
    return reach[layer];
  }

  /** T_j = Σ_i w_ji·S_i of every neuron of layer l of {@code net}, into {@code into}. */
  public void thresholds(BitNet net, int layer, long[] into) {
    int[] s = columnSums[layer];
    long total = 0;
    for (int v : s) {
      total += v;
    }
    long[] rows = net.rows(layer);
    int rl = net.rowLongs(layer);
    for (int j = 0; j < net.outputs(layer); j++) {
      long negative = 0;
      for (int t = 0; t < rl; t++) {
        long word = rows[j * rl + t];
        while (word != 0) {
          negative += s[(t << 6) + Long.numberOfTrailingZeros(word)];
          word &= word - 1;
        }
      }
      into[j] = total - 2 * negative;
    }
  }
}
