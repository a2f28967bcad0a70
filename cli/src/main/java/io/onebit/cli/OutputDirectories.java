package io.onebit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The check commands that write a whole directory make before any long work (the write itself is atomic). */
final class OutputDirectories {
  private OutputDirectories() {}

  /**
   * @throws IllegalArgumentException if {@code dir} is a file, or a non-empty directory and {@code force} is false
   */
  static void requireWritable(Path dir, boolean force) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " exists and is not a directory");
    }
    if (Files.isDirectory(dir) && !force) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(dir + " exists and is not empty (use --force to replace it)");
        }
      }
    }
  }
}
