package io.onebit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/** The check commands that write a whole directory make before any long work (the write itself is atomic). */
final class OutputDirectories {
  private OutputDirectories() {}

  /**
   * Checks {@code option}'s directory as {@link OutputPaths#directory} does (a directory or nothing yet, in a place
   * that can be written), and that an existing one is empty unless {@code force}.
   *
   * @throws IllegalArgumentException one line naming the option and the directory
   */
  static void requireWritable(CommandSpec spec, String option, Path dir, boolean force) throws IOException {
    OutputPaths.directory(spec, option, dir);
    if (Files.isDirectory(dir) && !force) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(option + " " + dir + ": exists and is not empty (use --force to replace"
              + " it)");
        }
      }
    }
  }
}
