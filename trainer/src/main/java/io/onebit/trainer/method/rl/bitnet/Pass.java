package io.onebit.trainer.method.rl.bitnet;

/**
 * One network's forward on one batch, kept for incremental re-evaluation: per layer the integer
 * dots z (batch × outputs) and thresholds T (per neuron, {@link Centering}), the packed hidden
 * activations (batch × ⌈outputs/64⌉ longs, bit 1 = −1), and per sample the reward and the
 * predicted class. Buffers are sized once for a shape and a largest batch and reused.
 */
public final class Pass {
  final BitNet shape;
  final int capacity;
  final int[][] z;
  final long[][] thresholds;
  final long[][] activations;
  final double[] reward;
  final int[] predicted;
  /** neg-ce only: exp(s_bc − max_c s_bc) per sample and class, and the max, for incremental rewards. */
  final double[] exps;
  final double[] maxScore;
  long[] input;
  int[] labels;
  int batch;
  Centering centering;

  /** Buffers for networks shaped like {@code shape} and batches of up to {@code capacity} samples. */
  public Pass(BitNet shape, int capacity) {
    this.shape = shape;
    this.capacity = capacity;
    int layers = shape.layers();
    z = new int[layers][];
    thresholds = new long[layers][];
    activations = new long[layers][];
    for (int l = 0; l < layers; l++) {
      z[l] = new int[capacity * shape.outputs(l)];
      thresholds[l] = new long[shape.outputs(l)];
      if (l + 1 < layers) {
        activations[l] = new long[capacity * shape.rowLongs(l + 1)];
      }
    }
    reward = new double[capacity];
    predicted = new int[capacity];
    exps = new double[capacity * shape.classes()];
    maxScore = new double[capacity];
  }

  public int batch() {
    return batch;
  }

  /** The statistics this pass was computed with. */
  public Centering centering() {
    return centering;
  }

  /** Σ_b r_b, summed in sample order. */
  public double rewardSum() {
    double sum = 0;
    for (int b = 0; b < batch; b++) {
      sum += reward[b];
    }
    return sum;
  }

  /** Samples whose predicted class is their label. */
  public int correct() {
    int right = 0;
    for (int b = 0; b < batch; b++) {
      if (predicted[b] == labels[b]) {
        right++;
      }
    }
    return right;
  }

  /** The reward of sample b. */
  public double reward(int b) {
    return reward[b];
  }

  /** The predicted class of sample b. */
  public int predicted(int b) {
    return predicted[b];
  }

  /** z of neuron j of layer l for sample b. */
  public int dot(int layer, int b, int j) {
    return z[layer][b * shape.outputs(layer) + j];
  }

  /** The batch's input bits (batch × rowLongs(0), live). */
  public long[] input() {
    return input;
  }

  /** The packed outputs of hidden layer l (batch × rowLongs(l + 1), live). */
  public long[] activations(int layer) {
    return activations[layer];
  }

  /** B·T_j of neuron j of layer l. */
  public long threshold(int layer, int j) {
    return thresholds[layer][j];
  }
}
