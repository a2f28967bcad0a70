package io.onebit.trainer.quant;

import java.util.Random;

/**
 * BinaryNet's stochastic binarization (Courbariaux et al. 2016, eq. 2): during training the
 * binary value is drawn at random,
 *
 * <pre>
 *   training forward:  q(x) = +1 with probability p = hard_sigmoid(x) = clip((x + 1)/2, 0, 1), else −1
 *   inference forward: q(x) = sign(x), sign(0) = +1   (what fold deploys: E[q(x)] has the sign of x)
 *   backward:          ∂q/∂x = 1 if |x| ≤ 1, else 0    (straight-through, hard-tanh cancel)
 * </pre>
 *
 * The random draw exists only while training: evaluation, the BatchNorm statistics used by fold,
 * and fold itself use the deterministic sign, so the deployed network is the deterministic one.
 */
public record StochasticSign() implements Quantizer {
  public static final String NAME = "stochastic";

  /** hard_sigmoid(x) = clip((x + 1)/2, 0, 1), the probability of +1. */
  public static float hardSigmoid(float x) {
    return Math.max(0f, Math.min(1f, (x + 1f) * 0.5f));
  }

  @Override
  public float backward(float x) {
    return Math.abs(x) <= 1f ? 1f : 0f;
  }

  @Override
  public boolean stochastic() {
    return true;
  }

  /** +1 with probability hard_sigmoid(x): u ~ U[0, 1), +1 iff u &lt; p. */
  @Override
  public float sample(float x, Random random) {
    return random.nextFloat() < hardSigmoid(x) ? 1f : -1f;
  }

  @Override
  public String name() {
    return NAME;
  }
}
