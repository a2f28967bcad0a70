package io.onebit.cli;

import io.onebit.codegen.Board;
import io.onebit.codegen.Kernels;
import io.onebit.codegen.QemuReport;
import io.onebit.codegen.QemuTestRunner;
import io.onebit.model.DeployModel;
import io.onebit.trainer.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the first N test samples of a dataset through a model's firmware on QEMU. */
final class QemuCheck {
  private QemuCheck() {}

  /** @param test the test split, already checked against the model ({@link DataOptions#testFor}) */
  static QemuReport run(DeployModel model, Board board, Dataset test, int samples, Path workDir)
      throws java.io.IOException {
    return run(model, board, test, samples, workDir, false);
  }

  /** As above; with {@code progress}, a bar over the samples that steps as each firmware image finishes. */
  static QemuReport run(DeployModel model, Board board, Dataset test, int samples, Path workDir, boolean progress)
      throws java.io.IOException {
    if (samples < 1) {
      throw new IllegalArgumentException("--samples must be at least 1, got " + samples);
    }
    int n = Math.min(samples, test.count());
    byte[][] inputs = new byte[n][];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      inputs[i] = test.sample(i);
      labels[i] = test.label(i);
    }
    Path work = workDir != null ? workDir : Files.createTempDirectory("onebit-qemu-");
    Console.log("building firmware for " + board.name() + " with " + n + " test vectors in " + work);
    try (Progress bar = Progress.start("qemu " + board.name() + " samples", n, progress)) {
      return QemuTestRunner.run(model, board, inputs, labels, work, Kernels.BOARD, (done, total) -> bar.stepTo(done));
    }
  }
}
