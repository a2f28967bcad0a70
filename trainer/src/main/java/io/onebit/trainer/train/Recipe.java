package io.onebit.trainer.train;

import io.onebit.trainer.method.TrainingMethod;
import io.onebit.trainer.method.TrainingMethods;
import io.onebit.trainer.optim.AdaMax;
import io.onebit.trainer.optim.Adam;
import io.onebit.trainer.optim.Bop;
import io.onebit.trainer.optim.Optimizer;
import io.onebit.trainer.optim.OptimizerRouter;
import io.onebit.trainer.optim.Sgd;
import io.onebit.trainer.optim.ShiftAdaMax;
import io.onebit.trainer.quant.Quantizer;
import io.onebit.trainer.quant.Quantizers;
import io.onebit.trainer.quant.StochasticSign;
import java.util.List;

/**
 * How to train: the method (its stages), the optimizer of each parameter group, the quantizers of
 * activations and weights, weight decay and BatchNorm kind. Names are those of the command line.
 *
 * @param method {@code ste} (BinaryNet) or {@code two-stage} (AdamBNN)
 * @param optimizer {@code adam}, {@code sgd}, {@code adamax}, {@code shift-adamax} or {@code bop}
 * @param quantizer the activation quantizer: {@code ste-sign}, {@code approx-sign},
 *     {@code swish-sign} or {@code stochastic}
 * @param weightQuantizer {@code sign} (deterministic) or {@code stochastic} (training-time draws)
 * @param weightDecay L2 decay of the latent weights; null: the method's default (ste: 0,
 *     two-stage: 5e-6 in stage 1 and always 0 in stage 2)
 * @param momentum SGD momentum
 * @param bopThreshold Bop's τ
 * @param bopGamma Bop's γ
 * @param steClip the gradient-cancel range of {@code ste-sign}
 * @param swishBeta the β of {@code swish-sign}
 * @param shiftBatchNorm BinaryNet's shift-based BatchNorm instead of the exact one
 * @param firstStageEpochs epochs of stage 1 of {@code two-stage}; 0: half the epochs
 */
public record Recipe(String method, String optimizer, String quantizer, String weightQuantizer, Float weightDecay,
    float momentum, float bopThreshold, float bopGamma, float steClip, float swishBeta, boolean shiftBatchNorm,
    int firstStageEpochs) {
  public static final List<String> OPTIMIZERS = List.of(Adam.NAME, Sgd.NAME, AdaMax.NAME, ShiftAdaMax.NAME, Bop.NAME);
  public static final List<String> WEIGHT_QUANTIZERS = List.of("sign", StochasticSign.NAME);

  /** BinaryNet STE, Adam, ste-sign, no weight decay: the default recipe. */
  public static Recipe defaults() {
    return new Recipe("ste", Adam.NAME, "ste-sign", "sign", null, 0.9f, 1e-7f, 1e-3f, 1f, 5f, false, 0);
  }

  /** Checks every name and value; throws one clear message. */
  public Recipe {
    TrainingMethods.named(method);
    if (!OPTIMIZERS.contains(optimizer)) {
      throw new IllegalArgumentException("unknown optimizer '" + optimizer + "' (known: " + String.join(", ", OPTIMIZERS) + ")");
    }
    Quantizers.named(quantizer, steClip, swishBeta);
    if (!WEIGHT_QUANTIZERS.contains(weightQuantizer)) {
      throw new IllegalArgumentException(
          "unknown weight quantizer '" + weightQuantizer + "' (known: " + String.join(", ", WEIGHT_QUANTIZERS) + ")");
    }
    if (weightDecay != null && !(weightDecay >= 0)) {
      throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
    }
    if (momentum < 0 || momentum >= 1) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    new Bop(bopThreshold, bopGamma);
    if (Bop.NAME.equals(optimizer) && weightDecay != null && weightDecay > 0) {
      throw new IllegalArgumentException("bop has no latent weights to decay: use --weight-decay 0 with --optimizer bop");
    }
    if (Bop.NAME.equals(optimizer) && !"ste".equals(method)) {
      throw new IllegalArgumentException("bop trains binary weights only: use it with --method ste");
    }
    if (Bop.NAME.equals(optimizer) && StochasticSign.NAME.equals(weightQuantizer)) {
      throw new IllegalArgumentException("bop has no latent weights to draw stochastic signs from");
    }
    if (firstStageEpochs < 0) {
      throw new IllegalArgumentException("first-stage epochs must be >= 0, got " + firstStageEpochs);
    }
  }

  public Recipe withMethod(String m) {
    return new Recipe(m, optimizer, quantizer, weightQuantizer, weightDecay, momentum, bopThreshold, bopGamma, steClip,
        swishBeta, shiftBatchNorm, firstStageEpochs);
  }

  public Recipe withOptimizer(String o) {
    return new Recipe(method, o, quantizer, weightQuantizer, weightDecay, momentum, bopThreshold, bopGamma, steClip,
        swishBeta, shiftBatchNorm, firstStageEpochs);
  }

  public Recipe withWeightDecay(Float wd) {
    return new Recipe(method, optimizer, quantizer, weightQuantizer, wd, momentum, bopThreshold, bopGamma, steClip,
        swishBeta, shiftBatchNorm, firstStageEpochs);
  }

  public TrainingMethod trainingMethod() {
    return TrainingMethods.named(method);
  }

  public Quantizer activationQuantizer() {
    return Quantizers.named(quantizer, steClip, swishBeta);
  }

  /** The training-time weight quantizer, or null for the deterministic sign. */
  public Quantizer stochasticWeights() {
    return StochasticSign.NAME.equals(weightQuantizer) ? new StochasticSign() : null;
  }

  /**
   * A fresh optimizer for one stage: the chosen one for the binary weights with decay
   * {@code decay}, and for BatchNorm's γ, β the same kind without decay (Adam under Bop).
   */
  public Optimizer newOptimizer(float decay) {
    Optimizer binary = create(optimizer, decay);
    Optimizer real = create(Bop.NAME.equals(optimizer) ? Adam.NAME : optimizer, 0f);
    return new OptimizerRouter(binary, real);
  }

  private Optimizer create(String name, float decay) {
    return switch (name) {
      case Adam.NAME -> new Adam(decay);
      case Sgd.NAME -> new Sgd(momentum, decay);
      case AdaMax.NAME -> new AdaMax(decay);
      case ShiftAdaMax.NAME -> new ShiftAdaMax(decay);
      case Bop.NAME -> new Bop(bopThreshold, bopGamma);
      default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'");
    };
  }
}
