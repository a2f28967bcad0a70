package io.onebit.trainer.optim;

import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.state.TrainingState;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bop, the binary optimizer (Helwegen et al., NeurIPS 2019, "Latent weights do not exist"): no
 * latent weights, only binary weights and an exponential moving average of their gradients.
 *
 * <pre>
 *   m ← (1−γ)·m + γ·g
 *   w ← −w   if |m| &gt; τ and sign(m) = sign(w),   else w unchanged
 * </pre>
 *
 * γ is the adaptivity rate, τ the threshold. Bop has no learning rate; the learning-rate
 * schedule anneals γ instead, γ_t = γ·lr_t/lr_1 (lr_1: the rate of Bop's first step), as
 * Helwegen et al. decay γ during training (a constant γ keeps flipping at a constant rate).
 * Give Bop the binary weights only and route BatchNorm's real parameters to another optimizer
 * ({@link OptimizerRouter}). On its first step Bop replaces each latent value by its sign ±1, so
 * the weight's value is the weight.
 */
public final class Bop implements Optimizer {
  public static final String NAME = "bop";
  public static final Hyperparameter<Float> THRESHOLD = Hyperparameter.real("bop-threshold", 1e-7f,
      Hyperparameter.atLeast(0), "bop: flip threshold tau");
  public static final Hyperparameter<Float> GAMMA = Hyperparameter.real("bop-gamma", 1e-3f,
      Hyperparameter.openClosed(0, 1), "bop: adaptivity rate gamma (annealed with the learning-rate schedule)");

  /**
   * @param threshold τ ≥ 0
   * @param gamma γ ∈ (0, 1]
   */
  public record Params(float threshold, float gamma) {
    public Params {
      THRESHOLD.check(threshold, "bop threshold");
      GAMMA.check(gamma, "bop gamma");
    }
  }

  private final float threshold;
  private final float gamma;
  private final Map<Param, float[][]> momentum = new IdentityHashMap<>();
  private float firstLr;

  public Bop(Params params) {
    this.threshold = params.threshold();
    this.gamma = params.gamma();
  }

  @Override
  public void step(List<Param> params, float lr) {
    if (firstLr == 0f) {
      firstLr = lr > 0 ? lr : 1f;
    }
    float gamma = Math.min(1f, this.gamma * lr / firstLr);
    for (Param p : params) {
      if (!p.binary()) {
        throw new IllegalArgumentException("Bop updates binary weights only, got " + p.name());
      }
      float[] w = p.value();
      float[][] slot = momentum.get(p);
      if (slot == null) {
        slot = new float[][] {new float[p.size()]};
        momentum.put(p, slot);
        for (int i = 0; i < w.length; i++) {
          w[i] = w[i] >= 0f ? 1f : -1f;
        }
      }
      float[] m = slot[0];
      float[] g = p.grad();
      for (int i = 0; i < w.length; i++) {
        float mi = (1 - gamma) * m[i] + gamma * g[i];
        m[i] = mi;
        if (Math.abs(mi) > threshold && (mi > 0) == (w[i] > 0)) {
          w[i] = -w[i];
        }
      }
    }
  }

  @Override
  public void saveState(TrainingState state, String prefix) {
    state.putDouble(prefix + "first_lr", firstLr);
    ParamState.save(momentum, state, prefix);
  }

  @Override
  public void restoreState(TrainingState state, String prefix, List<Param> params) {
    firstLr = (float) state.getDouble(prefix + "first_lr");
    ParamState.restore(momentum, state, prefix, params, 1);
  }
}
