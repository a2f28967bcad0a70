package io.onebit.trainer.net;

import io.onebit.model.TensorShape;
import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.optim.Param;
import io.onebit.trainer.profile.TrainingProfile;
import io.onebit.trainer.quant.Quantizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The one training model of every architecture: a sequence of {@link Layer}s in BinaryNet's form,
 *
 * <pre>
 *   input → [ [flatten] → binary dense|conv → [max-pool]* → BatchNorm → sign ]* → [flatten] → binary dense → BatchNorm → scores
 * </pre>
 *
 * built by {@link NetworkBuilder} from an architecture file. Fully connected networks (tfc, sfc,
 * lfc) and CNNs are the same kind of object; a binary layer whose input is binary uses XOR +
 * popcount in the forward, the others the float GEMM. Training methods are strategies over this
 * model ({@code io.onebit.trainer.method}); fold reads it ({@code io.onebit.trainer.fold}).
 */
public final class Network {
  private final TensorShape inputShape;
  private final InputEncoding encoding;
  private final int classes;
  private final List<Layer> layers;
  /** Index of the first layer with parameters: the backward stops there (see {@link #backward}). */
  private final int firstTrained;
  private float[] dScoresBuffer = new float[0];
  private TrainingProfile profile = TrainingProfile.off();

  Network(TensorShape inputShape, InputEncoding encoding, int classes, List<Layer> layers) {
    this.inputShape = inputShape;
    this.encoding = encoding;
    this.classes = classes;
    this.layers = List.copyOf(layers);
    int first = 0;
    while (first < this.layers.size() - 1 && this.layers.get(first).params().isEmpty()) {
      first++;
    }
    this.firstTrained = first;
  }

  /** Times every layer's training forward and backward into {@code profile} from now on. */
  public void setProfile(TrainingProfile profile) {
    this.profile = profile;
    List<String> names = new ArrayList<>();
    for (Layer l : layers) {
      names.add(describe(l));
    }
    profile.layers(names);
  }

  /** A layer's kind and shapes, e.g. "conv 28x28x1 -> 28x28x32". */
  public static String describe(Layer l) {
    String kind = l.accept(new LayerVisitor<>() {
      @Override
      public String dense(Dense layer) {
        return "dense";
      }

      @Override
      public String conv(Conv2d layer) {
        return "conv " + layer.geometry.kernelHeight() + "x" + layer.geometry.kernelWidth();
      }

      @Override
      public String maxPool(MaxPool2d layer) {
        return "maxpool";
      }

      @Override
      public String batchNorm(BatchNorm layer) {
        return "batchnorm";
      }

      @Override
      public String sign(Sign layer) {
        return "sign";
      }

      @Override
      public String flatten(Flatten layer) {
        return "flatten";
      }
    });
    return kind + " " + l.inputShape() + " -> " + l.outputShape();
  }

  public TensorShape inputShape() {
    return inputShape;
  }

  public InputEncoding encoding() {
    return encoding;
  }

  public int classes() {
    return classes;
  }

  public List<Layer> layers() {
    return layers;
  }

  /** The binary weight layers in order (the last is the output layer). */
  public List<WeightLayer> weightLayers() {
    List<WeightLayer> out = new ArrayList<>();
    for (Layer l : layers) {
      if (l instanceof WeightLayer w) {
        out.add(w);
      }
    }
    return out;
  }

  /** The BatchNorm layers in order (the last normalises the class scores). */
  public List<BatchNorm> batchNorms() {
    List<BatchNorm> out = new ArrayList<>();
    for (Layer l : layers) {
      if (l instanceof BatchNorm b) {
        out.add(b);
      }
    }
    return out;
  }

  /** Every trainable tensor, in layer order. */
  public List<Param> params() {
    List<Param> params = new ArrayList<>();
    for (Layer layer : layers) {
      params.addAll(layer.params());
    }
    return params;
  }

  /**
   * Forward through every layer; returns the class scores, batch × classes (the last layer's
   * buffer, valid until the next forward). {@code training}: batch statistics and training draws.
   */
  public float[] forward(Activations input, boolean training, Random random) {
    return forwardTo(input, layers.size(), training, random).values();
  }

