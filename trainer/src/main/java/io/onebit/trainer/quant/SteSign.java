package io.onebit.trainer.quant;

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
 */
public final class SteSign implements Quantizer {
  public static final String NAME = "ste-sign";
  private final float clip;

  public SteSign(float clip) {
    if (!(clip > 0)) {
      throw new IllegalArgumentException("ste-sign clip must be positive, got " + clip);
    }
    this.clip = clip;
  }

  public SteSign() {
    this(1f);
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
