package io.onebit.trainer.experiment;

import io.onebit.trainer.train.EpochMetrics;
import java.util.List;

/**
 * One trained cell of an experiment grid.
 *
 * @param testAccuracy the final (deployable) network's test accuracy
 * @param meanFfRatio FF ratio averaged over all epochs
 * @param finalC2iRatio C2I ratio at the end of training
 */
public record RunResult(String architecture, String run, String method, String optimizer, long seed, int epochs,
    double testAccuracy, double seconds, double meanFfRatio, double finalFfRatio, double finalC2iRatio,
    List<EpochMetrics> history) {
  public static RunResult of(String architecture, String run, String method, String optimizer, long seed,
      double testAccuracy, double seconds, List<EpochMetrics> history) {
    double ff = 0;
    for (EpochMetrics m : history) {
      ff += m.ffRatio();
    }
    EpochMetrics last = history.get(history.size() - 1);
    return new RunResult(architecture, run, method, optimizer, seed, history.size(), testAccuracy, seconds,
        ff / history.size(), last.ffRatio(), last.c2iRatio(), history);
  }
}
