package io.onebit.trainer.method.rl.bitnet;

import java.util.Random;

/** Random networks and batches for the evaluator tests. */
final class Nets {
  private Nets() {}

  static BitNet random(Random random, int... widths) {
    BitNet net = new BitNet(widths);
    for (int l = 0; l < net.layers(); l++) {
      for (int j = 0; j < net.outputs(l); j++) {
        for (int i = 0; i < net.inputs(l); i++) {
          if (random.nextBoolean()) {
            net.flip(l, j, i);
          }
        }
      }
    }
    return net;
  }

  /** {@code batch} packed samples of {@code width} bits, each bit −1 with probability p (padding 0). */
  static long[] samples(Random random, int batch, int width, double p) {
    int rl = (width + 63) >>> 6;
    long[] bits = new long[batch * rl];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < width; i++) {
        if (random.nextDouble() < p) {
          bits[b * rl + (i >>> 6)] |= 1L << (i & 63);
        }
      }
    }
    return bits;
  }

  static int[] labels(Random random, int batch, int classes) {
    int[] labels = new int[batch];
    for (int b = 0; b < batch; b++) {
      labels[b] = random.nextInt(classes);
    }
    return labels;
  }

  /**
   * The reward sum of {@code net} with centering c computed the plain way: ±1 integers, the
   * threshold T_j = Σ_i w_ji·S_i, a = +1 where B·z − T − η ≥ 0 (η: the neurons' noise, if drawn),
   * scores (B·z − T)·scale.
   */
  static double naiveRewardSum(BitNet net, Centering c, long[] input, int[] labels, int batch, SampleReward reward,
      int[] predicted) {
    double sum = 0;
    int classes = net.classes();
    for (int b = 0; b < batch; b++) {
      int[] x = new int[net.inputs(0)];
      for (int i = 0; i < x.length; i++) {
        x[i] = ((input[b * net.rowLongs(0) + (i >>> 6)] >>> (i & 63)) & 1L) != 0 ? -1 : 1;
      }
      double[] scores = new double[classes];
      for (int l = 0; l < net.layers(); l++) {
        int[] y = new int[net.outputs(l)];
        for (int j = 0; j < y.length; j++) {
          long z = 0;
          long t = 0;
          for (int i = 0; i < x.length; i++) {
            z += (long) net.weight(l, j, i) * x[i];
            t += (long) net.weight(l, j, i) * c.columnSums(l)[i];
          }
          long m = batch * z - t;
          if (l + 1 < net.layers() && c.noise(l) != null) {
            m -= c.noise(l)[b * net.outputs(l) + j];
          }
          if (l == net.layers() - 1) {
            scores[j] = m * c.outputScale()[j];
          } else {
            y[j] = m >= 0 ? 1 : -1;
          }
        }
        x = y;
      }
      if (predicted != null) {
        predicted[b] = SampleReward.argmax(scores, classes);
      }
      sum += reward.value(scores, classes, labels[b]);
    }
    return sum;
  }
}
