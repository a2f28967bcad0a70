package io.onebit.trainer.method;

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
 * a fresh optimizer and learning-rate schedule. The deployed network is stage 2's.
 */
public final class TwoStageMethod implements TrainingMethod {
  public static final String NAME = "two-stage";
  public static final float STAGE1_WEIGHT_DECAY = 5e-6f;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Stage> stages(int epochs, Float weightDecay, int firstStageEpochs) {
    if (epochs < 2) {
      throw new IllegalArgumentException("two-stage needs at least 2 epochs, got " + epochs);
    }
    int first = firstStageEpochs > 0 ? firstStageEpochs : epochs / 2;
    if (first >= epochs) {
      throw new IllegalArgumentException(
          "two-stage: the first stage (" + first + " epochs) must leave at least 1 of " + epochs + " epochs");
    }
    float decay = weightDecay == null ? STAGE1_WEIGHT_DECAY : weightDecay;
    return List.of(new Stage("real-weights", first, false, decay), new Stage("binary", epochs - first, true, 0f));
  }
}
