package io.onebit.qemutests;

import io.onebit.codegen.QemuReport;
import io.onebit.model.AtomicFiles;
import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.Json;
import io.onebit.model.RandomModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/** Models, samples and report files shared by the QEMU tests. */
final class QemuFixtures {
  /** The SFC shape of the BNN literature: 784-256-256-256-10. */
  static final int[] SFC_WIDTHS = {256, 256, 256, 10};
  static final InputSpec MNIST = InputSpec.thresholded(28, 28, 1, 128);
  static final Path WORK = Path.of("target", "qemu-work");
  static final Path REPORTS = Path.of("target", "qemu-reports");

  private QemuFixtures() {}

  static DeployModel sfc(long seed) {
    return RandomModels.dense("sfc", MNIST, SFC_WIDTHS, new Random(seed));
  }

  static byte[][] samples(InputSpec input, int count, long seed) {
    Random random = new Random(seed);
    byte[][] samples = new byte[count][];
    for (int i = 0; i < count; i++) {
      samples[i] = RandomModels.sample(input, random);
    }
    return samples;
  }

  /** The first {@code count} test images of a dataset with their labels, run on a board. */
  static QemuReport runFirstSamples(DeployModel model, String board, io.onebit.trainer.data.Dataset test, int count,
      String work) {
    byte[][] samples = new byte[count][];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      samples[i] = test.sample(i);
      labels[i] = test.label(i);
    }
    return io.onebit.codegen.QemuTestRunner.run(model, io.onebit.codegen.Boards.load(board), samples, labels,
        WORK.resolve(work));
  }

  /** Keeps the report as JSON under target/qemu-reports and prints its summary line. */
  static void keep(String name, QemuReport report) throws IOException {
    AtomicFiles.write(REPORTS.resolve(name + ".json"), Json.mapper().writeValueAsBytes(report));
    System.out.println("[qemu] " + name + ": " + report.summary());
  }
}
