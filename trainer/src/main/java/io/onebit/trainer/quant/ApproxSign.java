package io.onebit.trainer.quant;

/**
 * Sign with a piecewise-quadratic pseudo-gradient (Bi-Real Net, Liu et al. 2018; Larq's
 * {@code approx_sign}). The backward pass differentiates
 * F(x) = −1 (x &lt; −1), 2x + x² (−1 ≤ x &lt; 0), 2x − x² (0 ≤ x &lt; 1), +1 (x ≥ 1), a closer fit
 * to sign than hard-tanh.
 *
 * <pre>
 *   forward:  q(x) = +1 if x ≥ 0, else −1
 *   backward: ∂q/∂x = 2 − 2|x| if |x| ≤ 1, else 0
 * </pre>
 */
public record ApproxSign() implements Quantizer {
  public static final String NAME = "approx-sign";

  @Override
  public float backward(float x) {
    float a = Math.abs(x);
    return a <= 1f ? 2f - 2f * a : 0f;
  }

  @Override
  public String name() {
    return NAME;
  }
}
