package io.onebit.trainer.train;

import io.onebit.trainer.cnn.ConvNet;
import io.onebit.trainer.cnn.ImageInputs;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.distill.Distiller;
import io.onebit.trainer.method.Stage;
import io.onebit.trainer.optim.Optimizer;
import io.onebit.trainer.optim.Param;
import java.util.List;
import java.util.Random;

/**
 * Trains a {@link ConvNet} with a {@link Recipe}, as {@link Trainer} does an MLP: the method's
 * stages (binary or real-weight forward, fresh optimizer and schedule each), softmax
 * cross-entropy, shift augmentation, per-epoch BatchNorm statistics on a training subset and test
 * accuracy. The network that leaves is the one fold deploys: sign(W), deterministic signs,
 * BatchNorm statistics recomputed exactly over the whole training set for the final weights.
 *
 * <p>Deterministic for a seed (one generator; every parallel kernel sums in a fixed order).
 * Stochastic weight draws are implemented for MLPs only.
 */
public final class ConvTrainer {
  /** Samples per inference batch (im2col buffers grow with it). */
  static final int EVAL_BATCH = 100;

  private final TrainConfig config;

  public ConvTrainer(TrainConfig config) {
    if (config.recipe().stochasticWeights() != null) {
      throw new IllegalArgumentException("--weight-quantizer stochastic is implemented for fully connected networks only");
    }
    this.config = config;
  }

  public ConvTrainingResult train(Dataset trainSet, Dataset testSet, TrainingListener listener) {
    Recipe recipe = config.recipe();
    Random random = new Random(config.seed());
    boolean bitplanes = config.architecture().bitplanes();
    ImageInputs train = new ImageInputs(trainSet, bitplanes, config.inputThreshold());
    ImageInputs test = new ImageInputs(testSet, bitplanes, config.inputThreshold());
    ImageInputs statistics = train.head(config.statisticsSamples());
    ConvNet network = new ConvNet(config.architecture(), train.shape(), trainSet.classes(),
        recipe.activationQuantizer(), recipe.shiftBatchNorm(), random);
    Distiller distiller = Distiller.of(config.distillation(), trainSet, config.augmentShift(), config.batchSize());
    network.setLoss(distiller.loss());
    long[] shifts = distiller.shifts();
    List<Param> params = network.params();
    FlipTracker flips = new FlipTracker(network.trackedWeights());
    int batchSize = config.batchSize();
    float[] batch = new float[batchSize * train.shape().elements()];
    int[] labelIndex = new int[batchSize];
    EpochLoop.Outcome outcome = EpochLoop.run(config, train.count(), random, flips, listener, new EpochLoop.Run() {
      @Override
      public EpochLoop.BatchStep enterStage(Stage stage) {
        network.setBinaryWeights(stage.binaryWeights());
        Optimizer optimizer = recipe.newOptimizer(stage.weightDecay());
        return (order, from, correct, lr) -> {
          if (config.augmentShift() > 0) {
            train.gatherShifted(order, from, batchSize, batch, config.augmentShift(), config.augmentProbability(),
                random, shifts);
          } else {
            train.gather(order, from, batchSize, batch);
          }
          distiller.prepare(order, from, batchSize);
          System.arraycopy(order, from, labelIndex, 0, batchSize);
          for (Param p : params) {
            p.zeroGrad();
          }
          double loss = network.trainStep(batch, batchSize, train.labels(), labelIndex, correct, random);
          optimizer.step(params, lr);
          network.refreshSigns();
          return loss;
        };
      }

      @Override
      public double testAccuracy() {
        network.recomputeStatistics(statistics, EVAL_BATCH);
        return EpochLoop.accuracy(network.predict(test, EVAL_BATCH), testSet.labels());
      }
    });
    network.setBinaryWeights(true);
    network.recomputeStatistics(train, EVAL_BATCH);
    int[] predictions = network.predict(test, EVAL_BATCH);
    return new ConvTrainingResult(network, config, outcome.history(), EpochLoop.accuracy(predictions, testSet.labels()),
        predictions, outcome.secondsPerEpoch());
  }
}
