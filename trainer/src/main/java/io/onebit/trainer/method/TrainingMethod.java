package io.onebit.trainer.method;

import java.util.List;

/**
 * A training method: a strategy over the common training model ({@code BinaryMlp}: latent
 * weights, BatchNorm, quantizers) that says which stages to run and with what forward and
 * weight decay. Quantizers and optimizers are chosen separately ({@code Recipe}). Whatever the
 * method, the trained model is the same kind of network, so fold and codegen never change.
 */
public interface TrainingMethod {
  /** The command-line name. */
  String name();

  /**
   * The stages, in order, that together take {@code epochs} epochs.
   *
   * @param weightDecay the user's weight decay, or null for the method's default
   * @param firstStageEpochs the user's length of the first stage, or 0 for the method's default
   */
  List<Stage> stages(int epochs, Float weightDecay, int firstStageEpochs);

  /**
   * The update of one batch in {@code stage}. Gradient methods keep the trainer's gradient step
   * (backpropagation, then the recipe's optimizers); a gradient-free method returns its own rule.
   */
  default StepRule stepRule(Stage stage, StepRule gradientStep) {
    return gradientStep;
  }
}
