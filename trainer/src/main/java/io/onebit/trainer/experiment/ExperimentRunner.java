package io.onebit.trainer.experiment;

import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.optim.Optimizers;
import io.onebit.trainer.train.Trainer;
import io.onebit.trainer.train.TrainingListener;
import io.onebit.trainer.train.TrainingResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Runs the cells (MLP or CNN architectures) of an {@link ExperimentConfig} one after another (each run is itself parallel). */
public final class ExperimentRunner {
  /** Called after every finished cell with all results so far (the CLI rewrites its files). */
  @FunctionalInterface
  public interface Progress {
    void cellDone(ExperimentConfig.Cell cell, RunResult result, List<RunResult> soFar) throws IOException;
  }

  private ExperimentRunner() {}

  public static List<RunResult> run(ExperimentConfig config, Dataset train, Dataset test, TrainingListener listener,
      Progress progress) throws IOException {
    return run(config, train, test, listener, progress, UnaryOperator.identity());
  }

  /**
   * As {@link #run(ExperimentConfig, Dataset, Dataset, TrainingListener, Progress)}, each cell's settings first
   * passed through {@code adapt} (the CLI turns shift augmentation off for samples that are not images, as
   * {@code train} does).
   */
  public static List<RunResult> run(ExperimentConfig config, Dataset train, Dataset test, TrainingListener listener,
      Progress progress, UnaryOperator<TrainConfig> adapt) throws IOException {
    List<RunResult> results = new ArrayList<>();
    for (ExperimentConfig.Cell cell : config.cells()) {
      TrainConfig tc = adapt.apply(config.trainConfig(cell.architecture(), cell.run(), cell.seed()));
      long start = System.nanoTime();
      TrainingResult r = Trainer.train(tc, train, test, listener);
      double seconds = (System.nanoTime() - start) / 1e9;
      RunResult result = RunResult.of(cell.architecture().name(), cell.run().name(), tc.method().name(),
          tc.get(Optimizers.REGISTRY.selector()), cell.seed(), r.testAccuracy(), seconds, r.epochs());
      results.add(result);
      progress.cellDone(cell, result, List.copyOf(results));
    }
    return results;
  }
}
