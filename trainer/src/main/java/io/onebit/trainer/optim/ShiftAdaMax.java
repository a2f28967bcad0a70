package io.onebit.trainer.optim;

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
public final class ShiftAdaMax extends AdaMax {
  public static final String NAME = "shift-adamax";

  public ShiftAdaMax(Adam.Moments moments, float weightDecay) {
    super(moments, weightDecay, true);
  }
}
