package io.onebit.trainer.optim;

import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.state.TrainingState;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with (heavy-ball) momentum, the baseline AdamBNN compares Adam to.
 *
 * <pre>
 *   g ← g + λ·w
 *   v ← μ·v + g
 *   w ← clip(w − lr·s·v, −c, c)          (s: the parameter's lrScale, c: its clip)
 * </pre>
 */
public final class Sgd implements Optimizer {
  public static final String NAME = "sgd";
  public static final io.onebit.trainer.hyper.Hyperparameter<Float> MOMENTUM = io.onebit.trainer.hyper.Hyperparameter
      .real("momentum", 0.9f, io.onebit.trainer.hyper.Hyperparameter.closedOpen(0, 1), "sgd: momentum mu");
  private final float momentum;
  private final float weightDecay;
  private final Map<Param, float[][]> velocity = new IdentityHashMap<>();

  public Sgd(float momentum, float weightDecay) {
    MOMENTUM.check(momentum, "momentum");
    this.momentum = momentum;
    this.weightDecay = weightDecay;
  }

  @Override
  public void step(List<Param> params, float lr) {
    for (Param p : params) {
      float[] v = velocity.computeIfAbsent(p, k -> new float[][] {new float[k.size()]})[0];
      float step = lr * p.lrScale();
      Parallel.range(p.size(), 4096, (from, to) -> {
        float[] w = p.value();
        float[] g = p.grad();
        float clip = p.clip();
        for (int i = from; i < to; i++) {
          float vi = momentum * v[i] + g[i] + weightDecay * w[i];
          v[i] = vi;
          w[i] = Math.max(-clip, Math.min(clip, w[i] - step * vi));
        }
      });
    }
  }

  @Override
  public void saveState(TrainingState state, String prefix) {
    ParamState.save(velocity, state, prefix);
  }

  @Override
  public void restoreState(TrainingState state, String prefix, List<Param> params) {
    ParamState.restore(velocity, state, prefix, params, 1);
  }
}
