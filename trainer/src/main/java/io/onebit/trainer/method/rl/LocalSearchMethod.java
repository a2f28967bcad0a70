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
 *   best:   every single flip's ΔR at once; make the K best improving ones (ΔR &gt; 0), at most one per
 *           neuron (flips of one neuron interact through the same samples), together
 *   first:  K flips drawn uniformly; each one that improves R on the batch is made at once and the
 *           batch's forward is updated incrementally before the next is scored (first improvement)
 * </pre>
 *
 * A flip that helps one batch may hurt the next; the run's record is what the deployed network
 * scores. No learning rate, no optimizer, no distribution: the greedy limit of the same
 * difference rewards {@link RlMethod} averages through its policy.
 */
public final class LocalSearchMethod extends GradientFreeMethod {
  public static final String NAME = "local-search";
  public static final Hyperparameter<String> SEARCH = Hyperparameter.choice("search", "search", "best",
      () -> List.of("best", "first"), "local-search: make the best improving flips of all (best) or the first"
          + " improving ones of random proposals (first)");
  public static final Hyperparameter<Integer> FLIPS = Hyperparameter.integer("flips", null,
      Hyperparameter.intRange(1, Integer.MAX_VALUE),
      "local-search: flips made per batch (best) or proposed per batch (first) (default: best 64, first 2000)");

  static List<Hyperparameter<?>> hyperparameters() {
    return List.of(GradientFreeSettings.REWARD, SEARCH, FLIPS);
  }

  /** The settings of one local-search run. */
  record Config(SampleReward reward, boolean best, int flips) {
    static Config of(Settings s) {
      GradientFreeSettings.refuseOptimizer(s, NAME);
      GradientFreeSettings.refuse(s, NAME, LearningRateSchedule.REGISTRY.hyperparameters(),
          "it makes whole flips, with no learning rate");
      boolean best = s.get(SEARCH).equals("best");
      Integer flips = s.get(FLIPS);
      return new Config(GradientFreeSettings.reward(s), best, flips != null ? flips : best ? 64 : 2000);
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
