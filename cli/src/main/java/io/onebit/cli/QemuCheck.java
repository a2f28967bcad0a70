package io.onebit.cli;

import io.onebit.codegen.Board;
import io.onebit.codegen.QemuReport;
import io.onebit.codegen.QemuTestRunner;
import io.onebit.model.DeployModel;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.Datasets;
import java.nio.file.Path;

/** Runs the first N test samples of a dataset through a model's firmware on QEMU. */
final class QemuCheck {
  private QemuCheck() {}

  /** @param modelSource the model's file, for messages */
  static QemuReport run(DeployModel model, String modelSource, Board board, String dataset, Path dataDir, int samples,
      Path workDir) throws java.io.IOException {
    if (samples < 1) {
      throw new IllegalArgumentException("--samples must be at least 1, got " + samples);
    }
    Dataset test = Datasets.load(dataset, "test", dataDir, Console::log);
    Evaluation.requireCompatible(model, modelSource, dataset, test);
    int n = Math.min(samples, test.count());
    byte[][] inputs = new byte[n][];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      inputs[i] = test.sample(i);
      labels[i] = test.label(i);
    }
    try (WorkDirectory work = WorkDirectory.of(workDir, "onebit-qemu-")) {
      Console.log("building firmware for " + board.name() + " with " + n + " test vectors in " + work.path()
          + (work.temporary() ? " (removed afterwards)" : ""));
      return QemuTestRunner.run(model, board, inputs, labels, work.path());
    }
  }
}
