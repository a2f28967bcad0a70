package io.onebit.codegen;

import java.nio.file.Path;
import java.util.Map;

/**
 * A built firmware.
 *
 * @param elf the ELF image (always built)
 * @param images every image built, by format ({@code elf}, {@code bin}, {@code hex})
 * @param modelObject the object file compiled from model.c, for the model's own sizes
 * @param kernels the kernel family it was built with
 * @param stackBytes the stack bound measured with {@code -fstack-usage} (see {@link StackUsage})
 */
public record FirmwareImage(Path elf, Map<String, Path> images, Path modelObject, Kernels kernels, long stackBytes) {
  /** The same image after its directory {@code from} was moved to {@code to} (a staged build put in place). */
  public FirmwareImage relocated(Path from, Path to) {
    Map<String, Path> moved = new java.util.LinkedHashMap<>();
    images.forEach((format, path) -> moved.put(format, to.resolve(from.relativize(path))));
    return new FirmwareImage(to.resolve(from.relativize(elf)), Map.copyOf(moved), to.resolve(from.relativize(modelObject)),
        kernels, stackBytes);
  }
}
