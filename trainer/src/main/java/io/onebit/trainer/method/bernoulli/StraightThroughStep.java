package io.onebit.trainer.method.bernoulli;

import io.onebit.trainer.method.Batch;
import io.onebit.trainer.method.BatchStep;
import io.onebit.trainer.net.Network;
import io.onebit.trainer.state.Stateful;
import io.onebit.trainer.state.TrainingState;

/**
 * The update of {@code --binarize ste}'s last stage: BinaryNet's ({@code ste}, a
 * {@link io.onebit.trainer.method.GradientStage}'s step) on latent weights handed over from the
 * logits. Resuming, it also takes the hand-over from a checkpoint written as the probabilistic
 * stage ended: that checkpoint holds the logits, and the uninterrupted run would have handed them
 * over when this stage began ({@link BernoulliStep#handOverFrom}); its fresh optimizer stays
 * fresh, as there (the checkpoint's optimizer moments are the logits').
 */
final class StraightThroughStep implements BatchStep, Stateful {
  private final BatchStep ste;
  private final Network network;

  StraightThroughStep(BatchStep ste, Network network) {
    if (!(ste instanceof Stateful)) {
      throw new IllegalArgumentException("the straight-through step must keep its optimizer's state");
    }
    this.ste = ste;
    this.network = network;
  }

  @Override
  public double step(Batch batch, float lr) {
    return ste.step(batch, lr);
  }

  @Override
  public void saveState(TrainingState state, String prefix) {
    ((Stateful) ste).saveState(state, prefix);
  }

  @Override
  public void restoreState(TrainingState state, String prefix) {
    if (BernoulliStep.savedIn(state, prefix)) {
      // The Bernoulli step's optimizer moments are the logits', not this stage's: it starts fresh.
      BernoulliStep.handOverFrom(state, prefix, network.weightLayers());
    } else {
      ((Stateful) ste).restoreState(state, prefix);
    }
  }
}
