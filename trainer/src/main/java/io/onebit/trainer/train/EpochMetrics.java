package io.onebit.trainer.train;

import java.util.List;
import java.util.Map;

/**
 * What one epoch achieved. Test accuracy is that of the inference network (BatchNorm population
 * statistics recomputed for the epoch's final weights, deterministic sign everywhere), i.e. of
 * the network fold would deploy (in stage 1 of two-stage: with its real weights).
 *
 * @param epoch 1-based, counted over all stages
 * @param loss the method's mean loss per sample over the epoch
 * @param seconds wall-clock seconds of the epoch (not part of any model file)
 * @param stage the method's stage this epoch belongs to
 * @param ffRatio flip-flop ratio over all binary weights, averaged over the epoch's steps
 * @param c2iRatio fraction of binary weights whose sign differs from the initialisation
 * @param layers the same per layer
 * @param method figures of the method itself (e.g. a reward, how decided the weights are), by name
 */
public record EpochMetrics(int epoch, double loss, double trainAccuracy, double testAccuracy, double learningRate,
    double seconds, String stage, double ffRatio, double c2iRatio, List<FlipTracker.LayerFlips> layers,
    Map<String, Double> method) {
  public EpochMetrics {
    layers = List.copyOf(layers);
    method = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(method));
  }
}
