package io.onebit.trainer.method.bernoulli;

import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.method.BatchStep;
import io.onebit.trainer.method.GradientStage;
import io.onebit.trainer.method.MethodContext;
import io.onebit.trainer.method.Stage;
import io.onebit.trainer.train.LearningRateSchedule;
import io.onebit.trainer.method.TrainingMethod;
import io.onebit.trainer.net.EncodedInputs;
import io.onebit.trainer.net.Network;
import io.onebit.trainer.optim.Optimizers;
import io.onebit.trainer.quant.PlainSign;
import io.onebit.trainer.quant.Quantizer;
import io.onebit.trainer.quant.SteSign;
import io.onebit.trainer.train.Trainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The probabilistic Bernoulli trainer (continuous approximation; Pavlyuchenkov 2023, after
 * expectation backpropagation and probabilistic BNNs): every binary weight is a Bernoulli
 * variable, p = P(w = +1) = σ(θ); each layer propagates the distribution of its outputs
 * ({@link BernoulliBlock}); training is gradient descent on the logits θ, with BatchNorm and a
 * temperature activation annealed to sign, the expectation output layer, a regulariser that
 * pulls p towards 0 and 1, and one of the study's binarisation schedules ({@link Binarization}).
 * What it leaves is an ordinary binary network: sign(θ) = sign(2p − 1) in every layer's latent
 * tensor, BatchNorm's γ and β (and for BatchNorms after max-pools the thresholds moved onto the
 * pooled values, {@link PoolThresholds}); the trainer recomputes BatchNorm statistics and fold
 * deploys it like any other.
 *
 * <p>Two stages ({@link #stages}): the probabilistic epochs, then the binarisation phase with a
 * fresh learning-rate schedule; the temperature, the regulariser's weight and the binarisation
 * follow the global step, which is part of the method's state ({@link BernoulliStep}), so a
 * resumed run continues bit for bit.
 */
public final class BernoulliMethod implements TrainingMethod {
  public static final String NAME = "bernoulli";

  public static final Hyperparameter<String> SUM = Hyperparameter.choice("bernoulli-sum", "sum approximation",
      SumApproximation.NORMAL.id(), SumApproximation::ids,
      "bernoulli: distribution of a unit's pre-activation: exact (Poisson binomial, O(fan-in^2)), normal (O(fan-in)),"
          + " edgeworth (normal + third cumulant); an 8-bit first layer always uses normal or edgeworth");
  public static final Hyperparameter<String> GRADIENT = Hyperparameter.choice("bernoulli-grad", "gradient rule",
      "exact", () -> List.of("exact", "central3", "central5"),
      "bernoulli with --bernoulli-sum exact: per-weight gradient from the banded system solved exactly, or from its"
          + " 3 or 5 central equations");
  public static final Hyperparameter<String> ACTIVATION = Hyperparameter.choice("bernoulli-activation",
      "hidden activation", HiddenActivation.SAMPLE_WHILE_BINARIZING.id(), HiddenActivation::ids,
      "bernoulli: what a hidden layer passes on in training: the expectation 2a-1 of its bit (the study), a +-1"
          + " draw with P(+1) = a (gradient of the expectation), or draws only in the binarisation phase");
  public static final Hyperparameter<Float> TEMPERATURE_START = Hyperparameter.real("temperature-start", 0.1f,
      Hyperparameter.positive(), "bernoulli: temperature T of the activation sigmoid(x/(T+1e-4)) at the first step");
  public static final Hyperparameter<Float> TEMPERATURE_END = Hyperparameter.real("temperature-end", 1e-3f,
      Hyperparameter.atLeast(0), "bernoulli: temperature at the last step (towards 0: the activation becomes sign)");
  public static final Hyperparameter<String> TEMPERATURE_SCHEDULE = Hyperparameter.choice("temperature-schedule",
      "temperature schedule", Anneal.EXPONENTIAL.id(), Anneal::ids,
      "bernoulli: how T goes from --temperature-start to --temperature-end over the steps");
  public static final Hyperparameter<String> BINARIZE = Hyperparameter.choice("binarize", "binarisation schedule",
      Binarization.LAYERWISE.id(), Binarization::ids,
      "bernoulli: all weights at once, layer by layer, a growing fraction of each layer's most certain weights, or"
          + " the expectation network's signs handed to straight-through training (ste: latent weights 2p-1, then"
          + " BinaryNet's updates)");
  public static final Hyperparameter<Float> BINARIZE_FROM = Hyperparameter.real("binarize-from", null,
      Hyperparameter.closed(0, 1),
      "bernoulli: share of the epochs before the binarisation phase, at least one epoch when > 0 (default: all 1,"
          + " layerwise 0.1, fraction 0.5, ste 0.25)");
  public static final Hyperparameter<Float> REG_WEIGHT = Hyperparameter.real("bernoulli-reg-weight", 1e-7f,
      Hyperparameter.atLeast(0), "bernoulli: weight of the regulariser sum of 4p(1-p) over the weights (towards p = 0"
          + " or 1, like a weight decay)");
  public static final Hyperparameter<Float> REG_WEIGHT_END = Hyperparameter.real("bernoulli-reg-weight-end", 1e-3f,
      Hyperparameter.atLeast(0), "bernoulli: the regulariser's weight at the last step (scheduled weights)");
  public static final Hyperparameter<String> REG_SCHEDULE = Hyperparameter.choice("bernoulli-reg-schedule",
      "regulariser schedule", Anneal.EXPONENTIAL.id(), BernoulliMethod::regularizerSchedules,
      "bernoulli: the regulariser's weight: constant, scheduled to --bernoulli-reg-weight-end, or learned"
          + " (weight e^rho trained on loss + e^rho R - w0 N rho: it settles at w0/mean(R) and grows as p decide)");
  public static final Hyperparameter<Float> INIT = Hyperparameter.real("bernoulli-init", 1f,
      Hyperparameter.closed(0, 20), "bernoulli: initial logits uniform in +-this (0: every p = 1/2)");
  public static final Hyperparameter<Float> LOGIT_CLIP = Hyperparameter.real("bernoulli-logit-clip", 6f,
      Hyperparameter.openClosed(0, 30), "bernoulli: logits are clipped to +-this (p in [sigmoid(-c), sigmoid(c)])");
  public static final Hyperparameter<Float> LR_SCALE = Hyperparameter.real("bernoulli-lr-scale", 10f,
      Hyperparameter.positive(), "bernoulli: learning-rate multiplier of the logits (BatchNorm keeps --lr)");
  public static final Hyperparameter<Float> BINARIZE_LR_SCALE = Hyperparameter.real("bernoulli-binarize-lr-scale", 1f,
      Hyperparameter.positive(), "bernoulli: multiplies the binarisation stage's learning rates (the stage restarts"
          + " the schedule; below 1 it restarts lower, so the layers not yet fixed keep what the probabilistic"
          + " epochs learned)");
  public static final Hyperparameter<Float> PROBABILISTIC_LR_END = Hyperparameter.real(
      "bernoulli-probabilistic-lr-end", null, Hyperparameter.positive(),
      "bernoulli: learning rate of the last probabilistic epoch: that stage's schedule goes from --lr to this rate"
          + " instead of --lr-end, so a long probabilistic phase keeps a rate that moves the logits (default:"
          + " --lr-end)");

  public static final Hyperparameter<String> REG_SPAN = Hyperparameter.choice("bernoulli-reg-span",
      "regulariser span", RegularizerSpan.RUN.id(), RegularizerSpan::ids,
      "bernoulli: the steps a scheduled regulariser weight spans: the whole run, or the probabilistic epochs only"
          + " (it reaches --bernoulli-reg-weight-end when the binarisation phase starts and stays there, so the"
          + " weights are decided before they are signed)");
  public static final Hyperparameter<Float> SAMPLE_FROM = Hyperparameter.real("bernoulli-sample-from", null,
      Hyperparameter.closed(0, 1),
      "bernoulli with --bernoulli-activation binarization-sample: share of the epochs after which hidden bits are"
          + " drawn in training, e.g. the last probabilistic epochs too (default: --binarize-from, the binarisation"
          + " phase)");

  /** The method's hyperparameters, in help order. */
  public static final List<Hyperparameter<?>> HYPERPARAMETERS = List.of(SUM, GRADIENT, ACTIVATION, TEMPERATURE_START,
      TEMPERATURE_END, TEMPERATURE_SCHEDULE, BINARIZE, BINARIZE_FROM, REG_WEIGHT, REG_WEIGHT_END, REG_SCHEDULE,
      REG_SPAN, INIT, LOGIT_CLIP, LR_SCALE, BINARIZE_LR_SCALE, PROBABILISTIC_LR_END, SAMPLE_FROM);

  private static final String LEARNED = "learned";
  private static final String PROBABILISTIC = "probabilistic";
  private static final String BINARIZATION = "binarization";
  private static final String STRAIGHT_THROUGH = "straight-through";

  /** The settings of one run, checked. */
  record Config(SumApproximation sum, PoissonBinomial.Rule rule, HiddenActivation activation, long seed,
      double temperatureStart, double temperatureEnd, Anneal temperature, Binarization binarization,
      float binarizeFrom, double regStart, double regEnd, Anneal regSchedule, boolean regLearned,
      RegularizerSpan regSpan, float init, float clip, float lrScale, float binarizeLrScale,
      LearningRateSchedule probabilisticSchedule, float sampleFrom) {
    double temperatureAt(double t) {
      return temperature.at(temperatureStart, temperatureEnd, t);
    }

    /**
     * The scheduled regulariser weight at global step {@code step} of a run of {@code epochs}
     * epochs of {@code batches} steps: the schedule's position runs over the steps of the span
     * ({@link RegularizerSpan}) and stays at 1 after them.
     */
    double regularizerAt(long step, long batches, int epochs) {
      long steps = batches * regSpan.epochs(Binarization.firstEpoch(binarizeFrom, epochs), epochs);
      return regSchedule.at(regStart, regEnd, position(step, steps));
    }

    /** The first epoch (0-based) whose hidden bits are drawn when the activation draws late. */
    int firstDrawnEpoch(int epochs) {
      return Binarization.firstEpoch(Float.isNaN(sampleFrom) ? binarizeFrom : sampleFrom, epochs);
    }

    BernoulliNetwork.Options options() {
      return new BernoulliNetwork.Options(sum, rule, init, clip, lrScale);
    }
  }

  /** Position t = step/(steps − 1) ∈ [0, 1] of a schedule over {@code steps} steps, 1 after them. */
  static double position(long step, long steps) {
    return steps <= 1 ? 1 : Math.min(1, step / (double) (steps - 1));
  }

  private final Config config;
  private int epochs;
  private BernoulliStep current;
  /** Whether this run's straight-through stage ({@code --binarize ste}) has begun: the logits are history. */
  private boolean handedOver;
  private EncodedInputs statistics;

  BernoulliMethod(Config config) {
    this.config = config;
  }

  static List<String> regularizerSchedules() {
    List<String> ids = new java.util.ArrayList<>(Anneal.ids());
    ids.add(LEARNED);
    return ids;
  }

  /** Reads and cross-checks the settings; every refusal is one line naming the options. */
  public static BernoulliMethod of(Settings s) {
    if (!Optimizers.REGISTRY.create(s).hasLatentWeights()) {
      throw new IllegalArgumentException("bernoulli trains logits, real latent values: use --optimizer adam, sgd,"
          + " adamax or shift-adamax, not bop");
    }
    SumApproximation sum = SumApproximation.of(s.get(SUM));
    if (sum != SumApproximation.EXACT && s.isSet(GRADIENT)) {
      throw new IllegalArgumentException(GRADIENT.option() + " applies to " + SUM.option() + " exact (the "
          + sum.id() + " sum has its gradient in closed form)");
    }
    PoissonBinomial.Rule rule = PoissonBinomial.Rule.valueOf(s.get(GRADIENT).toUpperCase(java.util.Locale.ROOT));
    Anneal temperature = Anneal.of(s.get(TEMPERATURE_SCHEDULE));
    double t0 = s.get(TEMPERATURE_START);
    double t1 = s.get(TEMPERATURE_END);
    if (temperature == Anneal.EXPONENTIAL && t1 <= 0) {
      throw new IllegalArgumentException(TEMPERATURE_END.option() + " must be > 0 for an exponential "
          + TEMPERATURE_SCHEDULE.option() + " (use linear or cosine to reach 0)");
    }
    if (temperature == Anneal.CONSTANT && s.isSet(TEMPERATURE_END)) {
      throw new IllegalArgumentException(TEMPERATURE_END.option() + " has no effect with a constant "
          + TEMPERATURE_SCHEDULE.option());
    }
    Binarization binarization = Binarization.of(s.get(BINARIZE));
    Float from = s.get(BINARIZE_FROM);
    float binarizeFrom = from == null ? binarization.defaultFrom() : from;
    if (binarization == Binarization.STE && (binarizeFrom <= 0 || binarizeFrom >= 1)) {
      throw new IllegalArgumentException(BINARIZE.option() + " ste needs probabilistic epochs and straight-through"
          + " epochs: " + BINARIZE_FROM.option() + " strictly between 0 and 1, not " + binarizeFrom);
    }
    // A stage's own rate option where the stage never comes has no effect: refused, as the others are.
    String fromText = BINARIZE_FROM.option() + " " + (from == null ? binarization.defaultFrom() + " (the default of "
        + BINARIZE.option() + " " + s.get(BINARIZE) + ")" : from);
    if (binarizeFrom == 1 && s.isSet(BINARIZE_LR_SCALE)) {
      throw new IllegalArgumentException(BINARIZE_LR_SCALE.option() + " has no effect with " + fromText
          + ": there is no binarisation phase (fold signs the weights after the last epoch)");
    }
    if (binarizeFrom == 0 && s.isSet(PROBABILISTIC_LR_END)) {
      throw new IllegalArgumentException(PROBABILISTIC_LR_END.option() + " has no effect with " + fromText
          + ": there are no probabilistic epochs");
    }
    String reg = s.get(REG_SCHEDULE);
    boolean learned = reg.equals(LEARNED);
    Anneal regSchedule = learned ? Anneal.CONSTANT : Anneal.of(reg);
    double w0 = s.get(REG_WEIGHT);
    if ((learned || regSchedule == Anneal.CONSTANT) && s.isSet(REG_WEIGHT_END)) {
      throw new IllegalArgumentException(REG_WEIGHT_END.option() + " needs a scheduled " + REG_SCHEDULE.option()
          + " (linear, exponential or cosine), not " + reg);
    }
    if (learned && w0 <= 0) {
      throw new IllegalArgumentException(REG_SCHEDULE.option() + " learned needs " + REG_WEIGHT.option() + " > 0");
    }
    double w1 = learned || regSchedule == Anneal.CONSTANT ? w0 : s.get(REG_WEIGHT_END);
    if (regSchedule == Anneal.EXPONENTIAL && (w0 <= 0 || w1 <= 0)) {
      throw new IllegalArgumentException("an exponential " + REG_SCHEDULE.option() + " needs weights > 0");
    }
    RegularizerSpan span = RegularizerSpan.of(s.get(REG_SPAN));
    if (span == RegularizerSpan.PROBABILISTIC) {
      if (learned || regSchedule == Anneal.CONSTANT) {
        throw new IllegalArgumentException(REG_SPAN.option() + " probabilistic needs a scheduled "
            + REG_SCHEDULE.option() + " (linear, exponential or cosine), not " + reg);
      }
      if (binarizeFrom == 0) {
        throw new IllegalArgumentException(REG_SPAN.option() + " probabilistic needs probabilistic epochs ("
            + BINARIZE_FROM.option() + " > 0)");
      }
    }
    HiddenActivation activation = HiddenActivation.of(s.get(ACTIVATION));
    if (s.isSet(SAMPLE_FROM) && activation != HiddenActivation.SAMPLE_WHILE_BINARIZING) {
      throw new IllegalArgumentException(SAMPLE_FROM.option() + " applies to " + ACTIVATION.option() + " "
          + HiddenActivation.SAMPLE_WHILE_BINARIZING.id() + ", not " + activation.id());
    }
    Float sampleFrom = s.get(SAMPLE_FROM);
    LearningRateSchedule probabilistic = null;
    if (s.isSet(PROBABILISTIC_LR_END)) {
      var shape = LearningRateSchedule.REGISTRY.selected(s);
      if (!shape.hyperparameters().contains(LearningRateSchedule.LR_END)) {
        throw new IllegalArgumentException(PROBABILISTIC_LR_END.option() + " has no effect with "
            + LearningRateSchedule.REGISTRY.selector().option() + " " + shape.name() + ", which has no end rate");
      }
      // The run's schedule shape (--lr-schedule, --lr) with this stage's own end rate.
      probabilistic = LearningRateSchedule.REGISTRY.create(
          s.with(LearningRateSchedule.LR_END, s.get(PROBABILISTIC_LR_END)));
    }
    return new BernoulliMethod(new Config(sum, rule, activation, s.get(Trainer.SEED), t0, t1, temperature,
        binarization, binarizeFrom, w0, w1, regSchedule, learned, span, s.get(INIT), s.get(LOGIT_CLIP),
        s.get(LR_SCALE), s.get(BINARIZE_LR_SCALE), probabilistic, sampleFrom == null ? Float.NaN : sampleFrom));
  }

  Config config() {
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The network's sign layers serve evaluation and fold while the Bernoulli forward trains: the
   * plain sign. With {@code --binarize ste} they also train the last stage: BinaryNet's
   * straight-through sign with the hard-tanh cancel at 1.
   */
  @Override
  public Quantizer activationQuantizer() {
    return config.binarization() == Binarization.STE ? new SteSign(SteSign.CLIP.defaultValue()) : new PlainSign();
  }

  /**
   * Up to two stages: "probabilistic" (the epochs before the binarisation phase) and
   * "binarization" (the phase itself). Like every stage, the second restarts the learning-rate
   * schedule and the optimizer, so the weights still training can adapt to the binarised ones at a
   * learning rate that still moves them; the network, the logits and the global step (temperature,
   * regulariser) carry over.
   */
  @Override
  public List<Stage> stages(int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("bernoulli needs at least 1 epoch, got " + epochs);
    }
    this.epochs = epochs;
    int first = Binarization.firstEpoch(config.binarizeFrom(), epochs);
    List<Stage> stages = new java.util.ArrayList<>();
    if (first > 0) {
      stages.add(stage(PROBABILISTIC, first, context -> bernoulliStep(context, 0)));
    }
    if (first < epochs) {
      int index = stages.size();
      stages.add(config.binarization() == Binarization.STE
          ? stage(STRAIGHT_THROUGH, epochs - first, straightThrough(epochs - first))
          : stage(BINARIZATION, epochs - first, context -> bernoulliStep(context, index)));
    }
    if (config.binarization() == Binarization.STE && stages.size() < 2) {
      throw new IllegalArgumentException(BINARIZE.option() + " ste needs a probabilistic and a straight-through"
          + " epoch: " + epochs + " epochs with " + BINARIZE_FROM.option() + " " + config.binarizeFrom()
          + " leave " + (first == 0 ? "no probabilistic" : "no straight-through") + " epoch");
    }
    return stages;
  }

  /** The Bernoulli update for stage {@code index}: created by the first stage, continued with a fresh optimizer. */
  private BatchStep bernoulliStep(MethodContext context, int index) {
    if (current == null) {
      current = new BernoulliStep(config, epochs, context, index);
    } else {
      current.restartOptimizer(index);
    }
    return current;
  }

  /**
   * The update of {@code --binarize ste}'s last stage: BinaryNet's ({@link GradientStage}, sign(W),
   * no weight decay) on latent weights that start at E[w] = 2p − 1 of the probabilistic epochs. A
   * run resumed inside this stage has its latent weights from the checkpoint already (no logits to
   * hand over).
   */
  private java.util.function.Function<MethodContext, BatchStep> straightThrough(int count) {
    GradientStage ste = new GradientStage(STRAIGHT_THROUGH, count, true, 0f, new PlainSign());
    return context -> {
      if (current != null && !handedOver) {
        current.handOverToStraightThrough();
      }
      handedOver = true;
      return new StraightThroughStep(ste.begin(context), context.network());
    };
  }

  /**
   * A stage of this method: the probabilistic one follows its own schedule when
   * {@code --bernoulli-probabilistic-lr-end} gives one; the binarisation phase (or the
   * straight-through stage) has its rates scaled by {@code --bernoulli-binarize-lr-scale}.
   */
  private Stage stage(String name, int count, java.util.function.Function<MethodContext, BatchStep> begin) {
    return new Stage() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int epochs() {
        return count;
      }

      @Override
      public float learningRate(LearningRateSchedule schedule, int epoch) {
        if (!name.equals(PROBABILISTIC)) {
          return schedule.at(epoch, count) * config.binarizeLrScale();
        }
        LearningRateSchedule own = config.probabilisticSchedule();
        return (own == null ? schedule : own).at(epoch, count);
      }

      @Override
      public BatchStep begin(MethodContext context) {
        return begin.apply(context);
      }
    };
  }

  /** Binarises every weight left, and moves thresholds of BatchNorms after pools onto the pooled values. */
  @Override
  public void finish(MethodContext context) {
    if (current == null || handedOver) {
      return; // a straight-through stage leaves sign(W) and BatchNorm as BinaryNet does
    }
    current.binarizeAll();
    if (PoolThresholds.needed(context.network())) {
      context.network().setBinaryWeights(true);
      PoolThresholds.apply(context.network(), context.train(), 100);
    }
  }

  /**
   * Test accuracy of the expectation network (the Bernoulli forward, running BatchNorm statistics,
   * current T) and of the binarised network (sign(θ), statistics of the binary network over the
   * trainer's statistics samples, thresholds moved after pools), mean |2p − 1| and the binarised
   * share per layer, T and the regulariser.
   */
  @Override
  public Map<String, Double> epochMetrics(MethodContext context) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (current == null || handedOver) {
      return out; // straight-through epochs: the run's test accuracy is the binary network's
    }
    Network network = context.network();
    byte[] labels = context.test().labels();
    out.put("expectation_accuracy", accuracy(current.predict(context.test()), labels));
    if (statistics == null) {
      statistics = context.train().head(context.settings().get(Trainer.STATISTICS_SAMPLES));
    }
    out.put("binarized_accuracy", accuracy(binarizedPredictions(network, context.test()), labels));
    out.putAll(current.figures());
    return out;
  }

  /** Predictions of the binary network as {@link #finish} would leave it now, without changing the training state. */
  private int[] binarizedPredictions(Network network, EncodedInputs test) {
    if (!PoolThresholds.needed(network)) {
      network.recomputeStatistics(statistics, 100);
      return network.predict(test, 100);
    }
    List<io.onebit.trainer.net.BatchNorm> norms = network.batchNorms();
    float[][] saved = new float[norms.size() * 3][];
    for (int i = 0; i < norms.size(); i++) {
      saved[3 * i] = norms.get(i).beta().value().clone();
      saved[3 * i + 1] = norms.get(i).populationMean().clone();
      saved[3 * i + 2] = norms.get(i).populationVar().clone();
    }
    PoolThresholds.apply(network, statistics, 100);
    int[] predictions = network.predict(test, 100);
    for (int i = 0; i < norms.size(); i++) {
      System.arraycopy(saved[3 * i], 0, norms.get(i).beta().value(), 0, saved[3 * i].length);
      System.arraycopy(saved[3 * i + 1], 0, norms.get(i).populationMean(), 0, saved[3 * i + 1].length);
      System.arraycopy(saved[3 * i + 2], 0, norms.get(i).populationVar(), 0, saved[3 * i + 2].length);
    }
    return predictions;
  }

  private static double accuracy(int[] predictions, byte[] labels) {
    int right = 0;
    for (int i = 0; i < predictions.length; i++) {
      right += predictions[i] == (labels[i] & 0xff) ? 1 : 0;
    }
    return predictions.length == 0 ? 0 : right / (double) predictions.length;
  }
}
