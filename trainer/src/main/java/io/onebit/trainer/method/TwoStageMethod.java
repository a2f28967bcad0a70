package io.onebit.trainer.method;

import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.quant.Quantizer;
import java.util.List;

/**
 * AdamBNN's two-stage recipe (Liu et al., ICML 2021, "How do Adam and training strategies help
 * BNNs optimization?", after ReActNet and Real-to-Binary):
 *
 * <pre>
 *   stage 1: binary activations, real weights:  z = W·x,        x = q(BN(z)),  L2 decay λ1 = 5e-6
 *   stage 2: binary activations and weights:    z = sign(W)·x,  starting from stage 1's W, λ2 = 0
 * </pre>
 *
 * Stage 1 can afford weight decay (real weights do not flip), which lowers the dependence on the
 * initialisation (C2I); stage 2 drops it, which keeps binary weights from flip-flopping (FF).
 * Each stage gets half the epochs (stage 1 the smaller half) unless told otherwise; each starts
 * a fresh optimizer and learning-rate schedule. The deployed network is stage 2's. Works for
 * every architecture: a convolution's real-weight forward is the same GEMM with W for sign(W).
 */
public final class TwoStageMethod implements TrainingMethod {
  public static final String NAME = "two-stage";
  public static final float STAGE1_WEIGHT_DECAY = 5e-6f;
  /** Epochs of stage 1; 0 means half of them. */
  public static final Hyperparameter<Integer> STAGE1_EPOCHS = Hyperparameter.integer("stage1-epochs", 0,
      Hyperparameter.intRange(0, Integer.MAX_VALUE), "two-stage: epochs of the first stage (0: half)");

  private final GradientSettings settings;
  private final int firstStageEpochs;

  TwoStageMethod(GradientSettings settings, int firstStageEpochs) {
    this.settings = settings;
    this.firstStageEpochs = firstStageEpochs;
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
    if (epochs < 2) {
      throw new IllegalArgumentException("two-stage needs at least 2 epochs, got " + epochs);
    }
    int first = firstStageEpochs > 0 ? firstStageEpochs : epochs / 2;
    if (first >= epochs) {
      throw new IllegalArgumentException(
          "two-stage: the first stage (" + first + " epochs) must leave at least 1 of " + epochs + " epochs");
    }
    return List.of(new GradientStage("real-weights", first, false, settings.decayOr(STAGE1_WEIGHT_DECAY),
        settings.weights()), new GradientStage("binary", epochs - first, true, 0f, settings.weights()));
  }
}
