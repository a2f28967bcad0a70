package io.onebit.trainer.method.rl.bitnet;

import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.net.BatchNorm;
import io.onebit.trainer.optim.Ap2;

/**
 * Whole binary networks on a batch of packed 1-bit samples, in integers: per layer
 * z_bj = K − 2·popcount(x_b XOR w_j) ({@code long} XOR + {@link Long#bitCount}, 64 weights per
 * word), the sign against the generation's thresholds ({@link Centering}), and per sample the
 * reward of the class scores ({@link SampleReward}). Samples are split over the cores
 * ({@link Parallel#range}); each sample's results have their own slots and every sum over
 * samples runs in sample order afterwards, so results do not depend on the number of threads.
 * Nothing is allocated per sample.
 *
 * <p>Input bits: {@code input[b·rowLongs(0) ..]}, bit 1 = −1, padding 0 (the training batch's
 * {@code Activations.packed()}); labels: {@code labels[b]}.
 */
public final class BitEvaluator {
  private static final int GRAIN = 16;
  private final SampleReward reward;
  private final boolean shiftBasedOutput;
  private double[] populationRewards = new double[0];
  private int[] populationHits = new int[0];
  private long[][][] populationThresholds = new long[0][][];
  private int[][][] populationCuts = new int[0][][];

  /**
   * @param shiftBasedOutput scale the class scores by AP2(1/σ) as shift-based BatchNorm deploys them
   */
  public BitEvaluator(SampleReward reward, boolean shiftBasedOutput) {
    this.reward = reward;
    this.shiftBasedOutput = shiftBasedOutput;
  }

  public SampleReward reward() {
    return reward;
  }

  /**
   * The generation's thresholds from {@code reference} on the batch (layer by layer, as
   * BatchNorm in training mode: each layer's statistics with the earlier layers' already
   * applied), leaving the reference's forward in {@code pass}.
   */
  public Centering center(BitNet reference, long[] input, int[] labels, int batch, Pass pass) {
    check(reference, pass, batch);
    int layers = reference.layers();
    int[][] sums = new int[layers][];
    sums[0] = columnSums(input, batch, reference.inputs(0), reference.rowLongs(0));
    double[] scale = new double[reference.classes()];
    Centering c = new Centering(batch, sums, scale);
    bind(pass, c, input, labels, batch);
    for (int l = 0; l < layers; l++) {
      if (l > 0) {
        sums[l] = columnSums(pass.activations[l - 1], batch, reference.inputs(l), reference.rowLongs(l));
      }
      c.thresholds(reference, l, pass.thresholds[l]);
      int layer = l;
      long[] x = l == 0 ? input : pass.activations[l - 1];
      Parallel.range(batch, GRAIN, (from, to) -> {
        for (int b = from; b < to; b++) {
          dots(reference, layer, x, b, pass.z[layer], b * reference.outputs(layer));
          if (layer + 1 < layers) {
            signs(pass.z[layer], b * reference.outputs(layer), pass.thresholds[layer], null, batch,
                reference.outputs(layer), pass.activations[layer], b * reference.rowLongs(layer + 1));
          }
        }
      });
      if (l + 1 < layers) {
        c.setSpread(l, spread(pass.z[l], batch, reference.outputs(l)));
      }
    }
    outputScale(pass.z[layers - 1], batch, reference.classes(), scale);
    c.complete();
    Parallel.range(batch, GRAIN, (from, to) -> {
      double[] scores = new double[reference.classes()];
      for (int b = from; b < to; b++) {
        scoreAndReward(pass, b, scores);
      }
    });
    return c;
  }

