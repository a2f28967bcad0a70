package io.onebit.trainer.train;

import io.onebit.trainer.net.Network;
import java.util.List;

/**
 * A trained network, ready for fold (sign(W) final, BatchNorm statistics recomputed over the
 * whole training set), and its history.
 *
 * @param testAccuracy test accuracy of that final network
 * @param testPredictions its predicted class for each test sample
 * @param secondsPerEpoch mean wall-clock seconds per epoch
 */
public record TrainingResult(Network network, TrainConfig config, List<EpochMetrics> epochs, double testAccuracy,
    int[] testPredictions, double secondsPerEpoch) {}
