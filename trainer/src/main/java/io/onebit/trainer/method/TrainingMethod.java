package io.onebit.trainer.method;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.quant.Quantizer;
import java.util.List;
import java.util.Map;

/**
 * A training method: a strategy over the one training model ({@link io.onebit.trainer.net.Network}).
 * It says which stages to run ({@link Stage}: each builds the update of one batch), how the
 * network's sign layers binarise while training, and what it leaves behind: whatever a method
 * does with the real tensor W behind each binary weight (a clipped latent weight for STE, a
 * Bernoulli logit, a policy's logit), it ends with the network fold deploys — sign(W) per weight
 * and BatchNorm statistics recomputed by the trainer — so fold and codegen never change.
 *
 * <p>Three families fit: gradient methods (STE with its quantizers, AdamBNN's two stages) return
 * stages that backpropagate and step an optimizer; a gradient-free method returns a stage whose
 * update samples sign flips and scores them by a reward (no backward at all); a method that
 * reparametrises the weights (a probability per weight) builds its own forward over the same
 * layers in {@link Stage#begin} and writes sign(2p − 1) into W in {@link #finish}.
 */
public interface TrainingMethod {
  /** The command-line name. */
  String name();

  /** The quantizer of the network's sign layers in training (evaluation and fold use sign). */
  Quantizer activationQuantizer();

  /** The stages, in order, that together take {@code epochs} epochs; refuses impossible splits. */
  List<Stage> stages(int epochs);

  /**
   * Refuses, before any data is loaded, a run this method cannot train (one line saying why);
   * by default every architecture, with or without a teacher.
   *
   * @param teacher whether the run distils from a teacher
   */
  default void checkRun(Architecture architecture, boolean teacher) {}

  /** After the last stage: leaves sign(W) of the network as the weights to deploy (default: as it is). */
  default void finish(MethodContext context) {}

  /** Method-specific figures for the epoch just ended (e.g. reward, mean |2p − 1|), by name. */
  default Map<String, Double> epochMetrics(MethodContext context) {
    return Map.of();
  }
}
