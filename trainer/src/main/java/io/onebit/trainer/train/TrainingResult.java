package io.onebit.trainer.train;

import io.onebit.trainer.nn.BinaryMlp;
import java.util.List;

/**
 * A trained network (BatchNorm statistics final) and its history.
 *
 * @param testPredictions the float network's predicted class for each test sample
 */
public record TrainingResult(BinaryMlp network, TrainConfig config, List<EpochMetrics> epochs, double testAccuracy,
    int[] testPredictions, double secondsPerEpoch) implements TrainingSummary {}
