package io.onebit.trainer.nn;

import io.onebit.trainer.optim.Param;
import io.onebit.trainer.quant.Quantizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A fully binary multilayer perceptron in BinaryNet's form:
 *
 * <pre>
 *   x (±1) → [BinaryDense → BatchNorm → sign]ⁿ → BinaryDense → BatchNorm → class scores
 * </pre>
 *
 * Hidden activations and all weights are ±1 in the forward pass; the output BatchNorm gives
 * real scores, folded later into a fixed-point affine map. (A method may train for a while with
 * the real latent weights in the forward pass, {@link #setBinaryWeights}; what leaves the trainer
 * and fold deploys is always the binary network.)
 */
public final class BinaryMlp {
  public final int inputs;
  public final int[] widths;
  private final List<BinaryDense> dense = new ArrayList<>();
  private final List<BatchNorm> norms = new ArrayList<>();
  private final SignActivation activation;
  private ClassLoss loss = ClassLoss.CROSS_ENTROPY;

  private int capacity;
  private BinaryBatch[] activations;
  private float[][] preActivations;
  private float[][] normalised;
  private float[][] gradients;

  /**
   * @param inputs number of ±1 inputs
   * @param widths hidden widths followed by the number of classes
   */
  public BinaryMlp(int inputs, int[] widths, Quantizer activationQuantizer, Random random) {
    this(inputs, widths, activationQuantizer, false, random);
  }

  /** @param shiftBatchNorm BinaryNet's shift-based BatchNorm instead of the exact one */
  public BinaryMlp(int inputs, int[] widths, Quantizer activationQuantizer, boolean shiftBatchNorm, Random random) {
    this.inputs = inputs;
    this.widths = widths.clone();
    this.activation = new SignActivation(activationQuantizer);
    int in = inputs;
    for (int l = 0; l < widths.length; l++) {
      dense.add(new BinaryDense("dense" + l, in, widths[l], random));
      norms.add(new BatchNorm("bn" + l, widths[l], shiftBatchNorm));
      in = widths[l];
    }
  }

  /** The training loss on the output scores (default: softmax cross-entropy). */
  public void setLoss(ClassLoss loss) {
    this.loss = loss;
  }

  public int layers() {
    return widths.length;
  }

  public int classes() {
    return widths[widths.length - 1];
  }

  public BinaryDense dense(int layer) {
    return dense.get(layer);
  }

  public BatchNorm norm(int layer) {
    return norms.get(layer);
  }

  public List<Param> params() {
    List<Param> params = new ArrayList<>();
    for (int l = 0; l < layers(); l++) {
      params.add(dense.get(l).weights());
      params.add(norms.get(l).gamma());
      params.add(norms.get(l).beta());
    }
    return params;
  }

  /** A fresh input batch of the network's width. */
  public BinaryBatch newInputBatch(int capacity) {
    return new BinaryBatch(inputs, capacity);
  }

  private void ensureCapacity(int batch) {
    if (batch <= capacity) {
      return;
    }
    capacity = batch;
    int n = layers();
    activations = new BinaryBatch[n];
    preActivations = new float[n][];
    normalised = new float[n][];
    gradients = new float[n + 1][];
    gradients[0] = new float[batch * inputs];
    for (int l = 0; l < n; l++) {
      activations[l] = new BinaryBatch(widths[l], batch);
      preActivations[l] = new float[batch * widths[l]];
      normalised[l] = new float[batch * widths[l]];
      gradients[l + 1] = new float[batch * widths[l]];
    }
  }

  /**
   * One forward and backward pass in training mode. Gradients are accumulated into the
   * parameters (callers zero them). Returns the summed loss; {@code correct[0]} counts argmax hits.
   */
  public double trainStep(BinaryBatch input, byte[] labels, int[] labelIndex, int[] correct) {
    return trainStep(input, labels, labelIndex, correct, null);
  }

  /**
   * As {@link #trainStep(BinaryBatch, byte[], int[], int[])}; {@code random} feeds a stochastic
   * activation quantizer's draws (may be null for deterministic ones).
   */
  public double trainStep(BinaryBatch input, byte[] labels, int[] labelIndex, int[] correct, Random random) {
    int batch = input.size;
    ensureCapacity(batch);
    int n = layers();
    BinaryBatch x = input;
    for (int l = 0; l < n; l++) {
      dense.get(l).forward(x, preActivations[l]);
      norms.get(l).forwardTrain(preActivations[l], batch, normalised[l]);
      if (l < n - 1) {
        activation.forwardTrain(normalised[l], batch, activations[l], random);
        x = activations[l];
      }
    }
    float[] dScores = gradients[n];
    double batchLoss = loss.lossAndGradient(normalised[n - 1], batch, classes(), labels, labelIndex, dScores,
        correct);
    for (int l = n - 1; l >= 0; l--) {
      float[] dy = gradients[l + 1];
      if (l < n - 1) {
        activation.backward(normalised[l], batch, widths[l], dy);
      }
      norms.get(l).backward(dy, batch, dy);
      BinaryBatch layerInput = l == 0 ? input : activations[l - 1];
      dense.get(l).backward(dy, layerInput, l == 0 ? null : gradients[l]);
    }
    return batchLoss;
  }

  /** Inference-mode class scores (population BatchNorm statistics), batch × classes. */
  public void scores(BinaryBatch input, float[] scores) {
    ensureCapacity(input.size);
    int last = layers() - 1;
    BinaryBatch x = hiddenEval(input, last);
    dense.get(last).forward(x, preActivations[last]);
    norms.get(last).forwardEval(preActivations[last], input.size, scores);
  }

  /** Inference-mode output of the first {@code count} hidden layers (the input itself for 0). */
  private BinaryBatch hiddenEval(BinaryBatch input, int count) {
    BinaryBatch x = input;
    for (int l = 0; l < count; l++) {
      dense.get(l).forward(x, preActivations[l]);
      norms.get(l).forwardEval(preActivations[l], input.size, normalised[l]);
      activation.forward(normalised[l], input.size, activations[l]);
      x = activations[l];
    }
    return x;
  }

  /** Recomputes sign(W) of every layer after an optimizer step. */
  public void refreshSigns() {
    for (BinaryDense d : dense) {
      d.refreshSigns();
    }
  }

  /** Forward with sign(W) (true, the deployed network) or with the real latent weights (false). */
  public void setBinaryWeights(boolean binary) {
    for (BinaryDense d : dense) {
      d.setBinaryWeights(binary);
    }
  }

  /** One stochastic draw of every layer's binary weights for the next training step. */
  public void sampleWeightSigns(Quantizer quantizer, Random random) {
    for (BinaryDense d : dense) {
      d.sampleSigns(quantizer, random);
    }
  }

  /**
   * Sets every BatchNorm's population statistics to the exact mean and variance of its input
   * over {@code data}, layer by layer (layer l's statistics are computed after those of the
   * layers before it are fixed), so the inference network is the one the weights define.
   */
  public void recomputeStatistics(EncodedImages data, int batchSize) {
    ensureCapacity(batchSize);
    int n = layers();
    for (int target = 0; target < n; target++) {
      int channels = widths[target];
      double[] sum = new double[channels];
      double[] sumSq = new double[channels];
      BinaryBatch input = newInputBatch(batchSize);
      int[] order = identity(data.count);
      for (int from = 0; from < data.count; from += batchSize) {
        int size = Math.min(batchSize, data.count - from);
        data.gather(order, from, size, input);
        BinaryBatch x = hiddenEval(input, target);
        float[] z = preActivations[target];
        dense.get(target).forward(x, z);
        for (int b = 0; b < size; b++) {
          for (int c = 0; c < channels; c++) {
            double v = z[b * channels + c];
            sum[c] += v;
            sumSq[c] += v * v;
          }
        }
      }
      double[] mean = new double[channels];
      double[] var = new double[channels];
      for (int c = 0; c < channels; c++) {
        mean[c] = sum[c] / data.count;
        var[c] = Math.max(0, sumSq[c] / data.count - mean[c] * mean[c]);
      }
      norms.get(target).setPopulationStatistics(mean, var);
    }
  }

  /** Predicted classes in inference mode. */
  public int[] predict(EncodedImages data, int batchSize) {
    int[] predictions = new int[data.count];
    BinaryBatch input = newInputBatch(batchSize);
    float[] scores = new float[batchSize * classes()];
    int[] order = identity(data.count);
    for (int from = 0; from < data.count; from += batchSize) {
      int size = Math.min(batchSize, data.count - from);
      data.gather(order, from, size, input);
      scores(input, scores);
      for (int b = 0; b < size; b++) {
        int best = 0;
        for (int c = 1; c < classes(); c++) {
          if (scores[b * classes() + c] > scores[b * classes() + best]) {
            best = c;
          }
        }
        predictions[from + b] = best;
      }
    }
    return predictions;
  }

  static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }
}
