package io.onebit.trainer.optim;

import io.onebit.trainer.math.Parallel;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * BinaryNet's shift-based AdaMax (Courbariaux et al. 2016, Algorithm 4): AdaMax with every
 * multiplication by a step size or an inverse norm replaced by one with its power-of-two
 * approximation {@link Ap2}, so that on hardware each is a shift.
 *
 * <pre>
 *   g ← g + λ·w
 *   m ← β1·m + (1−β1)·g          u ← max(β2·u, |g|)
 *   w ← clip(w − AP2(lr·s/(1−β1ᵗ)) · m · AP2(1/(u + ε)), −c, c)
 * </pre>
 */
public final class ShiftAdaMax implements Optimizer {
  public static final String NAME = "shift-adamax";
  private final float beta1 = 0.9f;
  private final float beta2 = 0.999f;
  private final float epsilon = 1e-8f;
  private final float weightDecay;
  private final Map<Param, float[][]> state = new IdentityHashMap<>();
  private int t;

  public ShiftAdaMax(float weightDecay) {
    this.weightDecay = weightDecay;
  }

  @Override
  public void step(List<Param> params, float lr) {
    t++;
    float correction = (float) (1 / (1 - Math.pow(beta1, t)));
    for (Param p : params) {
      float[][] mu = state.computeIfAbsent(p, k -> new float[][] {new float[k.size()], new float[k.size()]});
      float step = Ap2.of(lr * p.lrScale() * correction);
      Parallel.range(p.size(), 4096, (from, to) -> {
        float[] w = p.value();
        float[] g = p.grad();
        float[] m = mu[0];
        float[] u = mu[1];
        float clip = p.clip();
        for (int i = from; i < to; i++) {
          float gi = g[i] + weightDecay * w[i];
          m[i] = beta1 * m[i] + (1 - beta1) * gi;
          u[i] = Math.max(beta2 * u[i], Math.abs(gi));
          w[i] = Math.max(-clip, Math.min(clip, w[i] - step * m[i] * Ap2.of(1 / (u[i] + epsilon))));
        }
      });
    }
  }
}
