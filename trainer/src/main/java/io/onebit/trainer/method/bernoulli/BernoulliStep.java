package io.onebit.trainer.method.bernoulli;

import io.onebit.trainer.method.Batch;
import io.onebit.trainer.method.BatchStep;
import io.onebit.trainer.method.MethodContext;
import io.onebit.trainer.net.EncodedInputs;
import io.onebit.trainer.optim.Optimizer;
import io.onebit.trainer.optim.Optimizers;
import io.onebit.trainer.optim.Param;
import io.onebit.trainer.state.Stateful;
import io.onebit.trainer.state.TrainingState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One update of the Bernoulli network per batch:
 *
 * <pre>
 *   [epoch start: binarise what the schedule says] → T(t), λ(t) → forward (distributions) →
 *   loss on the expected scores + λ·Σ_layers mean(1 − (2p − 1)²) → backward → optimizer step
 *   on the logits (binarised ones pinned) and BatchNorm → sign(θ) refreshed
 * </pre>
 *
 * t = step/(steps − 1) over the whole run (the regulariser's weight over the probabilistic epochs
 * only with {@code --bernoulli-reg-span probabilistic}). The regulariser R = Σ_i (1 − (2p_i − 1)²) is summed over
 * all N weights (a weight decay towards 0/1). With a learned weight λ = e^ρ the loss gets
 * λ·R − λ₀·N·ρ, whose minimum over ρ is λ = λ₀/mean(R): λ₀ while every p = ½, growing as they decide. Its state for a checkpoint: the step, the
 * optimizer's moments, the logits, the binarised weights, the running BatchNorm statistics of the
 * expectation network and ρ.
 */
final class BernoulliStep implements BatchStep, Stateful {
  private static final String LOGITS = "logits.";
  private static final String FIXED = "fixed.";
  private static final String NEGATIVE = "negative.";
  private final BernoulliMethod.Config config;
  private final int epochs;
  private final MethodContext context;
  private final BernoulliNetwork net;
  private Optimizer optimizer;
  private int stage;
  private final List<Param> params;
  private final Param logWeight;
  private long step;
  private double temperature;
  private double regularizerWeight;
  private double regularizer;
  private final long weightCount;
  private final ActivationSampler sampler;

  /** @param stage the index of the stage that creates the step (its optimizer belongs to that stage) */
  BernoulliStep(BernoulliMethod.Config config, int epochs, MethodContext context, int stage) {
    this.stage = stage;
    this.config = config;
    this.epochs = epochs;
    this.context = context;
    context.network().setBinaryWeights(true);
    this.net = new BernoulliNetwork(context.network(), config.options());
    this.optimizer = Optimizers.forStage(context.optimizer(), 0f);
    List<Param> all = new ArrayList<>(net.params());
    if (config.regLearned()) {
      logWeight = Param.real("bernoulli.regularizer.log_weight", new float[] {(float) Math.log(config.regStart())});
      all.add(logWeight);
    } else {
      logWeight = null;
    }
    this.params = List.copyOf(all);
    long count = 0;
    for (BernoulliWeights w : net.weights()) {
      count += (long) w.fanIn * w.outputs;
    }
    this.weightCount = count;
    this.sampler = config.activation() != HiddenActivation.EXPECTATION ? new ActivationSampler(config.seed()) : null;
    this.temperature = config.temperatureAt(0);
    this.regularizerWeight = config.regStart();
    context.network().refreshWeights();
  }

  /** A fresh optimizer for stage {@code index}: the state of everything else carries over. */
  void restartOptimizer(int index) {
    stage = index;
    optimizer = Optimizers.forStage(context.optimizer(), 0f);
  }

  BernoulliNetwork network() {
    return net;
  }

  @Override
  public double step(Batch batch, float lr) {
    int n = batch.size();
    long batches = Math.max(1, context.train().count() / n);
    long total = batches * epochs;
    if (step % batches == 0 && step / batches < epochs) {
      config.binarization().startEpoch((int) (step / batches), epochs, config.binarizeFrom(), net.weights());
      net.refreshWeights();
    }
    temperature = config.temperatureAt(BernoulliMethod.position(step, total));
    regularizerWeight = logWeight != null ? Math.exp(logWeight.value()[0])
        : config.regularizerAt(step, batches, epochs);
    for (Param p : params) {
      p.zeroGrad();
    }
    boolean late = step / batches >= config.firstDrawnEpoch(epochs);
    float[] scores = net.forward(batch.input(), true, temperature,
        config.activation().draws(late) ? sampler : null, step);
    float[] dScores = net.scoreGradient(n);
    int classes = context.network().classes();
    double loss = context.loss().lossAndGradient(scores, n, classes, batch.labels(), batch.labelIndex(), dScores,
        batch.correct());
    net.backward(dScores);
    double r = 0;
    for (BernoulliWeights w : net.weights()) {
      r += w.regularize(regularizerWeight);
    }
    regularizer = r / weightCount;
    loss += n * regularizerWeight * r;
    if (logWeight != null) {
      // loss + e^ρ·R − λ₀·N·ρ: ∂/∂ρ = e^ρ·R − λ₀·N, zero at e^ρ = λ₀/mean(R); scaled by 1/N for the step
      logWeight.grad()[0] = (float) (regularizerWeight * regularizer - config.regStart());
      loss -= n * config.regStart() * weightCount * logWeight.value()[0];
    }
    for (BernoulliWeights w : net.weights()) {
      w.clearFixedGradients();
    }
    optimizer.step(params, lr);
    net.refreshWeights();
    context.network().refreshWeights();
    step++;
    return loss;
  }