  /** The forward of {@code net} with the generation's thresholds, kept in {@code pass}. */
  public void forward(BitNet net, Centering c, long[] input, int[] labels, int batch, Pass pass) {
    check(net, pass, batch);
    bind(pass, c, input, labels, batch);
    for (int l = 0; l < net.layers(); l++) {
      c.thresholds(net, l, pass.thresholds[l]);
    }
    int layers = net.layers();
    Parallel.range(batch, GRAIN, (from, to) -> {
      double[] scores = new double[net.classes()];
      for (int b = from; b < to; b++) {
        for (int l = 0; l < layers; l++) {
          long[] x = l == 0 ? input : pass.activations[l - 1];
          dots(net, l, x, b, pass.z[l], b * net.outputs(l));
          if (l + 1 < layers) {
            signs(pass.z[l], b * net.outputs(l), pass.thresholds[l], c.noise(l), batch, net.outputs(l),
                pass.activations[l], b * net.rowLongs(l + 1));
          }
        }
        scoreAndReward(pass, b, scores);
      }
    });
  }

  /**
   * The summed reward (Σ_b r_b, in sample order) and the correct predictions of each of the
   * first {@code count} networks, all with the generation's thresholds. Each core takes a range
   * of samples through every network, so the networks' weights stay in cache.
   */
  public void population(BitNet[] nets, int count, Centering c, long[] input, int[] labels, int batch,
      double[] rewardSums, int[] correct) {
    BitNet shape = nets[0];
    int layers = shape.layers();
    if (populationRewards.length < count * batch) {
      populationRewards = new double[count * batch];
      populationHits = new int[count * batch];
    }
    if (populationThresholds.length < count) {
      populationThresholds = new long[count][][];
      populationCuts = new int[count][][];
    }
    for (int n = 0; n < count; n++) {
      if (!nets[n].sameShape(shape)) {
        throw new IllegalArgumentException("the networks of a population must have one shape");
      }
      if (populationThresholds[n] == null || populationThresholds[n].length != layers
          || populationThresholds[n][0].length != shape.outputs(0)) {
        populationThresholds[n] = new long[layers][];
        populationCuts[n] = new int[layers][];
        for (int l = 0; l < layers; l++) {
          populationThresholds[n][l] = new long[shape.outputs(l)];
          populationCuts[n][l] = new int[shape.outputs(l)];
        }
      }
      for (int l = 0; l < layers; l++) {
        c.thresholds(nets[n], l, populationThresholds[n][l]);
        cuts(populationThresholds[n][l], batch, populationCuts[n][l]);
      }
    }
    double[] rewards = populationRewards;
    int[] hits = populationHits;
    long[][][] thresholds = populationThresholds;
    int[][][] cuts = populationCuts;
    long[][] noise = new long[layers][];
    for (int l = 0; l + 1 < layers; l++) {
      noise[l] = c.noise(l);
    }
    int classes = shape.classes();
    double[] scale = c.outputScale();
    Parallel.range(batch, GRAIN, (from, to) -> {
      long[][] act = new long[layers][];
      int[][] z = new int[layers][];
      for (int l = 0; l < layers; l++) {
        z[l] = new int[shape.outputs(l)];
        if (l + 1 < layers) {
          act[l] = new long[shape.rowLongs(l + 1)];
        }
      }
      double[] scores = new double[classes];
      // network-major within the range: one network's rows stay in cache while its samples pass
      for (int n = 0; n < count; n++) {
        BitNet net = nets[n];
        long[] t = thresholds[n][layers - 1];
        for (int b = from; b < to; b++) {
          for (int l = 0; l < layers; l++) {
            if (l == 0) {
              dots(net, 0, input, b, z[0], 0);
            } else {
              dots(net, l, act[l - 1], 0, z[l], 0);
            }
            if (l + 1 < layers) {
              if (noise[l] == null) {
                signs(z[l], cuts[n][l], net.outputs(l), act[l]);
              } else {
                signs(z[l], 0, thresholds[n][l], noise[l], b, batch, net.outputs(l), act[l], 0);
              }
            }
          }
          for (int k = 0; k < classes; k++) {
            scores[k] = ((long) batch * z[layers - 1][k] - t[k]) * scale[k];
          }
          rewards[n * batch + b] = reward.value(scores, classes, labels[b]);
          hits[n * batch + b] = SampleReward.argmax(scores, classes) == labels[b] ? 1 : 0;
        }
      }
    });
    for (int n = 0; n < count; n++) {
      double sum = 0;
      int right = 0;
      for (int b = 0; b < batch; b++) {
        sum += rewards[n * batch + b];
        right += hits[n * batch + b];
      }
      rewardSums[n] = sum;
      correct[n] = right;
    }
  }

