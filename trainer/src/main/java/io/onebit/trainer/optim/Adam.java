package io.onebit.trainer.optim;

import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.state.TrainingState;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015), the optimizer AdamBNN (Liu et al., ICML 2021) found best for
 * binary networks: its per-weight normalisation by √v keeps latent weights near zero moving.
 *
 * <pre>
 *   g ← g + λ·w                   (L2 weight decay of this parameter group, λ = 0 by default)
 *   m ← β1·m + (1−β1)·g          v ← β2·v + (1−β2)·g²
 *   w ← w − lr·s·√(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε)      (s: the parameter's lrScale)
 *   w ← clip(w, −c, c)            (latent binary weights, BinaryNet: c = 1)
 * </pre>
 */
public final class Adam implements Optimizer {
  public static final String NAME = "adam";

  /**
   * The moment hyperparameters of Adam and AdaMax (Kingma and Ba's defaults: 0.9, 0.999, 1e-8).
   *
   * @param beta1 decay of the gradient average m, in [0, 1)
   * @param beta2 decay of the second moment v (AdaMax: of the infinity norm u), in [0, 1)
   * @param epsilon added to the denominator, &gt; 0
   */
  public record Moments(float beta1, float beta2, float epsilon) {
    public static final Moments DEFAULT = new Moments(0.9f, 0.999f, 1e-8f);
  }

  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final float weightDecay;
  private final Map<Param, float[][]> state = new IdentityHashMap<>();
  private int t;

  public Adam(Moments moments, float weightDecay) {
    this.beta1 = moments.beta1();
    this.beta2 = moments.beta2();
    this.epsilon = moments.epsilon();
    this.weightDecay = weightDecay;
  }

  @Override
  public void step(List<Param> params, float lr) {
    t++;
    float stepSize = (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
    for (Param p : params) {
      float[][] mv = state.computeIfAbsent(p, k -> new float[][] {new float[k.size()], new float[k.size()]});
      float step = stepSize * p.lrScale();
      Parallel.range(p.size(), 4096, (from, to) -> update(p, mv[0], mv[1], step, from, to));
    }
  }

  private void update(Param p, float[] m, float[] v, float stepSize, int from, int to) {
    float[] w = p.value();
    float[] g = p.grad();
    float clip = p.clip();
    float b1 = beta1;
    float b2 = beta2;
    float decay = weightDecay;
    for (int i = from; i < to; i++) {
      float gi = g[i] + decay * w[i];
      float mi = b1 * m[i] + (1 - b1) * gi;
      float vi = b2 * v[i] + (1 - b2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      float wi = w[i] - stepSize * mi / ((float) Math.sqrt(vi) + epsilon);
      w[i] = Math.max(-clip, Math.min(clip, wi));
    }
  }

  @Override
  public void saveState(TrainingState state, String prefix) {
    state.putLong(prefix + "t", t);
    ParamState.save(this.state, state, prefix);
  }

  @Override
  public void restoreState(TrainingState state, String prefix, List<Param> params) {
    t = (int) state.getLong(prefix + "t");
    ParamState.restore(this.state, state, prefix, params, 2);
  }
}
