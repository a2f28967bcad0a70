package io.onebit.trainer.method;

import io.onebit.trainer.net.Network;
import io.onebit.trainer.optim.Optimizer;
import io.onebit.trainer.optim.Optimizers;
import io.onebit.trainer.optim.Param;
import io.onebit.trainer.quant.Quantizer;
import java.util.List;

/**
 * A stage of backpropagation with the straight-through estimator (BinaryNet): per batch,
 *
 * <pre>
 *   zero gradients → [draw stochastic sign(W)] → forward (batch statistics) → loss → backward
 *   → optimizer step (latent weights clipped) → sign(W) refreshed
 * </pre>
 *
 * @param binaryWeights forward with sign(W) (true) or with the real W (stage 1 of two-stage)
 * @param weightDecay L2 decay of the latent weights in this stage
 * @param weights the weight quantizer (a stochastic one draws sign(W) anew each step)
 */
record GradientStage(String name, int epochs, boolean binaryWeights, float weightDecay, Quantizer weights)
    implements Stage {
  GradientStage {
    if (epochs < 1) {
      throw new IllegalArgumentException("stage '" + name + "' needs at least 1 epoch, got " + epochs);
    }
  }

  @Override
  public BatchStep begin(MethodContext context) {
    Network network = context.network();
    network.setBinaryWeights(binaryWeights);
    Optimizer optimizer = Optimizers.forStage(context.optimizer(), weightDecay);
    List<Param> params = network.params();
    boolean sample = binaryWeights && weights.stochastic();
    return (batch, lr) -> {
      for (Param p : params) {
        p.zeroGrad();
      }
      if (sample) {
        network.sampleWeights(weights, context.random());
      }
      int n = batch.size();
      float[] scores = network.forward(batch.input(), true, context.random());
      float[] dScores = network.scoreGradientBuffer(n);
      double loss = context.loss().lossAndGradient(scores, n, network.classes(), batch.labels(), batch.labelIndex(),
          dScores, batch.correct());
      network.backward(dScores);
      optimizer.step(params, lr);
      network.refreshWeights();
      return loss;
    };
  }
}
