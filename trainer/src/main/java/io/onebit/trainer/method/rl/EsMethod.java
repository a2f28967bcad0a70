package io.onebit.trainer.method.rl;

import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.method.MethodContext;
import io.onebit.trainer.method.rl.bitnet.SampleReward;
import java.util.List;

/**
 * The evolution-strategy baseline over the same distribution as {@link RlMethod}: independent
 * Bernoulli weights, updated by the natural gradient of the rank-shaped reward (information-
 * geometric optimisation, Ollivier et al. 2017, whose Bernoulli instance is PBIL, Baluja 1994;
 * the ranks' utilities are those of natural evolution strategies, Wierstra et al. 2014):
 *
 * <pre>
 *   per batch:  w¹..wᴺ ∼ p (antithetic pairs optional), R_k = R(w^k) with the mode's thresholds
 *               u_k = max(0, log(N/2 + 1) − log rank_k) / Σ_j max(0, log(N/2 + 1) − log j) − 1/N
 *               p_i ← p_i + lr · Σ_k u_k ([w^k_i = +1] − p_i)           (the natural gradient in θ = logit p)
 *               θ_i ← θ_i + lr · κ · θ_i                                 (entropy penalty, --entropy-penalty κ)
 * </pre>
 *
 * The rank utilities sum to 0, so a weight the reward does not tell about has E[Δp] = 0 but a
 * variance lr²·Σu²·p(1 − p) per generation: without the penalty p random-walks away from the
 * clip, and over thousands of generations the draws come to differ from the mode in more and more
 * weights (8 % after 14,400 generations in the first runs), the noise every candidate's reward
 * carries. The penalty is the natural gradient of −κ·H(p) (F⁻¹·∂(−H)/∂θ = θ): it pulls each
 * weight toward the side it is on, in proportion to how far it already is, and leaves p = ½ alone.
 *
 * Each candidate is a whole network through the bit-packed population evaluator; the learning
 * rate comes from the schedule (--lr, --lr-end, --lr-schedule); there is no optimizer. Every
 * weight's credit is the one ranked scalar reward of its network — no per-agent credit, which
 * is what this baseline shows the cost of.
 */
public final class EsMethod extends GradientFreeMethod {
  public static final String NAME = "es";
  static final int DEFAULT_POPULATION = 64;
  public static final Hyperparameter<Float> ENTROPY_PENALTY = Hyperparameter.real("entropy-penalty", 0.0005f,
      Hyperparameter.atLeast(0), "es: κ of the entropy penalty, each logit θ also moves lr·κ·θ per generation (the"
          + " natural gradient of -κ·H), which keeps the distribution from diffusing away from its mode");

  static List<Hyperparameter<?>> hyperparameters() {
    return List.of(GradientFreeSettings.REWARD, GradientFreeSettings.POPULATION, GradientFreeSettings.ANTITHETIC,
        GradientFreeSettings.INIT_LOGIT, GradientFreeSettings.LOGIT_CLIP, ENTROPY_PENALTY);
  }

  /** The settings of one es run. */
  record Config(SampleReward reward, int population, boolean antithetic, float initLogit, float logitClip,
      float entropyPenalty) {
    static Config of(Settings s) {
      GradientFreeSettings.refuseOptimizer(s, NAME);
      int population = GradientFreeSettings.population(s, DEFAULT_POPULATION);
      if (population < 2) {
        throw new IllegalArgumentException("--method es ranks networks: --population must be at least 2, got "
            + population);
      }
      if (s.get(GradientFreeSettings.INIT_LOGIT) > s.get(GradientFreeSettings.LOGIT_CLIP)) {
        throw new IllegalArgumentException("--init-logit " + s.get(GradientFreeSettings.INIT_LOGIT)
            + " is beyond --logit-clip " + s.get(GradientFreeSettings.LOGIT_CLIP));
      }
      return new Config(GradientFreeSettings.reward(s), population, s.get(GradientFreeSettings.ANTITHETIC),
          s.get(GradientFreeSettings.INIT_LOGIT), s.get(GradientFreeSettings.LOGIT_CLIP), s.get(ENTROPY_PENALTY));
    }
  }

  private final Config config;

  EsMethod(Config config) {
    super(NAME, "evolution");
    this.config = config;
  }

  @Override
  GradientFreeStep newStep(MethodContext context) {
    return new EsStep(context, config);
  }

  /**
   * NES utilities of ranks: {@code utilities[k]} for the k-th best (k from 0), summing to 0,
   * positive for the better half.
   */
  static double[] utilities(int n) {
    double[] u = new double[n];
    double total = 0;
    for (int k = 0; k < n; k++) {
      u[k] = Math.max(0, Math.log(n / 2.0 + 1) - Math.log(k + 1));
      total += u[k];
    }
    for (int k = 0; k < n; k++) {
      u[k] = u[k] / total - 1.0 / n;
    }
    return u;
  }
}
