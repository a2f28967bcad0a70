package io.onebit.codegen;

import io.onebit.model.DeployModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates, builds and runs a model's firmware on the board's QEMU machine, then compares every
 * result with the golden model and measures instructions per inference and memory.
 */
public final class QemuTestRunner {
  private static final Duration BASE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PER_SAMPLE = Duration.ofMillis(200);

  private QemuTestRunner() {}

  /** As {@link #run(DeployModel, Board, byte[][], int[], Path, Kernels)} with the board's kernels. */
  public static QemuReport run(DeployModel model, Board board, byte[][] samples, int[] labels, Path workDir) {
    return run(model, board, samples, labels, workDir, Kernels.BOARD);
  }

  /**
   * Runs {@code samples} through the firmware on QEMU.
   *
   * @param labels true classes for accuracy, or null
   * @param workDir where the sources and images are generated and built (kept for inspection)
   * @throws CodegenException when a tool is missing, the build fails, or QEMU fails
   */
  public static QemuReport run(DeployModel model, Board board, byte[][] samples, int[] labels, Path workDir, Kernels kernels) {
    return run(model, board, samples, labels, workDir, kernels, (done, total) -> { });
  }

  /** Progress of a run: called after each firmware image's samples have run on QEMU. */
  @FunctionalInterface
  public interface Listener {
    void samplesDone(int done, int total);
  }

  /** As {@link #run(DeployModel, Board, byte[][], int[], Path, Kernels)}, telling {@code listener} as images finish. */
  public static QemuReport run(DeployModel model, Board board, byte[][] samples, int[] labels, Path workDir, Kernels kernels,
      Listener listener) {
    Toolchain.require(Toolchain.EMULATION);
    // Samples beyond what one image's flash holds run as further images built in the same
    // directory (only vectors.c changes); result indices continue across the batches.
    List<ResultLine> results = new ArrayList<>();
    CodeGenerator.GeneratedSources sources = null;
    FirmwareImage image = null;
    for (byte[][] batch : SampleBatches.split(samples, SampleBatches.perImage(model, board))) {
      sources = CodeGenerator.generate(model, board, workDir, new TestVectors(batch));
      image = FirmwareBuilder.build(workDir, board, kernels);
      Duration timeout = BASE_TIMEOUT.plus(PER_SAMPLE.multipliedBy(batch.length));
      int offset = results.size();
      for (ResultLine r : QemuRunner.run(image.elf(), board, timeout).results()) {
        results.add(new ResultLine(offset + r.index(), r.predictedClass(), r.scores(), r.ticks()));
      }
      listener.samplesDone(results.size(), samples.length);
    }
    // A mismatch is traced layer by layer on the same board and kernels, so the report names where it starts.
    GoldenComparison comparison = GoldenComparison.compare(model, samples, results, labels,
        sample -> DeviceTrace.onQemu(model, board, sample, workDir.resolve("trace"), kernels));
    ElfSizes sizes = ElfSizes.of(image, sources.model());
    double meanTicks = results.stream().mapToLong(ResultLine::ticks).average().orElse(0);
    return new QemuReport(board.name(), kernels.resolve(board).makeValue(), samples.length, comparison.bitExact(),
        labels == null ? null : (double) comparison.correct() / samples.length,
        meanTicks * board.instructionsPerTick(), sizes.model().flashBytes(), sizes.model().ramBytes(),
        sizes.weightBytes(), sizes.firmware().flashBytes(), sizes.firmware().ramBytes(),
        comparison.mismatchCount(), comparison.firstMismatches(), comparison.firstDivergence(), image.stackBytes());
  }
}