  private static void check(BitNet net, Pass pass, int batch) {
    if (!net.sameShape(pass.shape)) {
      throw new IllegalArgumentException("the pass was made for another network shape");
    }
    if (batch < 1 || batch > pass.capacity) {
      throw new IllegalArgumentException("batch of " + batch + " samples for a pass of " + pass.capacity);
    }
  }

  private static void bind(Pass pass, Centering c, long[] input, int[] labels, int batch) {
    pass.centering = c;
    pass.input = input;
    pass.labels = labels;
    pass.batch = batch;
  }

  /**
   * z of every neuron of layer l for the input row at {@code x[row·rowLongs(l)]}:
   * z_j = K − 2·popcount(x XOR w_j), four neurons per pass over the input words.
   */
  static void dots(BitNet net, int layer, long[] x, int row, int[] z, int zOff) {
    long[] w = net.rows(layer);
    int rl = net.rowLongs(layer);
    int fanIn = net.inputs(layer);
    int outputs = net.outputs(layer);
    int xOff = row * rl;
    if (rl == 1) {
      // fan-in ≤ 64 (TFC's hidden layers): one word per neuron, the input word stays in a register
      long v = x[xOff];
      for (int j = 0; j < outputs; j++) {
        z[zOff + j] = fanIn - 2 * Long.bitCount(v ^ w[j]);
      }
      return;
    }
    int j = 0;
    for (; j + 3 < outputs; j += 4) {
      int w0 = j * rl;
      int w1 = w0 + rl;
      int w2 = w1 + rl;
      int w3 = w2 + rl;
      int p0 = 0;
      int p1 = 0;
      int p2 = 0;
      int p3 = 0;
      for (int t = 0; t < rl; t++) {
        long v = x[xOff + t];
        p0 += Long.bitCount(v ^ w[w0 + t]);
        p1 += Long.bitCount(v ^ w[w1 + t]);
        p2 += Long.bitCount(v ^ w[w2 + t]);
        p3 += Long.bitCount(v ^ w[w3 + t]);
      }
      z[zOff + j] = fanIn - 2 * p0;
      z[zOff + j + 1] = fanIn - 2 * p1;
      z[zOff + j + 2] = fanIn - 2 * p2;
      z[zOff + j + 3] = fanIn - 2 * p3;
    }
    for (; j < outputs; j++) {
      int w0 = j * rl;
      int p0 = 0;
      for (int t = 0; t < rl; t++) {
        p0 += Long.bitCount(x[xOff + t] ^ w[w0 + t]);
      }
      z[zOff + j] = fanIn - 2 * p0;
    }
  }

  /**
   * Packs the signs of m_j = B·z_j − T_j − η_j (bit 1 where m &lt; 0) of {@code outputs} neurons;
   * η: the noise offsets of the sample at {@code noise[zOff ..]}, or none when null.
   */
  static void signs(int[] z, int zOff, long[] t, long[] noise, int batch, int outputs, long[] a, int aOff) {
    signs(z, zOff, t, noise, zOff / Math.max(1, outputs), batch, outputs, a, aOff);
  }

  /** As above with the noise of sample {@code b} (z may be a one-sample scratch row). */
  static void signs(int[] z, int zOff, long[] t, long[] noise, int b, int batch, int outputs, long[] a, int aOff) {
    int nOff = b * outputs;
    for (int w = 0; w * 64 < outputs; w++) {
      long word = 0;
      int first = w * 64;
      int end = Math.min(64, outputs - first);
      // branch-free: the sign bit of m (signs of a fresh network are coin flips to a predictor);
      // the noise test is hoisted out of the loop
      if (noise == null) {
        for (int k = 0; k < end; k++) {
          long m = (long) batch * z[zOff + first + k] - t[first + k];
          word |= (m >>> 63) << k;
        }
      } else {
        for (int k = 0; k < end; k++) {
          long m = (long) batch * z[zOff + first + k] - t[first + k] - noise[nOff + first + k];
          word |= (m >>> 63) << k;
        }
      }
      a[aOff + w] = word;
    }
  }

