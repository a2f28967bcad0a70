package io.onebit.trainer.quant;

import io.onebit.trainer.hyper.Hyperparameter;

/**
 * Sign with the derivative of the SignSwish function as pseudo-gradient (BNN+, Darabi et al.
 * 2018; Larq's {@code swish_sign}). SignSwish is SS_β(x) = 2σ(βx)(1 + βx(1 − σ(βx))) − 1, a
 * smooth approximation of sign whose sharpness grows with β.
 *
 * <pre>
 *   forward:  q(x) = +1 if x ≥ 0, else −1
 *   backward: ∂q/∂x = dSS_β/dx = β(2 − βx·tanh(βx/2)) / (1 + cosh(βx))
 * </pre>
 *
 * The closed form equals the derivative of SS_β (checked numerically in the tests); at x = 0 it
 * is β, and it is slightly negative for |x| beyond about 2.4/β.
 *
 * @param beta the sharpness, &gt; 0 (Larq's default: 5)
 */
public record SwishSign(float beta) implements Quantizer {
  public static final String NAME = "swish-sign";
  public static final Hyperparameter<Float> BETA = Hyperparameter.real("swish-beta", 5f, Hyperparameter.positive(),
      "swish-sign: sharpness beta of SignSwish");

  public SwishSign {
    BETA.check(beta, "swish-sign beta");
  }

  /** SS_β(x), the smooth function whose derivative is the backward pass. */
  public double signSwish(double x) {
    double s = 1 / (1 + Math.exp(-beta * x));
    return 2 * s * (1 + beta * x * (1 - s)) - 1;
  }

  @Override
  public float backward(float x) {
    double bx = beta * (double) x;
    if (Math.abs(bx) > 80) {
      return 0f;
    }
    return (float) (beta * (2 - bx * Math.tanh(bx / 2)) / (1 + Math.cosh(bx)));
  }

  @Override
  public String name() {
    return NAME;
  }
}
