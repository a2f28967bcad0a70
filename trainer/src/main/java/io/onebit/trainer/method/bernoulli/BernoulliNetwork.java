package io.onebit.trainer.method.bernoulli;

import io.onebit.trainer.net.Activations;
import io.onebit.trainer.net.BatchNorm;
import io.onebit.trainer.net.Conv2d;
import io.onebit.trainer.net.Dense;
import io.onebit.trainer.net.EncodedInputs;
import io.onebit.trainer.net.Flatten;
import io.onebit.trainer.net.InputEncoding;
import io.onebit.trainer.net.LayerVisitor;
import io.onebit.trainer.net.MaxPool2d;
import io.onebit.trainer.net.Network;
import io.onebit.trainer.net.Sign;
import io.onebit.trainer.net.WeightLayer;
import io.onebit.trainer.optim.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * The method's own forward over the layers of a {@link Network}: the same weight layers (their
 * latent tensors become Bernoulli logits), pools and BatchNorms, with each block's distribution
 * propagated instead of samples ({@link BernoulliBlock}). Built by visiting every layer kind, so
 * a new kind fails to compile here until it is handled.
 */
final class BernoulliNetwork {
  private final Network network;
  private final List<BernoulliBlock> blocks;
  private final List<BernoulliWeights> weights;
  private final List<Param> params;
  private float[] dScores = new float[0];

  /** How the blocks are made; see {@link BernoulliMethod}'s hyperparameters. */
  record Options(SumApproximation sum, PoissonBinomial.Rule rule, float init, float clip, float lrScale) {}

  BernoulliNetwork(Network network, Options options) {
    this.network = network;
    Builder builder = new Builder(network, options);
    for (var layer : network.layers()) {
      layer.accept(builder);
    }
    builder.close(true);
    this.blocks = List.copyOf(builder.blocks);
    List<BernoulliWeights> w = new ArrayList<>();
    List<Param> p = new ArrayList<>();
    for (BernoulliBlock b : blocks) {
      w.add(b.weights);
      p.add(b.weights.logits);
    }
    // Hidden BatchNorms train β only: their γ stays 1. The activation Φ(λ(γ·x̂ + β)/T) depends on γ/T,
    // so a learned γ could shrink as fast as T is annealed and keep the activation soft, while the
    // deployed sign(γ·x̂ + β) depends only on sign(γ) and β/γ; with γ = 1, T alone sets the sharpness.
    for (BernoulliBlock b : blocks) {
      if (b.isOutput()) {
        p.add(b.bn.gamma());
      }
      p.add(b.bn.beta());
    }
    this.weights = List.copyOf(w);
    this.params = List.copyOf(p);
  }

  /** Groups the layers into blocks: weight layer, its pools, BatchNorm, and sign (absent in the last). */
  private static final class Builder implements LayerVisitor<Void> {
    private final Options options;
    private final boolean bitplanes;
    private final List<BernoulliBlock> blocks = new ArrayList<>();
    private WeightLayer layer;
    private final List<MaxPool2d> pools = new ArrayList<>();
    private BatchNorm bn;

    Builder(Network network, Options options) {
      this.options = options;
      this.bitplanes = !(network.encoding() instanceof InputEncoding.Threshold);
    }

    private void open(WeightLayer w) {
      if (layer != null) {
        throw new IllegalStateException(w.name() + " follows " + layer.name() + " without BatchNorm and sign");
      }
      layer = w;
    }

    void close(boolean output) {
      if (layer == null) {
        return;
      }
      if (bn == null) {
        throw new IllegalStateException(layer.name() + " has no BatchNorm after it");
      }
      BernoulliWeights w = new BernoulliWeights(layer, options.init(), options.clip(), options.lrScale());
      blocks.add(new BernoulliBlock(w, pools, bn, output, bitplanes && blocks.isEmpty(), options.sum(),
          options.rule()));
      layer = null;
      bn = null;
      pools.clear();
    }

    @Override
    public Void dense(Dense d) {
      open(d);
      return null;
    }

    @Override
    public Void conv(Conv2d c) {
      open(c);
      return null;
    }

    @Override
    public Void maxPool(MaxPool2d p) {
      pools.add(p);
      return null;
    }

    @Override
    public Void batchNorm(BatchNorm b) {
      bn = b;
      return null;
    }

    @Override
    public Void sign(Sign s) {
      close(false);
      return null;
    }

    @Override
    public Void flatten(Flatten f) {
      return null;
    }
  }

  List<BernoulliBlock> blocks() {
    return blocks;
  }

  List<BernoulliWeights> weights() {
    return weights;
  }

  /** Logits of every layer, then every BatchNorm's β and the output BatchNorm's γ. */
  List<Param> params() {
    return params;
  }

  Network network() {
    return network;
  }

  /** Recomputes every layer's E[w] after θ or the binarised set changed. */
  void refreshWeights() {
    for (BernoulliWeights w : weights) {
      w.refresh();
    }
  }

  /** The expected class scores (batch × classes) at temperature T. */
  float[] forward(Activations input, boolean training, double temperature) {
    return forward(input, training, temperature, null, 0);
  }

  /**
   * The expected class scores; with a sampler, every hidden block's output bits are drawn from
   * their probabilities (for step {@code step}) before the next block sees them.
   */
  float[] forward(Activations input, boolean training, double temperature, ActivationSampler sampler, long step) {
    float[] x = input.values();
    int n = input.batch();
    for (int l = 0; l < blocks.size(); l++) {
      BernoulliBlock b = blocks.get(l);
      x = b.forward(x, n, training, temperature);
      if (sampler != null && !b.isOutput()) {
        sampler.draw(x, n * b.outElements(), step, l);
      }
    }
    return x;
  }

  /** A scratch buffer for ∂L/∂scores. */
  float[] scoreGradient(int batch) {
    int size = batch * network.classes();
    if (dScores.length < size) {
      dScores = new float[size];
    }
    return dScores;
  }

  /** Backward after a training forward, from ∂L/∂scores: accumulates the gradients of {@link #params}. */
  void backward(float[] dScores) {
    float[] d = dScores;
    for (int i = blocks.size() - 1; i >= 0; i--) {
      d = blocks.get(i).backward(d, i > 0);
    }
  }

  /** Argmax of the expected scores (running BatchNorm statistics, temperature T) on every sample of {@code data}. */
  int[] predict(EncodedInputs data, int batchSize, double temperature) {
    int[] predictions = new int[data.count()];
    Activations input = data.newBatch();
    int[] order = Network.identity(data.count());
    int classes = network.classes();
    for (int from = 0; from < data.count(); from += batchSize) {
      int size = Math.min(batchSize, data.count() - from);
      data.gather(order, from, size, input);
      float[] s = forward(input, false, temperature);
      for (int b = 0; b < size; b++) {
        predictions[from + b] = Network.argmax(s, b * classes, classes);
      }
    }
    return predictions;
  }
}
