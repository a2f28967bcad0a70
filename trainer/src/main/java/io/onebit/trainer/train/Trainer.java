package io.onebit.trainer.train;

import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.distill.Distiller;
import io.onebit.trainer.method.Stage;
import io.onebit.trainer.method.StepRule;
import io.onebit.trainer.nn.BinaryBatch;
import io.onebit.trainer.nn.BinaryMlp;
import io.onebit.trainer.nn.EncodedImages;
import io.onebit.trainer.nn.ShiftAugmentation;
import io.onebit.trainer.optim.Optimizer;
import io.onebit.trainer.optim.Param;
import io.onebit.trainer.quant.Quantizer;
import java.util.List;
import java.util.Random;

/**
 * Trains a {@link BinaryMlp} with a {@link Recipe}: the method's stages in order, each with its
 * forward (binary or real weights), a fresh optimizer (binary weights and BatchNorm routed to
 * their own optimizers), a fresh learning-rate schedule and the method's {@link StepRule} (by
 * default the gradient step below); softmax cross-entropy; per-epoch
 * loss, accuracies and flip metrics ({@link FlipTracker}). Default recipe: BinaryNet STE with
 * hard-tanh cancel, latent weights clipped to [−1, 1], BatchNorm, Adam.
 *
 * <p>Deterministic for a seed: initialisation, shuffling, augmentation and stochastic draws come
 * from one seeded generator, and every parallel kernel sums in a fixed order.
 *
 * <p>The network that leaves the trainer is the deterministic one fold deploys: binary weights
 * sign(W) (sign(0) = +1), deterministic sign activations, and BatchNorm population statistics
 * recomputed exactly over the training set for the final weights.
 */
public final class Trainer {
  private final TrainConfig config;

  public Trainer(TrainConfig config) {
    this.config = config;
  }

  public TrainingResult train(Dataset trainSet, Dataset testSet, TrainingListener listener) {
    Recipe recipe = config.recipe();
    Random random = new Random(config.seed());
    EncodedImages train = EncodedImages.threshold(trainSet, config.inputThreshold());
    EncodedImages test = EncodedImages.threshold(testSet, config.inputThreshold());
    ShiftAugmentation augmentation = config.augmentShift() > 0
        ? new ShiftAugmentation(trainSet, config.augmentShift(), config.inputThreshold(),
        config.augmentProbability()) : null;
    EncodedImages statistics = head(train, config.statisticsSamples());
    BinaryMlp network = new BinaryMlp(train.width, config.architecture().widths(trainSet.classes()),
        recipe.activationQuantizer(), recipe.shiftBatchNorm(), random);
    Quantizer stochasticWeights = recipe.stochasticWeights();
    Distiller distiller = Distiller.of(config.distillation(), trainSet, config.augmentShift(), config.batchSize());
    network.setLoss(distiller.loss());
    long[] shifts = distiller.shifts();
    FlipTracker flips = new FlipTracker(network);
    List<Param> params = network.params();
    int batchSize = config.batchSize();
    BinaryBatch batch = network.newInputBatch(batchSize);
    int[] labelIndex = new int[batchSize];
    EpochLoop.Outcome outcome = EpochLoop.run(config, train.count, random, flips, listener, new EpochLoop.Run() {
      @Override
      public EpochLoop.BatchStep enterStage(Stage stage) {
        network.setBinaryWeights(stage.binaryWeights());
        Optimizer optimizer = recipe.newOptimizer(stage.weightDecay());
        boolean sampleWeights = stochasticWeights != null && stage.binaryWeights();
        StepRule gradientStep = (net, input, labels, index, correct, lr) -> {
          for (Param p : params) {
            p.zeroGrad();
          }
          if (sampleWeights) {
            net.sampleWeightSigns(stochasticWeights, random);
          }
          double loss = net.trainStep(input, labels, index, correct, random);
          optimizer.step(params, lr);
          return loss;
        };
        StepRule rule = recipe.trainingMethod().stepRule(stage, gradientStep);
        return (order, from, correct, lr) -> {
          if (augmentation != null) {
            augmentation.gather(order, from, batchSize, batch, random, shifts);
          } else {
            train.gather(order, from, batchSize, batch);
          }
          distiller.prepare(order, from, batchSize);
          System.arraycopy(order, from, labelIndex, 0, batchSize);
          double loss = rule.step(network, batch, train.labels, labelIndex, correct, lr);
          network.refreshSigns();
          return loss;
        };
      }

      @Override
      public double testAccuracy() {
        network.recomputeStatistics(statistics, 500);
        return EpochLoop.accuracy(network.predict(test, 500), test.labels);
      }
    });
    network.setBinaryWeights(true);
    network.recomputeStatistics(train, 500);
    int[] predictions = network.predict(test, 500);
    return new TrainingResult(network, config, outcome.history(), EpochLoop.accuracy(predictions, test.labels),
        predictions, outcome.secondsPerEpoch());
  }

  private static EncodedImages head(EncodedImages data, int n) {
    return n >= data.count ? data : data.head(n);
  }
}
