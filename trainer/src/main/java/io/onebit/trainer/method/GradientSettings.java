package io.onebit.trainer.method;

import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.optim.OptimizerKind;
import io.onebit.trainer.optim.Optimizers;
import io.onebit.trainer.quant.Quantizer;
import io.onebit.trainer.quant.Quantizers;
import java.util.ArrayList;
import java.util.List;

/**
 * What the gradient methods (STE, two-stage) share: the activation quantizer, the weight
 * quantizer and L2 weight decay of the latent weights, and the rules that tie them to the
 * optimizer (Bop keeps no latent weights: nothing to decay or to draw stochastic signs from).
 *
 * @param weightDecay the user's decay, or null for the method's default
 */
public record GradientSettings(Quantizer activation, Quantizer weights, Float weightDecay) {
  /** L2 decay of the latent weights; unset: the method's default. */
  public static final Hyperparameter<Float> WEIGHT_DECAY = Hyperparameter.real("weight-decay", null,
      Hyperparameter.atLeast(0), "L2 decay of the latent weights (default: ste 0; two-stage 5e-6 in stage 1, 0 in stage 2)");

  /** The hyperparameters every gradient method reads. */
  static List<Hyperparameter<?>> hyperparameters() {
    List<Hyperparameter<?>> all = new ArrayList<>();
    all.add(WEIGHT_DECAY);
    all.addAll(Quantizers.ACTIVATIONS.hyperparameters());
    all.addAll(Quantizers.WEIGHTS.hyperparameters());
    return all;
  }

  /** Reads and cross-checks the settings. */
  static GradientSettings of(Settings s) {
    OptimizerKind optimizer = Optimizers.REGISTRY.create(s);
    Quantizer weights = Quantizers.WEIGHTS.create(s);
    Float decay = s.get(WEIGHT_DECAY);
    if (!optimizer.hasLatentWeights() && decay != null && decay > 0) {
      throw new IllegalArgumentException("bop has no latent weights to decay: use --weight-decay 0 with --optimizer bop");
    }
    if (!optimizer.hasLatentWeights() && weights.stochastic()) {
      throw new IllegalArgumentException("bop has no latent weights to draw stochastic signs from");
    }
    return new GradientSettings(Quantizers.ACTIVATIONS.create(s), weights, decay);
  }

  /** The user's decay, or {@code fallback}. */
  float decayOr(float fallback) {
    return weightDecay == null ? fallback : weightDecay;
  }
}
