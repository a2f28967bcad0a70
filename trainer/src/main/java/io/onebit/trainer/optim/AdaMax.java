package io.onebit.trainer.optim;

import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.state.TrainingState;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdaMax, Adam's infinity-norm variant (Kingma and Ba, 2015, Algorithm 2), BinaryNet's optimizer
 * before it is made shift-based ({@link ShiftAdaMax}).
 *
 * <pre>
 *   g ← g + λ·w
 *   m ← β1·m + (1−β1)·g          u ← max(β2·u, |g|)
 *   w ← clip(w − lr·s/(1−β1ᵗ) · m/(u + ε), −c, c)
 * </pre>
 */
public class AdaMax implements Optimizer {
  public static final String NAME = "adamax";
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final float weightDecay;
  private final boolean powerOfTwo;
  private final Map<Param, float[][]> state = new IdentityHashMap<>();
  private int t;

  public AdaMax(Adam.Moments moments, float weightDecay) {
    this(moments, weightDecay, false);
  }

  /** @param powerOfTwo round the step size and each 1/(u + ε) to powers of two ({@link ShiftAdaMax}) */
  AdaMax(Adam.Moments moments, float weightDecay, boolean powerOfTwo) {
    this.beta1 = moments.beta1();
    this.beta2 = moments.beta2();
    this.epsilon = moments.epsilon();
    this.weightDecay = weightDecay;
    this.powerOfTwo = powerOfTwo;
  }

  @Override
  public void step(List<Param> params, float lr) {
    t++;
    float correction = (float) (1 / (1 - Math.pow(beta1, t)));
    for (Param p : params) {
      float[][] mu = state.computeIfAbsent(p, k -> new float[][] {new float[k.size()], new float[k.size()]});
      float exactStep = lr * p.lrScale() * correction;
      float step = powerOfTwo ? Ap2.of(exactStep) : exactStep;
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
          float inverseNorm = 1 / (u[i] + epsilon);
          if (powerOfTwo) {
            inverseNorm = Ap2.of(inverseNorm);
          }
          w[i] = Math.max(-clip, Math.min(clip, w[i] - step * m[i] * inverseNorm));
        }
      });
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
