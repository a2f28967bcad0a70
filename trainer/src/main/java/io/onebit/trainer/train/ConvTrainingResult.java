package io.onebit.trainer.train;

import io.onebit.trainer.cnn.ConvNet;
import java.util.List;

/** A trained {@link ConvNet} (BatchNorm statistics final) and its history. */
public record ConvTrainingResult(ConvNet network, TrainConfig config, List<EpochMetrics> epochs, double testAccuracy,
    int[] testPredictions, double secondsPerEpoch) implements TrainingSummary {}
