package io.onebit.trainer.method.rl;

import io.onebit.trainer.method.Batch;
import io.onebit.trainer.method.BatchStep;
import io.onebit.trainer.method.MethodContext;
import io.onebit.trainer.method.rl.bitnet.BitEvaluator;
import io.onebit.trainer.method.rl.bitnet.BitNet;
import io.onebit.trainer.method.rl.bitnet.FlipEvaluator;
import io.onebit.trainer.net.BatchNorm;
import io.onebit.trainer.net.WeightLayer;
import io.onebit.trainer.profile.TrainingProfile;
import io.onebit.trainer.state.Stateful;
import io.onebit.trainer.state.TrainingState;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One round of {@link LocalSearchMethod} per batch. The network's latent tensors hold ±1 (a flip
 * negates the entry), so sign(W) is the searched network; its state is the epoch's tallies.
 */
final class LocalSearchStep implements GradientFreeStep {
  private final MethodContext context;
  private final LocalSearchMethod.Config config;
  private final List<WeightLayer> layers;
  private final BitNet shape;
  private final BitEvaluator evaluator;
  private final FlipEvaluator flips;
  private final EpochTally tally = new EpochTally("reward", "flips", "batch_gain");
  private Generation generation;
  private FlipEvaluator.Scratch scratch;
  private double[][] activationDeltas;
  private double[][] flipDeltas;
  private final FlipGainAverage gains;
  private int lastFlips;

  LocalSearchStep(MethodContext context, LocalSearchMethod.Config config) {
    this.context = context;
    this.config = config;
    this.layers = context.network().weightLayers();
    this.shape = BitNet.shapeOf(context.network());
    List<BatchNorm> norms = context.network().batchNorms();
    this.evaluator = new BitEvaluator(config.reward(), norms.get(norms.size() - 1).shiftBased());
    this.flips = new FlipEvaluator(config.reward());
    int[] rows = new int[shape.layers()];
    int[] columns = new int[shape.layers()];
    for (int l = 0; l < rows.length; l++) {
      rows[l] = shape.outputs(l);
      columns[l] = shape.inputs(l);
    }
    this.gains = config.best() ? new FlipGainAverage(config.gainDecay(), rows, columns) : null;
    context.network().setBinaryWeights(true);
    for (WeightLayer layer : layers) {
      float[] w = layer.latent().value();
      for (int k = 0; k < w.length; k++) {
        w[k] = w[k] < 0 ? -1f : 1f;
      }
      layer.refresh();
    }
  }

  @Override
  public double step(Batch batch, float lr) {
    if (generation == null) {
      int capacity = batch.labelIndex().length;
      generation = new Generation(evaluator, shape, capacity);
      scratch = new FlipEvaluator.Scratch(shape);
      activationDeltas = new double[shape.layers()][];
      flipDeltas = new double[shape.layers()][];
      for (int l = 0; l < shape.layers(); l++) {
        activationDeltas[l] = new double[capacity * shape.outputs(l)];
        flipDeltas[l] = new double[shape.outputs(l) * shape.inputs(l)];
      }
    }
    TrainingProfile profile = context.profile();
    long t = profile.start();
    generation.reference.readSigns(context.network());
    generation.begin(batch);
    profile.add(TrainingProfile.Phase.FORWARD, t);
    t = profile.start();
    double before = generation.referencePass.rewardSum();
    int correct = generation.referencePass.correct();
    double gain = config.best() ? best() : first();
    profile.add(TrainingProfile.Phase.METHOD, t);
    t = profile.start();
    for (WeightLayer layer : layers) {
      layer.refresh();
    }
    profile.add(TrainingProfile.Phase.WEIGHTS, t);
    tally.add(before / generation.batch, lastFlips, gain / generation.batch);
    batch.correct()[0] += correct;
    return -before;
  }

  /** The K flips of best averaged gain (at most one per neuron); returns their summed ΔR on this batch. */
  private double best() {
    BitNet net = generation.reference;
    flips.allFlips(net, generation.referencePass, activationDeltas, flipDeltas);
    gains.add(flipDeltas, generation.batch);
    double gain = 0;
    List<FlipGainAverage.Flip> chosen = gains.best(config.flips());
    for (FlipGainAverage.Flip f : chosen) {
      flipLatent(f.layer(), f.row(), f.column());
      gain += flipDeltas[f.layer()][f.row() * net.inputs(f.layer()) + f.column()];
      gains.made(f);
    }
    lastFlips = chosen.size();
    return gain;
  }

  /** K uniform proposals, each made when it improves the batch's reward; returns the summed ΔR. */
  private double first() {
    BitNet net = generation.reference;
    SplittableRandom draws = new SplittableRandom(context.random().nextLong());
    long weights = net.weights();
    double gain = 0;
    int made = 0;
    for (int k = 0; k < config.flips(); k++) {
      long w = draws.nextLong(weights);
      int l = 0;
      while (w >= (long) net.outputs(l) * net.inputs(l)) {
        w -= (long) net.outputs(l) * net.inputs(l);
        l++;
      }
      int j = (int) (w / net.inputs(l));
      int i = (int) (w % net.inputs(l));
      double delta = flips.flipDelta(net, generation.referencePass, l, j, i, scratch);
      if (delta > 0) {
        flips.applyFlip(net, generation.referencePass, l, j, i, scratch);
        flipLatent(l, j, i);
        gain += delta;
        made++;
      }
    }
    lastFlips = made;
    return gain;
  }

  private void flipLatent(int l, int j, int i) {
    float[] w = layers.get(l).latent().value();
    int k = j * shape.inputs(l) + i;
    w[k] = -w[k];
  }

  @Override
  public Map<String, Double> epochMetrics() {
    return tally.takeMeans();
  }

  @Override
  public void saveState(TrainingState state, String prefix) {
    tally.save(state, prefix);
    if (gains != null) {
      gains.save(state, prefix);
    }
  }

  @Override
  public void restoreState(TrainingState state, String prefix) {
    tally.restore(state, prefix);
    if (gains != null) {
      gains.restore(state, prefix);
    }
  }
}
