package io.onebit.trainer.train;

import java.util.List;

/**
 * What one epoch achieved. Test accuracy is that of the inference network (BatchNorm population
 * statistics recomputed for the epoch's final weights, deterministic sign everywhere), i.e. of
 * the network fold would deploy (in stage 1 of two-stage: with its real weights).
 *
 * @param epoch 1-based, counted over all stages
 * @param stage the method's stage this epoch belongs to
 * @param ffRatio flip-flop ratio over all binary weights, averaged over the epoch's steps
 * @param c2iRatio fraction of binary weights whose sign differs from the initialisation
 * @param layers the same per layer
 */
public record EpochMetrics(int epoch, double loss, double trainAccuracy, double testAccuracy, double learningRate,
    double seconds, String stage, double ffRatio, double c2iRatio, List<FlipTracker.LayerFlips> layers) {
  public EpochMetrics(int epoch, double loss, double trainAccuracy, double testAccuracy, double learningRate,
      double seconds) {
    this(epoch, loss, trainAccuracy, testAccuracy, learningRate, seconds, "binary", 0, 0, List.of());
  }
}
