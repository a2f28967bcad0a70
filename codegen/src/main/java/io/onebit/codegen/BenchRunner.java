package io.onebit.codegen;

import io.onebit.model.DeployModel;
import io.onebit.model.Layer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a model's firmware twice (optimised and reference kernels) with per-layer SysTick marks
 * ({@code make PROFILE_FLAGS=-DONEBIT_PROFILE_LAYERS}), runs both on the board's QEMU machine with
 * {@code -icount shift=0}, checks every score against the golden model and reports instructions
 * per inference and per layer (ticks * 1e9 / clock), flash and RAM.
 */
public final class BenchRunner {
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
  /** The reference kernels take about 2.2 M instructions per SFC inference; QEMU runs tens of millions a second. */
  private static final Duration BASE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PER_SAMPLE = Duration.ofSeconds(1);
  static final String PROFILE_FLAGS = "PROFILE_FLAGS=-DONEBIT_PROFILE_LAYERS";

  private BenchRunner() {}

  /**
   * Benchmarks {@code model} on {@code board} with {@code samples} (they must fit one image: a few
   * suffice; the column kernels' counts follow the density of 1 bits, so the figures are means).
   *
   * @param workDir gets {@code optimised/} and {@code reference/} project directories
   * @throws CodegenException if the model does not fit, a build fails, or QEMU fails
   */
  public static BenchReport run(DeployModel model, Board board, byte[][] samples, Path workDir) {
    Toolchain.require(Toolchain.EMULATION);
    BenchReport.Figures optimised = figures(model, board, samples, workDir.resolve("optimised"), Kernels.OPTIMISED);
    BenchReport.Figures reference = figures(model, board, samples, workDir.resolve("reference"), Kernels.REFERENCE);
    long words = model.layers().stream().mapToLong(Layer::xorWords).sum();
    return new BenchReport(model.name(), board.name(), samples.length, optimised, reference,
        reference.instructionsPerInference() / optimised.instructionsPerInference(), words);
  }

  /**
   * One kernel family's figures for {@code model} on {@code board}: a profiled build in {@code dir},
   * run on QEMU, instructions per inference and per segment (the input encoding, then each layer),
   * the model's and the image's flash and RAM. {@code onebit summary} and {@code onebit report} use
   * this with {@link Kernels#BOARD}.
   *
   * @throws CodegenException if the model does not fit, the build fails, or QEMU fails
   */
  public static BenchReport.Figures profile(DeployModel model, Board board, byte[][] samples, Path dir, Kernels kernels) {
    Toolchain.require(Toolchain.EMULATION);
    return figures(model, board, samples, dir, kernels);
  }

  private static BenchReport.Figures figures(DeployModel model, Board board, byte[][] samples, Path dir, Kernels kernels) {
    dir = dir.toAbsolutePath();
    CodeGenerator.GeneratedSources sources = CodeGenerator.generate(model, board, dir, new TestVectors(samples));
    ProcessRunner.Result build = ProcessRunner.run(List.of("make", "KERNELS=" + kernels.makeValue(), PROFILE_FLAGS), dir,
        BUILD_TIMEOUT);
    if (!build.ok()) {
      throw new CodegenException("profiled firmware build for " + board.name() + " failed in " + dir + ": "
          + FirmwareBuilder.firstError(build), build.output());
    }
    Path elf = dir.resolve(kernels.imageName() + ".elf");
    Path modelObject = dir.resolve("build").resolve(kernels.makeValue()).resolve("model.o");
    HarnessOutput output = QemuRunner.run(elf, board, BASE_TIMEOUT.plus(PER_SAMPLE.multipliedBy(samples.length)));
    boolean exact = GoldenComparison.compare(model, samples, output.results(), null).bitExact();
    double perTick = board.instructionsPerTick();
    double total = output.results().stream().mapToLong(ResultLine::ticks).average().orElse(0) * perTick;
    double[] ticks = LayerProfile.meanTicks(output.raw(), model.layers().size() + 1, "QEMU " + board.qemuMachine());
    List<String> names = LayerProfile.segmentNames(model);
    List<BenchReport.Segment> segments = new ArrayList<>();
    for (int i = 0; i < ticks.length; i++) {
      segments.add(new BenchReport.Segment(names.get(i), ticks[i] * perTick));
    }
    ElfSizes sizes = ElfSizes.of(elf, modelObject, sources.model().weightSymbols());
    long stack = StackUsage.bound(dir.resolve("build").resolve(kernels.makeValue()));
    return new BenchReport.Figures(kernels.resolve(board).makeValue(), exact, total, List.copyOf(segments),
        sizes.model().flashBytes(), sizes.model().ramBytes(), sizes.firmware().flashBytes(), sizes.firmware().ramBytes(),
        stack);
  }
}
