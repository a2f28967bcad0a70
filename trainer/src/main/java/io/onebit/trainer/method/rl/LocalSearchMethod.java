package io.onebit.trainer.method.rl;

import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.method.MethodContext;
import io.onebit.trainer.method.rl.bitnet.SampleReward;
import io.onebit.trainer.train.LearningRateSchedule;
import java.util.List;

/**
 * The local-search baseline: one deterministic binary network, improved by single weight flips
 * scored exactly on each batch by the incremental evaluator (thresholds from the network's own
 * batch statistics):
 *
 * <pre>
 *   best:   every single flip's ΔR at once, folded into a running average over batches
 *           (G ← λG + (1 − λ)ΔR/B, {@link FlipGainAverage}); make the K flips of largest G &gt; 0, at most
 *           one per neuron (flips of one neuron interact through the same samples), together, and
 *           negate a made flip's G (undoing it is estimated to lose what making it gained)
 *   first:  K flips drawn uniformly; each one that improves R on the batch is made at once and the
 *           batch's forward is updated incrementally before the next is scored (first improvement)
 * </pre>
 *
 * A flip that helps one batch may hurt the next: with λ = 0 (one batch's gains, the plain greedy rule)
 * the next batch undoes most of them and the search stalls; the average keeps the flips that help
 * across batches. No learning rate, no optimizer, no distribution: the greedy limit of the same
 * difference rewards {@link RlMethod} averages through its policy.
 */
public final class LocalSearchMethod extends GradientFreeMethod {
  public static final String NAME = "local-search";
  public static final Hyperparameter<String> SEARCH = Hyperparameter.choice("search", "search", "best",
      () -> List.of("best", "first"), "local-search: make the best improving flips of all (best) or the first"
          + " improving ones of random proposals (first)");
  public static final Hyperparameter<Integer> FLIPS = Hyperparameter.integer("flips", null,
      Hyperparameter.intRange(1, Integer.MAX_VALUE),
      "local-search: flips made per batch (best) or proposed per batch (first) (default: best 128, first 2000)");
  public static final Hyperparameter<Float> GAIN_DECAY = Hyperparameter.real("gain-decay", 0.998f,
      Hyperparameter.closedOpen(0f, 1f), "local-search (best): decay λ of each flip's running mean gain,"
          + " G <- λ G + (1 - λ) ΔR per sample, over about 1/(1 - λ) batches (0: the last batch's gains only)");

  static List<Hyperparameter<?>> hyperparameters() {
    return List.of(GradientFreeSettings.REWARD, SEARCH, FLIPS, GAIN_DECAY);
  }

  /** The settings of one local-search run. */
  record Config(SampleReward reward, boolean best, int flips, float gainDecay) {
    static Config of(Settings s) {
      GradientFreeSettings.refuseOptimizer(s, NAME);
      GradientFreeSettings.refuse(s, NAME, LearningRateSchedule.REGISTRY.hyperparameters(),
          "it makes whole flips, with no learning rate");
      boolean best = s.get(SEARCH).equals("best");
      if (!best && s.isSet(GAIN_DECAY)) {
        throw new IllegalArgumentException("--gain-decay does not apply to --search first: it makes each improving"
            + " proposal at once, on the batch's gain");
      }
      Integer flips = s.get(FLIPS);
      return new Config(GradientFreeSettings.reward(s), best, flips != null ? flips : best ? 128 : 2000,
          s.get(GAIN_DECAY));
    }
  }

  private final Config config;

  LocalSearchMethod(Config config) {
    super(NAME, "search");
    this.config = config;
  }

  @Override
  GradientFreeStep newStep(MethodContext context) {
    return new LocalSearchStep(context, config);
  }

}
