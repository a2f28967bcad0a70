package io.onebit.codegen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a generated directory with its Makefile: firmware images for the board, or the host
 * binary. Returned paths are absolute.
 */
public final class FirmwareBuilder {
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

  private FirmwareBuilder() {}

  /** Builds the board's images with the kernels the board's CPU selects. */
  public static FirmwareImage build(Path dir, Board board) {
    return build(dir, board, Kernels.BOARD);
  }

  /**
   * Builds the board's images ({@code board.outputFormats()}) with the given kernel family.
   *
   * @throws CodegenException "firmware build failed ..." with the compiler output as details
   */
  public static FirmwareImage build(Path dir, Board board, Kernels kernels) {
    dir = dir.toAbsolutePath();
    Toolchain.require(Toolchain.FIRMWARE);
    Path buildDir = dir.resolve("build").resolve(kernels.makeValue());
    if (board.boot2() != null) {
      make(dir, kernels, List.of("boot2"), "boot2 build for " + board.name());
      Boot2Sealer.seal(existing(buildDir.resolve("boot2.bin")), buildDir.resolve("boot2-sealed.bin"));
    }
    make(dir, kernels, List.of(), "firmware build for " + board.name());
    if (board.outputFormats().contains("uf2")) {
      Uf2Writer.write(existing(dir.resolve(kernels.imageName() + ".bin")), board.flashOrigin(), board.uf2FamilyId(),
          dir.resolve(kernels.imageName() + ".uf2"));
    }
    Map<String, Path> images = new LinkedHashMap<>();
    for (String format : board.outputFormats()) {
      images.put(format, existing(dir.resolve(kernels.imageName() + "." + format)));
    }
    Path modelObject = existing(buildDir.resolve("model.o"));
    long stack = FitCheck.afterBuild(MemoryUsage.of(ElfFile.read(images.get("elf"))), StackUsage.bound(buildDir), board);
    return new FirmwareImage(images.get("elf"), Map.copyOf(images), modelObject, kernels, stack);
  }

  /** Builds the host binary (model.c + the host driver with gcc); returns its path. */
  public static Path buildHost(Path dir, Kernels kernels) {
    dir = dir.toAbsolutePath();
    Toolchain.require(Toolchain.HOST);
    make(dir, kernels, List.of("host"), "host build");
    return existing(dir.resolve("build-host").resolve(kernels.makeValue()).resolve("host_model"));
  }

  private static void make(Path dir, Kernels kernels, List<String> targets, String what) {
    List<String> command = new ArrayList<>(List.of("make", "KERNELS=" + kernels.makeValue()));
    command.addAll(targets);
    ProcessRunner.Result r = ProcessRunner.run(command, dir, BUILD_TIMEOUT);
    if (!r.ok()) {
      throw new CodegenException(what + " failed in " + dir + ": " + firstError(r), r.output());
    }
  }

  /** The first compiler or linker diagnostic, so the one-line message says what broke. */
  static String firstError(ProcessRunner.Result r) {
    if (r.timedOut()) {
      return "timed out";
    }
    for (String line : r.output().split("\n")) {
      if (line.contains("error:") || line.contains("undefined reference") || line.contains("*** ")) {
        return line.strip();
      }
    }
    return "make exited with code " + r.exitCode();
  }

  private static Path existing(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new CodegenException("build finished but " + path + " is missing");
    }
    return path;
  }
}
