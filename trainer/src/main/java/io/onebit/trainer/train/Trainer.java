package io.onebit.trainer.train;

import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.nn.BinaryBatch;
import io.onebit.trainer.nn.BinaryMlp;
import io.onebit.trainer.nn.EncodedImages;
import io.onebit.trainer.nn.ShiftAugmentation;
import io.onebit.trainer.optim.Adam;
import io.onebit.trainer.optim.Optimizer;
import io.onebit.trainer.optim.Param;
import io.onebit.trainer.quant.SteSign;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * BinaryNet training of a {@link BinaryMlp}: straight-through sign with hard-tanh cancelling on
 * activations, sign(W) of latent weights clipped to [−1, 1], BatchNorm, Adam, softmax
 * cross-entropy. Deterministic for a seed: shuffling and initialisation draw from one seeded
 * generator, and every parallel kernel sums in a fixed order.
 */
public final class Trainer {
  private final TrainConfig config;

  public Trainer(TrainConfig config) {
    this.config = config;
  }

  public TrainingResult train(Dataset trainSet, Dataset testSet, TrainingListener listener) {
    Random random = new Random(config.seed());
    EncodedImages train = EncodedImages.threshold(trainSet, config.inputThreshold());
    EncodedImages test = EncodedImages.threshold(testSet, config.inputThreshold());
    ShiftAugmentation augmentation = config.augmentShift() > 0
        ? new ShiftAugmentation(trainSet, config.augmentShift(), config.inputThreshold()) : null;
    EncodedImages statistics = head(train, config.statisticsSamples());
    BinaryMlp network = new BinaryMlp(train.width, config.architecture().widths(trainSet.classes()), new SteSign(),
        random);
    Optimizer optimizer = new Adam();
    List<Param> params = network.params();
    int batchSize = config.batchSize();
    BinaryBatch batch = network.newInputBatch(batchSize);
    int[] order = new int[train.count];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int[] labelIndex = new int[batchSize];
    int batches = train.count / batchSize;
    List<EpochMetrics> history = new ArrayList<>();
    double totalSeconds = 0;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      long start = System.nanoTime();
      float lr = config.schedule().at(epoch, config.epochs());
      shuffle(order, random);
      listener.epochStarted(epoch, config.epochs(), batches);
      double lossSum = 0;
      int[] correct = {0};
      for (int k = 0; k < batches; k++) {
        int from = k * batchSize;
        if (augmentation != null) {
          augmentation.gather(order, from, batchSize, batch, random);
        } else {
          train.gather(order, from, batchSize, batch);
        }
        System.arraycopy(order, from, labelIndex, 0, batchSize);
        for (Param p : params) {
          p.zeroGrad();
        }
        lossSum += network.trainStep(batch, train.labels, labelIndex, correct);
        optimizer.step(params, lr);
        network.refreshSigns();
        int seen = (k + 1) * batchSize;
        listener.batchDone(epoch, k, lossSum / seen, correct[0] / (double) seen);
      }
      network.recomputeStatistics(statistics, 500);
      double testAccuracy = accuracy(network.predict(test, 500), test.labels);
      double seconds = (System.nanoTime() - start) / 1e9;
      totalSeconds += seconds;
      int seen = batches * batchSize;
      EpochMetrics metrics = new EpochMetrics(epoch + 1, lossSum / seen, correct[0] / (double) seen, testAccuracy, lr,
          seconds);
      history.add(metrics);
      listener.epochDone(metrics);
    }
    network.recomputeStatistics(train, 500);
    int[] predictions = network.predict(test, 500);
    return new TrainingResult(network, config, history, accuracy(predictions, test.labels), predictions,
        totalSeconds / config.epochs());
  }

  private static EncodedImages head(EncodedImages data, int n) {
    return n >= data.count ? data : data.head(n);
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  public static double accuracy(int[] predictions, byte[] labels) {
    int right = 0;
    for (int i = 0; i < predictions.length; i++) {
      if (predictions[i] == labels[i]) {
        right++;
      }
    }
    return predictions.length == 0 ? 0 : right / (double) predictions.length;
  }
}
