package io.onebit.trainer.train;

import io.onebit.trainer.cnn.ConvNet;
import io.onebit.trainer.cnn.ImageInputs;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.distill.Distiller;
import io.onebit.trainer.method.Stage;
import io.onebit.trainer.optim.Optimizer;
import io.onebit.trainer.optim.Param;
import java.util.ArrayList;
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
    List<Stage> stages = config.stages();
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
    int[] order = ConvNet.identityOrder(train.count());
    int[] labelIndex = new int[batchSize];
    int batches = train.count() / batchSize;
    List<EpochMetrics> history = new ArrayList<>();
    double totalSeconds = 0;
    int epoch = 0;
    for (Stage stage : stages) {
      network.setBinaryWeights(stage.binaryWeights());
      Optimizer optimizer = recipe.newOptimizer(stage.weightDecay());
      for (int e = 0; e < stage.epochs(); e++, epoch++) {
        long start = System.nanoTime();
        float lr = config.schedule().at(e, stage.epochs());
        Trainer.shuffle(order, random);
        listener.epochStarted(epoch, config.epochs(), batches);
        double lossSum = 0;
        int[] correct = {0};
        for (int k = 0; k < batches; k++) {
          int from = k * batchSize;
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
          lossSum += network.trainStep(batch, batchSize, train.labels(), labelIndex, correct, random);
          optimizer.step(params, lr);
          network.refreshSigns();
          flips.afterStep();
          int seen = (k + 1) * batchSize;
          listener.batchDone(epoch, k, lossSum / seen, correct[0] / (double) seen);
        }
        network.recomputeStatistics(statistics, EVAL_BATCH);
        double testAccuracy = Trainer.accuracy(network.predict(test, EVAL_BATCH), testSet.labels());
        double seconds = (System.nanoTime() - start) / 1e9;
        totalSeconds += seconds;
        int seen = batches * batchSize;
        List<FlipTracker.LayerFlips> layers = flips.endEpoch();
        EpochMetrics metrics = new EpochMetrics(epoch + 1, lossSum / seen, correct[0] / (double) seen, testAccuracy,
            lr, seconds, stage.name(), FlipTracker.overall(layers, true), FlipTracker.overall(layers, false), layers);
        history.add(metrics);
        listener.epochDone(metrics);
      }
    }
    network.setBinaryWeights(true);
    network.recomputeStatistics(train, EVAL_BATCH);
    int[] predictions = network.predict(test, EVAL_BATCH);
    return new ConvTrainingResult(network, config, history, Trainer.accuracy(predictions, testSet.labels()),
        predictions, totalSeconds / config.epochs());
  }
}