  /** Binarises every weight left (the end of the run). */
  void binarizeAll() {
    Binarization.all(net.weights());
    net.refreshWeights();
    context.network().refreshWeights();
  }

  /** The expectation network's predictions at the current temperature. */
  int[] predict(EncodedInputs data) {
    return net.predict(data, 100, temperature);
  }

  /**
   * Ends the Bernoulli parametrisation for {@code --binarize ste}: every weight layer's latent
   * tensor becomes BinaryNet's clipped latent weights with the values E[w] = 2p − 1 = tanh(θ/2)
   * (±1 for binarised weights), so sign(W) = sign(θ) and the straight-through stage starts from the
   * expectation network's signs.
   */
  void handOverToStraightThrough() {
    for (BernoulliWeights w : net.weights()) {
      w.refresh();
      w.layer.setLatentWeights(w.mean.clone());
    }
  }

  /**
   * Whether {@code state} holds a Bernoulli step's state under {@code prefix}: a checkpoint
   * written as the probabilistic stage ended, before the straight-through stage began.
   */
  static boolean savedIn(TrainingState state, String prefix) {
    return state.has(prefix + LOGITS + 0);
  }

  /**
   * The hand-over of {@link #handOverToStraightThrough} from such a checkpoint, into the latent
   * tensors {@code layers} already have (a resumed run's network, rebuilt as BinaryNet's):
   * W = E[w] of the saved logits and binarised weights, block l's into weight layer l.
   */
  static void handOverFrom(TrainingState state, String prefix, List<io.onebit.trainer.net.WeightLayer> layers) {
    for (int l = 0; l < layers.size(); l++) {
      float[] w = layers.get(l).latent().value();
      float[] theta = state.floats(prefix + LOGITS + l);
      if (theta.length != w.length) {
        throw new IllegalStateException("the checkpoint's logits of block " + l + " do not fit this network");
      }
      BernoulliWeights.expectations(theta, state.longs(prefix + FIXED + l), state.longs(prefix + NEGATIVE + l), w);
      layers.get(l).refresh();
    }
  }

  /** T, λ, mean(R) and, per layer, mean |2p − 1| and the binarised share. */
  Map<String, Double> figures() {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("temperature", temperature);
    out.put("regularizer_weight", regularizerWeight);
    out.put("regularizer", regularizer);
    for (BernoulliWeights w : net.weights()) {
      String layer = w.layer.name();
      out.put("decided." + layer, w.decided());
      out.put("binarized." + layer, w.fixedCount() / (double) (w.fanIn * w.outputs));
    }
    return out;
  }

  @Override
  public void saveState(TrainingState state, String prefix) {
    state.putLong(prefix + "step", step);
    state.putLong(prefix + "stage", stage);
    optimizer.saveState(state, prefix + "optimizer.");
    List<BernoulliBlock> blocks = net.blocks();
    for (int l = 0; l < blocks.size(); l++) {
      BernoulliBlock b = blocks.get(l);
      state.putFloats(prefix + LOGITS + l, b.weights.logits.value());
      state.putLongs(prefix + FIXED + l, b.weights.fixed);
      state.putLongs(prefix + NEGATIVE + l, b.weights.negative);
      state.putFloats(prefix + "running_mean." + l, b.runningMean);
      state.putFloats(prefix + "running_var." + l, b.runningVar);
    }
    if (logWeight != null) {
      state.putFloats(prefix + "log_weight", logWeight.value());
    }
    state.putDouble(prefix + "temperature", temperature);
    state.putDouble(prefix + "regularizer_weight", regularizerWeight);
    state.putDouble(prefix + "regularizer", regularizer);
  }

  @Override
  public void restoreState(TrainingState state, String prefix) {
    step = state.getLong(prefix + "step");
    // a checkpoint written at the end of the previous stage holds that stage's optimizer: a new
    // stage starts a fresh one, as the uninterrupted run does
    if (state.getLong(prefix + "stage") == stage) {
      optimizer.restoreState(state, prefix + "optimizer.", params);
    }
    List<BernoulliBlock> blocks = net.blocks();
    for (int l = 0; l < blocks.size(); l++) {
      BernoulliBlock b = blocks.get(l);
      state.floatsInto(prefix + LOGITS + l, b.weights.logits.value());
      copy(state.longs(prefix + FIXED + l), b.weights.fixed);
      copy(state.longs(prefix + NEGATIVE + l), b.weights.negative);
      state.floatsInto(prefix + "running_mean." + l, b.runningMean);
      state.floatsInto(prefix + "running_var." + l, b.runningVar);
    }
    if (logWeight != null) {
      state.floatsInto(prefix + "log_weight", logWeight.value());
    }
    temperature = state.getDouble(prefix + "temperature");
    regularizerWeight = state.getDouble(prefix + "regularizer_weight");
    regularizer = state.getDouble(prefix + "regularizer");
    net.refreshWeights();
    context.network().refreshWeights();
  }

  private static void copy(long[] from, long[] to) {
    if (from.length != to.length) {
      throw new IllegalStateException("the checkpoint's binarised weights do not fit this network");
    }
    System.arraycopy(from, 0, to, 0, to.length);
  }
}
