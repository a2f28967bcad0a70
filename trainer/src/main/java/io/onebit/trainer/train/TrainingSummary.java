package io.onebit.trainer.train;

import java.util.List;

/** What every training run reports, whatever the network kind (MLP or CNN). */
public interface TrainingSummary {
  TrainConfig config();

  List<EpochMetrics> epochs();

  /** Test accuracy of the final float inference network. */
  double testAccuracy();

  /** The float network's predicted class for each test sample. */
  int[] testPredictions();

  double secondsPerEpoch();
}
