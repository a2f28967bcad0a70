package io.onebit.trainer.quant;

import io.onebit.trainer.hyper.Hyperparameter;

/**
 * Sign with the straight-through estimator and hard-tanh gradient cancelling (BinaryNet,
 * Courbariaux et al. 2016; Larq's {@code ste_sign}).
 *
 * <pre>
 *   forward:  q(x) = +1 if x ≥ 0, else −1
 *   backward: ∂q/∂x = 1 if |x| ≤ clip, else 0      (the derivative of hard-tanh for clip = 1)
 * </pre>
 *
 * Cancelling the gradient outside [−clip, clip] stops pushing activations that are already
 * saturated, which BinaryNet found necessary for good accuracy.
 *
 * @param clip the gradient-cancel bound, &gt; 0 (BinaryNet: 1)
 */
public record SteSign(float clip) implements Quantizer {
  public static final String NAME = "ste-sign";
  public static final Hyperparameter<Float> CLIP = Hyperparameter.real("ste-clip", 1f, Hyperparameter.positive(),
      "ste-sign: the gradient is cancelled where |x| > clip");

  public SteSign {
    CLIP.check(clip, "ste-sign clip");
  }

  @Override
  public float backward(float x) {
    return Math.abs(x) <= clip ? 1f : 0f;
  }

  @Override
  public String name() {
    return NAME;
  }
}