  /**
   * Output of the first {@code count} layers (the input itself for 0). A convolution followed by a
   * max-pool, both within the count, runs as one pass a sample at a time
   * ({@link MaxPool2d#forwardAfter}: the same outputs, without the batch-sized convolution output;
   * the profile books it to the convolution); in training, a BatchNorm followed by ste-sign runs as
   * one pass per sample too ({@link Sign#forwardAfter}, booked to the BatchNorm).
   */
  public Activations forwardTo(Activations input, int count, boolean training, Random random) {
    Activations x = input;
    for (int i = 0; i < count; i++) {
      long t = training ? profile.start() : 0;
      Layer layer = layers.get(i);
      if (poolFusesAfter(i, count, x)) {
        x = ((MaxPool2d) layers.get(i + 1)).forwardAfter((Conv2d) layer, x, training);
        if (training) {
          profile.addForward(i, t);
        }
        i++;
        continue;
      }
      if (training && i + 1 < count && layer instanceof BatchNorm bn && layers.get(i + 1) instanceof Sign sign
          && sign.fusesAfter(bn)) {
        // BatchNorm and ste-sign in one pass per sample (booked to the BatchNorm)
        x = sign.forwardAfter(bn, x);
        profile.addForward(i, t);
        i++;
        continue;
      }
      x = layer.forward(x, training, random);
      if (training) {
        profile.addForward(i, t);
      }
    }
    return x;
  }

  /**
   * Whether layer i is a convolution whose max-pool follows it before layer {@code end} and the two
   * can run as one pass a sample at a time on {@code x} ({@link MaxPool2d#forwardAfter}).
   */
  private boolean poolFusesAfter(int i, int end, Activations x) {
    return i + 1 < end && layers.get(i) instanceof Conv2d conv && layers.get(i + 1) instanceof MaxPool2d
        && conv.samplewise(x);
  }

  /**
   * Backward after a training forward, from ∂L/∂scores (batch × classes; may be overwritten):
   * accumulates every parameter's gradient (callers zero them). Nothing below the first layer
   * with parameters needs a gradient, so that layer computes no ∂L/∂in and the parameter-free
   * layers before it (an MLP's flatten) are not visited: for lfc that skips a 100 × 1024 · 1024
   * × 784 product per batch whose result was thrown away.
   */
  public void backward(float[] dScores) {
    float[] d = dScores;
    for (int i = layers.size() - 1; i >= firstTrained; i--) {
      long t = profile.start();
      if (i - 1 >= firstTrained && layers.get(i) instanceof MaxPool2d pool
          && layers.get(i - 1) instanceof Conv2d conv) {
        // The convolution's backward straight from the pool's gradient (booked to the convolution).
        float[] dIn = conv.backwardThroughPool(pool, d, i - 1 > firstTrained);
        if (dIn != Conv2d.NOT_THROUGH_POOL) {
          d = dIn;
          profile.addBackward(i - 1, t);
          i--;
          continue;
        }
      }
      if (i - 1 >= firstTrained && layers.get(i) instanceof Sign sign && sign.fused()
          && layers.get(i - 1) instanceof BatchNorm bn) {
        d = sign.backwardAfter(bn, d);
        profile.addBackward(i - 1, t);
        i--;
        continue;
      }
      d = layers.get(i).backward(d, i > firstTrained);
      profile.addBackward(i, t);
    }
  }

  /**
   * {@link #backward} that sets every parameter's gradient to this batch's instead of adding to it,
   * so the caller need not zero them first: a weight layer's gradient product overwrites the
   * gradient (lfc: no pass zeroing 11.6 MB per step, and the product does not load it), the
   * other parameters (BatchNorm's, small) are zeroed here. The same bits as zeroing, then backward.
   */
  public void backwardSettingGradients(float[] dScores) {
    for (int i = firstTrained; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      if (layer instanceof WeightLayer w) {
        w.setGradientOnNextBackward();
      } else {
        for (Param p : layer.params()) {
          p.zeroGrad();
        }
      }
    }
    backward(dScores);
  }

  /** Index of the first layer with parameters: the lowest layer {@link #backward} visits, asked for no ∂L/∂in. */
  public int firstTrainedLayer() {
    return firstTrained;
  }

  /** A scratch buffer for ∂L/∂scores of {@code batch} samples. */
  public float[] scoreGradientBuffer(int batch) {
    if (dScoresBuffer.length < batch * classes) {
      dScoresBuffer = new float[batch * classes];
    }
    return dScoresBuffer;
  }

  /** Recomputes every weight layer's sign(W) (and caches) after W changed. */
  public void refreshWeights() {
    for (WeightLayer w : weightLayers()) {
      w.refresh();
    }
  }

