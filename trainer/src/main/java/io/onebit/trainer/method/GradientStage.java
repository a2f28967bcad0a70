package io.onebit.trainer.method;

import io.onebit.trainer.net.Network;
import io.onebit.trainer.optim.Optimizer;
import io.onebit.trainer.optim.Optimizers;
import io.onebit.trainer.optim.Param;
import io.onebit.trainer.profile.TrainingProfile;
import io.onebit.trainer.quant.Quantizer;
import io.onebit.trainer.state.Stateful;
import io.onebit.trainer.state.TrainingState;
import java.util.List;

/**
 * A stage of backpropagation with the straight-through estimator (BinaryNet): per batch,
 *
 * <pre>
 *   [draw stochastic sign(W)] → forward (batch statistics) → loss → backward (setting the
 *   gradients, no zeroing pass) → optimizer step (latent weights clipped) → sign(W) refreshed
 * </pre>
 *
 * @param binaryWeights forward with sign(W) (true) or with the real W (stage 1 of two-stage)
 * @param weightDecay L2 decay of the latent weights in this stage
 * @param weights the weight quantizer (a stochastic one draws sign(W) anew each step)
 */
public record GradientStage(String name, int epochs, boolean binaryWeights, float weightDecay, Quantizer weights)
    implements Stage {
  /** The checkpoint entry naming the stage whose step saved the state. */
  private static final String STAGE = "gradient_stage";

  /** @throws IllegalArgumentException when {@code epochs} &lt; 1 */
  public GradientStage {
    if (epochs < 1) {
      throw new IllegalArgumentException("stage '" + name + "' needs at least 1 epoch, got " + epochs);
    }
  }

  @Override
  public BatchStep begin(MethodContext context) {
    Network network = context.network();
    network.setBinaryWeights(binaryWeights);
    return new Step(name, context, Optimizers.forStage(context.optimizer(), weightDecay),
        binaryWeights && weights.stochastic() ? weights : null);
  }

  /**
   * The update; its optimizer's moments are its state between steps, saved with the stage's name:
   * a checkpoint written as the previous stage ended holds that stage's step, and a new stage
   * starts a fresh optimizer, as the uninterrupted run does (two-stage's second stage, Bernoulli's
   * straight-through stage).
   */
  private static final class Step implements BatchStep, Stateful {
    private final String stage;
    private final MethodContext context;
    private final Network network;
    private final Optimizer optimizer;
    private final List<Param> params;
    private final Quantizer sample;

    Step(String stage, MethodContext context, Optimizer optimizer, Quantizer sample) {
      this.stage = stage;
      this.context = context;
      this.network = context.network();
      this.optimizer = optimizer;
      this.params = network.params();
      this.sample = sample;
    }

    @Override
    public double step(Batch batch, float lr) {
      TrainingProfile profile = context.profile();
      long t = profile.start();
      if (sample != null) {
        network.sampleWeights(sample, context.random());
      }
      profile.add(TrainingProfile.Phase.WEIGHTS, t);
      t = profile.start();
      int n = batch.size();
      float[] scores = network.forward(batch.input(), true, context.random());
      profile.add(TrainingProfile.Phase.FORWARD, t);
      t = profile.start();
      float[] dScores = network.scoreGradientBuffer(n);
      double loss = context.loss().lossAndGradient(scores, n, network.classes(), batch.labels(), batch.labelIndex(),
          dScores, batch.correct());
      profile.add(TrainingProfile.Phase.LOSS, t);
      t = profile.start();
      network.backwardSettingGradients(dScores);
      profile.add(TrainingProfile.Phase.BACKWARD, t);
      t = profile.start();
      optimizer.step(params, lr);
      profile.add(TrainingProfile.Phase.OPTIMIZER, t);
      t = profile.start();
      network.refreshWeights();
      profile.add(TrainingProfile.Phase.WEIGHTS, t);
      return loss;
    }

    @Override
    public void saveState(TrainingState state, String prefix) {
      state.putBytes(prefix + STAGE, stage.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      optimizer.saveState(state, prefix + "optimizer.");
    }

    @Override
    public void restoreState(TrainingState state, String prefix) {
      // A checkpoint of an earlier build names no stage: its optimizer is restored, as that build did.
      if (!state.has(prefix + STAGE)
          || new String(state.bytes(prefix + STAGE), java.nio.charset.StandardCharsets.UTF_8).equals(stage)) {
        optimizer.restoreState(state, prefix + "optimizer.", params);
      }
    }
  }
}