  /**
   * The integer cut of each threshold: B·z − T_j &lt; 0 ⇔ z &lt; ⌈T_j / B⌉ for an integer dot z and
   * B ≥ 1, so without noise a sign is one int comparison per neuron and sample instead of a long
   * multiply (|T_j| ≤ B·fan-in, so the cut fits an int).
   */
  static void cuts(long[] t, int batch, int[] cut) {
    for (int j = 0; j < t.length; j++) {
      cut[j] = (int) -Math.floorDiv(-t[j], (long) batch);
    }
  }

  /** Packs the signs of one sample's dots against integer cuts (bit 1 where z_j &lt; cut_j). */
  static void signs(int[] z, int[] cut, int outputs, long[] a) {
    for (int w = 0; w * 64 < outputs; w++) {
      long word = 0;
      int first = w * 64;
      int end = Math.min(64, outputs - first);
      for (int k = 0; k < end; k++) {
        // z − cut never overflows (both within ±(fan-in + 1)): its sign bit is the activation bit
        word |= (long) ((z[first + k] - cut[first + k]) >>> 31) << k;
      }
      a[w] = word;
    }
  }

  /** σ_j of each neuron's dot over the batch, at least 1 (a dot moves in steps of 2). */
  private static double[] spread(int[] z, int batch, int outputs) {
    double[] sigma = new double[outputs];
    for (int j = 0; j < outputs; j++) {
      long sum = 0;
      long squares = 0;
      for (int b = 0; b < batch; b++) {
        long v = z[b * outputs + j];
        sum += v;
        squares += v * v;
      }
      double mean = sum / (double) batch;
      sigma[j] = Math.sqrt(Math.max(1.0, squares / (double) batch - mean * mean));
    }
    return sigma;
  }

  /** Scores, reward and prediction of sample b from the pass's output dots. */
  void scoreAndReward(Pass pass, int b, double[] scores) {
    int last = pass.shape.layers() - 1;
    int classes = pass.shape.classes();
    long[] t = pass.thresholds[last];
    double[] scale = pass.centering.outputScale();
    int batch = pass.batch;
    for (int k = 0; k < classes; k++) {
      scores[k] = ((long) batch * pass.z[last][b * classes + k] - t[k]) * scale[k];
    }
    pass.reward[b] = reward == SampleReward.NEG_CE
        ? SampleReward.negCe(scores, classes, pass.labels[b], pass.exps, b * classes, pass.maxScore, b)
        : reward.value(scores, classes, pass.labels[b]);
    pass.predicted[b] = SampleReward.argmax(scores, classes);
  }

  /** S_i = Σ_b x_bi = B − 2·#{b: bit i set}, for {@code width} columns. */
  static int[] columnSums(long[] bits, int batch, int width, int rowLongs) {
    int[] negatives = new int[width];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < rowLongs; t++) {
        long word = bits[b * rowLongs + t];
        while (word != 0) {
          negatives[(t << 6) + Long.numberOfTrailingZeros(word)]++;
          word &= word - 1;
        }
      }
    }
    int[] sums = new int[width];
    for (int i = 0; i < width; i++) {
      sums[i] = batch - 2 * negatives[i];
    }
    return sums;
  }

  /** scale_c = 1/(B·σ_c), σ_c² = the batch variance of z_c (at least 1), AP2 of 1/σ when shift-based. */
  private void outputScale(int[] z, int batch, int classes, double[] scale) {
    for (int c = 0; c < classes; c++) {
      long sum = 0;
      long squares = 0;
      for (int b = 0; b < batch; b++) {
        long v = z[b * classes + c];
        sum += v;
        squares += v * v;
      }
      double mean = sum / (double) batch;
      double var = Math.max(1.0, squares / (double) batch - mean * mean);
      float inv = (float) (1 / Math.sqrt(var + BatchNorm.EPSILON));
      scale[c] = (shiftBasedOutput ? Ap2.of(inv) : inv) / (double) batch;
    }
  }
}
