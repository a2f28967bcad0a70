package io.onebit.trainer.quant;

/**
 * The deterministic sign with the identity as pseudo-gradient: BinaryConnect's weight
 * binarization (Courbariaux et al. 2015), where the loss gradient reaches the latent weight
 * unchanged and the latent weight's clip keeps it in range. Also the activation of methods that
 * do not backpropagate through signs (the gradient-free trainer).
 *
 * <pre>
 *   forward:  q(x) = +1 if x ≥ 0, else −1
 *   backward: ∂q/∂x = 1
 * </pre>
 */
public record PlainSign() implements Quantizer {
  public static final String NAME = "sign";

  @Override
  public float backward(float x) {
    return 1f;
  }

  @Override
  public String name() {
    return NAME;
  }
}
