package io.onebit.trainer.method;

import io.onebit.trainer.quant.Quantizer;
import java.util.List;

/**
 * BinaryNet (Courbariaux et al. 2016; Hubara et al. 2016): one stage, binary weights and
 * activations from the first step. Forward: z = sign(W)·x, x = q(BN(z)); backward: the
 * quantizer's pseudo-gradient for activations, the straight-through estimator for weights
 * (∂L/∂W = ∂L/∂sign(W)), latent weights clipped to [−1, 1]. Weight decay default 0.
 */
public final class BinaryNetMethod implements TrainingMethod {
  public static final String NAME = "ste";
  private final GradientSettings settings;

  BinaryNetMethod(GradientSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Quantizer activationQuantizer() {
    return settings.activation();
  }

  @Override
  public List<Stage> stages(int epochs) {
    return List.of(new GradientStage("binary", epochs, true, settings.decayOr(0f), settings.weights()));
  }
}
