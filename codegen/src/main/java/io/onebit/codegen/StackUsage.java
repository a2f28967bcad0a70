package io.onebit.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The firmware's stack bound from gcc's {@code -fstack-usage} files ({@code *.su}: one line per
 * function, "file:line:col:function&lt;TAB&gt;bytes&lt;TAB&gt;static|dynamic").
 *
 * <p>The bound is the sum of every function's frame. The firmware has no recursion, no interrupt
 * handler that returns, and no dynamic frames (a {@code dynamic} line is refused), so any call chain
 * uses a subset of these frames and the sum can only overestimate. It stays small because the
 * kernels are inlined into one infer function: a few hundred bytes in practice.
 */
public final class StackUsage {
  private StackUsage() {}

  /** Sums the frames of all {@code .su} files below {@code buildDir}. */
  public static long bound(Path buildDir) {
    long total = 0;
    try (Stream<Path> files = Files.walk(buildDir)) {
      for (Path su : files.filter(p -> p.toString().endsWith(".su")).sorted().toList()) {
        for (String line : Files.readAllLines(su)) {
          total += frame(line, su);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read stack usage below " + buildDir, e);
    }
    return total;
  }

  static long frame(String line, Path file) {
    String[] fields = line.split("\t");
    if (fields.length < 3) {
      return 0;
    }
    if (fields[2].contains("dynamic")) {
      throw new CodegenException(file + ": " + fields[0] + " has a dynamic stack frame; the firmware must not use one");
    }
    return Long.parseLong(fields[1].trim());
  }
}
