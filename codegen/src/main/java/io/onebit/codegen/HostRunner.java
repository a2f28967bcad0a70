package io.onebit.codegen;

import io.onebit.model.AtomicFiles;
import io.onebit.model.DeployModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs the generated model.c on the host: gcc compiles it with the host driver
 * (firmware/host/host_driver.c), which reads raw samples from a file and prints the same result
 * lines as the QEMU harness. Fast exactness tests of the C against the golden model use this.
 */
public final class HostRunner {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

  private HostRunner() {}

  /**
   * Generates the sources into {@code workDir}, builds the host binary with the given kernel family,
   * and returns one result per sample (ticks are 0).
   */
  public static List<ResultLine> run(DeployModel model, byte[][] samples, Path workDir, Kernels kernels) {
    CodeGenerator.generate(model, Boards.load(Boards.DEFAULT), workDir, null);
    Path binary = FirmwareBuilder.buildHost(workDir, kernels);
    return runBinary(binary, samples, workDir);
  }

  /** Runs an already built host binary on {@code samples}. */
  public static List<ResultLine> runBinary(Path binary, byte[][] samples, Path workDir) {
    return runBinaryOutput(binary, samples, workDir).results();
  }

  /** As {@link #runBinary}, with the whole console output (a trace build's T lines among it). */
  static HarnessOutput runBinaryOutput(Path binary, byte[][] samples, Path workDir) {
    Path input = workDir.toAbsolutePath().resolve("samples.bin");
    try {
      int size = samples.length == 0 ? 0 : samples[0].length;
      byte[] all = new byte[samples.length * size];
      for (int i = 0; i < samples.length; i++) {
        System.arraycopy(samples[i], 0, all, i * size, size);
      }
      AtomicFiles.write(input, all);
    } catch (IOException e) {
      throw new CodegenException("cannot write " + input + ": " + e.getMessage(), e);
    }
    ProcessRunner.Result r = ProcessRunner.run(List.of(binary.toAbsolutePath().toString(), input.toString()), input.getParent(), RUN_TIMEOUT);
    if (!r.ok()) {
      throw new CodegenException(binary + " failed" + (r.timedOut() ? " (timed out)" : " with exit code " + r.exitCode()), r.output());
    }
    return HarnessOutput.parse(r.output(), binary.toString());
  }
}