  /** Forward with sign(W) (true, the deployed network) or with the real W (false). */
  public void setBinaryWeights(boolean binary) {
    for (WeightLayer w : weightLayers()) {
      w.setBinaryWeights(binary);
    }
  }

  /** One stochastic draw of every layer's binary weights for the next training step. */
  public void sampleWeights(Quantizer quantizer, Random random) {
    for (WeightLayer w : weightLayers()) {
      w.sampleSigns(quantizer, random);
    }
  }

  /**
   * Sets every BatchNorm's population statistics to the exact mean and variance of its input over
   * {@code data}, in order (BatchNorm l is measured with those before it already fixed), so the
   * inference network, and the thresholds fold derives from it, belong to the current weights.
   * Sums run in sample order in double, so the result does not depend on {@code batchSize}.
   *
   * <p>Each pass starts from the packed output of the last sign layer whose statistics are final
   * (kept for all samples, one bit per value), so every block is computed about twice instead of
   * once per later BatchNorm.
   */
  public void recomputeStatistics(EncodedInputs data, int batchSize) {
    Activations input = data.newBatch();
    int[] order = identity(data.count());
    int count = data.count();
    long[] source = null;
    int sourceLayer = 0;
    Activations sourceBatch = null;
    for (int l = 0; l < layers.size(); l++) {
      if (!(layers.get(l) instanceof BatchNorm bn)) {
        continue;
      }
      // the last sign before l whose BatchNorm is already set: the next pass may start after it
      int capture = -1;
      for (int j = sourceLayer; j < l; j++) {
        if (layers.get(j) instanceof Sign) {
          capture = j;
        }
      }
      long[] captured = null;
      int channels = bn.channels;
      double[] sum = new double[channels];
      double[] sumSq = new double[channels];
      long rows = 0;
      for (int from = 0; from < count; from += batchSize) {
        int size = Math.min(batchSize, count - from);
        Activations x;
        if (source == null) {
          data.gather(order, from, size, input);
          x = input;
        } else {
          sourceBatch.loadPacked(source, from, size);
          x = sourceBatch;
        }
        for (int i = sourceLayer; i < l; i++) {
          if (poolFusesAfter(i, l, x)) {
            x = ((MaxPool2d) layers.get(i + 1)).forwardAfter((Conv2d) layers.get(i), x, false);
            i++;
          } else {
            x = layers.get(i).forward(x, false, null);
          }
          if (i == capture) {
            if (captured == null) {
              captured = new long[count * x.longs()];
            }
            x.storePacked(captured, from);
          }
        }
        float[] z = x.values();
        int n = size * bn.inputShape().height() * bn.inputShape().width();
        // each channel's running sums over the rows in order, one core per block of channels
        Parallel.range(channels, 8, (cFrom, cTo) -> ChannelSums.addSumsAndSquares(z, n, channels, cFrom, cTo, sum,
            sumSq));
        rows += n;
      }
      double[] mean = new double[channels];
      double[] var = new double[channels];
      for (int c = 0; c < channels; c++) {
        mean[c] = sum[c] / rows;
        var[c] = Math.max(0, sumSq[c] / rows - mean[c] * mean[c]);
      }
      bn.setPopulationStatistics(mean, var);
      if (captured != null) {
        source = captured;
        sourceLayer = capture + 1;
        sourceBatch = new Activations(layers.get(capture).outputShape());
      }
    }
  }

  /** Predicted classes of the inference network (argmax, ties to the smaller class). */
  public int[] predict(EncodedInputs data, int batchSize) {
    int[] predictions = new int[data.count()];
    Activations input = data.newBatch();
    int[] order = identity(data.count());
    for (int from = 0; from < data.count(); from += batchSize) {
      int size = Math.min(batchSize, data.count() - from);
      data.gather(order, from, size, input);
      float[] s = forward(input, false, null);
      for (int b = 0; b < size; b++) {
        predictions[from + b] = argmax(s, b * classes, classes);
      }
    }
    return predictions;
  }

  /** Index of the largest of n values at {@code offset}, the first of equal ones. */
  public static int argmax(float[] values, int offset, int n) {
    int best = 0;
    for (int c = 1; c < n; c++) {
      if (values[offset + c] > values[offset + best]) {
        best = c;
      }
    }
    return best;
  }

  /** 0, 1, …, n − 1. */
  public static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }
}
