package io.onebit.trainer.cnn;

import io.onebit.model.ConvGeometry;
import io.onebit.model.TensorShape;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.LayerSpec;
import io.onebit.trainer.nn.ClassLoss;
import io.onebit.trainer.optim.Param;
import io.onebit.trainer.quant.Quantizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A sequential binary network of blocks, each
 *
 * <pre>
 *   [flatten] → binary conv or dense → [max-pool] → BatchNorm → sign      (hidden blocks)
 *   flatten → binary dense → BatchNorm → class scores                       (the output block)
 * </pre>
 *
 * built from an {@link Architecture}. Activations are floats, HWC per sample (flatten is then
 * the identity, matching the deploy model's FlattenLayer order (y·W + x)·C + c). The first
 * block reads ±1 (thresholded input, 'same' padding +1) or raw bytes (8-bit input, padding 0).
 */
public final class ConvNet {
  /**
   * One weight layer with what follows it up to the next weight layer.
   *
   * @param flattenBefore the input is a spatial tensor that a dense layer reads flattened
   * @param pool the max-pool between the weights and BatchNorm, or null
   * @param sign the activation, null for the output block
   */
  public record Block(boolean flattenBefore, BinaryConv2d weights, MaxPool2d pool, ChannelBatchNorm norm,
      SignLayer sign) {
    public boolean isDense() {
      return weights.geometry.inHeight() == 1 && weights.geometry.inWidth() == 1
          && weights.geometry.kernelHeight() == 1 && weights.geometry.kernelWidth() == 1;
    }

    public boolean isOutput() {
      return sign == null;
    }
  }

  public final TensorShape inputShape;
  public final boolean bitplanes;
  public final int classes;
  private final List<Block> blocks = new ArrayList<>();
  private final List<NetworkLayer> layers = new ArrayList<>();
  private float[] dScores = new float[0];
  private ClassLoss loss = ClassLoss.CROSS_ENTROPY;

  public ConvNet(Architecture arch, TensorShape inputShape, int classes, Quantizer activation, boolean shiftBatchNorm,
      Random random) {
    arch.binaryWeights(inputShape, classes);
    this.inputShape = inputShape;
    this.bitplanes = arch.bitplanes();
    this.classes = classes;
    TensorShape shape = inputShape;
    List<LayerSpec> specs = arch.layers();
    for (int i = 0; i < specs.size(); i++) {
      LayerSpec spec = specs.get(i);
      String name = "layer" + blocks.size();
      BinaryConv2d weights;
      boolean flatten = false;
      if (spec.isConv()) {
        ConvGeometry g = new ConvGeometry(shape.height(), shape.width(), spec.kernelHeight(), spec.kernelWidth(),
            spec.stride(), spec.padding());
        float pad = blocks.isEmpty() && bitplanes ? 0f : 1f;
        weights = new BinaryConv2d(name, g, shape.channels(), spec.units(), pad, random);
      } else {
        flatten = !shape.isVector();
        weights = BinaryConv2d.dense(name, shape.elements(), spec.units(), random);
      }
      shape = weights.outputShape();
      MaxPool2d pool = null;
      if (i + 1 < specs.size() && specs.get(i + 1).isMaxpool()) {
        LayerSpec p = specs.get(++i);
        pool = new MaxPool2d(shape.height(), shape.width(), shape.channels(), p.kernelHeight(), p.kernelWidth(),
            p.stride());
        shape = pool.outputShape();
      }
      add(new Block(flatten, weights, pool, new ChannelBatchNorm(name + ".bn", shape, shiftBatchNorm),
          new SignLayer(shape, activation)));
    }
    BinaryConv2d output = BinaryConv2d.dense("output", shape.elements(), classes, random);
    add(new Block(!shape.isVector(), output, null, new ChannelBatchNorm("output.bn", output.outputShape(),
        shiftBatchNorm), null));
  }

  /** The training loss on the output scores (default: softmax cross-entropy). */
  public void setLoss(ClassLoss loss) {
    this.loss = loss;
  }

  private void add(Block block) {
    blocks.add(block);
    layers.add(block.weights());
    if (block.pool() != null) {
      layers.add(block.pool());
    }
    layers.add(block.norm());
    if (block.sign() != null) {
      layers.add(block.sign());
    }
  }

  public List<Block> blocks() {
    return List.copyOf(blocks);
  }

  /** Every weight layer's packed sign(W), for {@link io.onebit.trainer.train.FlipTracker}. */
  public List<io.onebit.trainer.train.FlipTracker.Tracked> trackedWeights() {
    List<io.onebit.trainer.train.FlipTracker.Tracked> tracked = new ArrayList<>();
    for (Block b : blocks) {
      BinaryConv2d w = b.weights();
      tracked.add(new io.onebit.trainer.train.FlipTracker.Tracked(w.name(), (long) w.outChannels * w.fanIn,
          w::packedSigns));
    }
    return tracked;
  }

  public List<Param> params() {
    List<Param> params = new ArrayList<>();
    for (NetworkLayer layer : layers) {
      params.addAll(layer.params());
    }
    return params;
  }

  /** Recomputes every layer's forward weights after an optimizer step. */
  public void refreshSigns() {
    for (Block b : blocks) {
      b.weights().refreshSigns();
    }
  }

  /** Forward with sign(W) (true, the deployed network) or the real latent weights (false). */
  public void setBinaryWeights(boolean binary) {
    for (Block b : blocks) {
      b.weights().setBinaryWeights(binary);
    }
  }

  /**
   * One forward and backward pass with batch statistics; accumulates gradients into the
   * parameters (callers zero them). Returns the summed loss; {@code correct[0]} counts hits.
   */
  public double trainStep(float[] input, int batch, byte[] labels, int[] labelIndex, int[] correct, Random random) {
    float[] x = input;
    for (NetworkLayer layer : layers) {
      x = layer.forward(x, batch, true, random);
    }
    dScores = BinaryConv2d.grow(dScores, batch * classes);
    double loss = this.loss.lossAndGradient(x, batch, classes, labels, labelIndex, dScores, correct);
    float[] d = dScores;
    for (int i = layers.size() - 1; i >= 0; i--) {
      d = layers.get(i).backward(d, batch, i > 0);
    }
    return loss;
  }

  /** Inference-mode output of the first {@code count} layers. */
  private float[] forwardEval(float[] input, int batch, int count) {
    float[] x = input;
    for (int i = 0; i < count; i++) {
      x = layers.get(i).forward(x, batch, false, null);
    }
    return x;
  }

  /**
   * Inference-mode output of hidden block {@code block} (its ±1 signs, HWC per sample): what the
   * folded model's corresponding layer (after its maxpool, if any) must produce bit for bit.
   */
  public float[] blockOutput(float[] input, int batch, int block) {
    return forwardEval(input, batch, layers.indexOf(blocks.get(block).sign()) + 1);
  }

  /** Inference-mode class scores, batch × classes (valid until the next call). */
  public float[] scores(float[] input, int batch) {
    return forwardEval(input, batch, layers.size());
  }

  /**
   * Sets every BatchNorm's population statistics to the exact mean and variance of its input
   * over {@code data}, in order (BatchNorm l is measured with those before it already fixed), so
   * the inference network, and the thresholds fold derives from it, belong to the final weights.
   */
  public void recomputeStatistics(ImageInputs data, int batchSize) {
    float[] input = new float[batchSize * inputShape.elements()];
    int[] order = identityOrder(data.count());
    for (int l = 0; l < layers.size(); l++) {
      if (!(layers.get(l) instanceof ChannelBatchNorm bn)) {
        continue;
      }
      int channels = bn.norm.channels;
      double[] sum = new double[channels];
      double[] sumSq = new double[channels];
      long rows = 0;
      for (int from = 0; from < data.count(); from += batchSize) {
        int size = Math.min(batchSize, data.count() - from);
        data.gather(order, from, size, input);
        float[] z = forwardEval(input, size, l);
        int n = size * bn.inputShape().height() * bn.inputShape().width();
        for (int r = 0; r < n; r++) {
          for (int c = 0; c < channels; c++) {
            double v = z[r * channels + c];
            sum[c] += v;
            sumSq[c] += v * v;
          }
        }
        rows += n;
      }
      double[] mean = new double[channels];
      double[] var = new double[channels];
      for (int c = 0; c < channels; c++) {
        mean[c] = sum[c] / rows;
        var[c] = Math.max(0, sumSq[c] / rows - mean[c] * mean[c]);
      }
      bn.norm.setPopulationStatistics(mean, var);
    }
  }

  /** Predicted classes in inference mode. */
  public int[] predict(ImageInputs data, int batchSize) {
    int[] predictions = new int[data.count()];
    float[] input = new float[batchSize * inputShape.elements()];
    int[] order = identityOrder(data.count());
    for (int from = 0; from < data.count(); from += batchSize) {
      int size = Math.min(batchSize, data.count() - from);
      data.gather(order, from, size, input);
      float[] s = scores(input, size);
      for (int b = 0; b < size; b++) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
          if (s[b * classes + c] > s[b * classes + best]) {
            best = c;
          }
        }
        predictions[from + b] = best;
      }
    }
    return predictions;
  }

  public static int[] identityOrder(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }
}
