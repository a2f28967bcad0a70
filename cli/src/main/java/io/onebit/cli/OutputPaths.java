package io.onebit.cli;

import io.onebit.model.AtomicFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks a command's outputs before it does any work (training, downloads, builds), so that a
 * path that cannot be written fails in the first second with one line, not after an hour:
 *
 * <ul>
 *   <li>a file output must not name a directory ({@code --out dir/} or an existing directory), a
 *       device, pipe or socket, or a dangling symbolic link;
 *   <li>a directory output must be a directory if it exists;
 *   <li>the directory that will hold the output (or its nearest existing ancestor, which onebit
 *       creates the rest below) must be a writable directory.
 * </ul>
 */
final class OutputPaths {
  private OutputPaths() {}

  /**
   * Checks a file output.
   *
   * @param spec the command's spec, to see the option as typed ({@code dir/} keeps its slash)
   * @throws IllegalArgumentException one line naming the option and the path
   */
  static void file(CommandSpec spec, String option, Path path) {
    String typed = typed(spec, option, path);
    String where = option + " " + typed + ": ";
    if (typed.endsWith("/") || typed.endsWith(File.separator)) {
      throw new IllegalArgumentException(where + "names a directory; give a file name (e.g. " + typed + "model.json)");
    }
    file(where, path);
  }

  /** As {@link #file(CommandSpec, String, Path)} for a file the command derives (e.g. the metrics beside a model). */
  static void file(String where, Path path) {
    if (Files.isSymbolicLink(path) && !Files.exists(path)) {
      throw new IllegalArgumentException(where + "is a symbolic link to nothing");
    }
    if (Files.isDirectory(path)) {
      throw new IllegalArgumentException(where + "is a directory; give a file name");
    }
    if (Files.exists(path) && !Files.isRegularFile(path)) {
      throw new IllegalArgumentException(where + "is not a regular file (a device, pipe or socket); onebit only"
          + " writes regular files");
    }
    writableAncestor(where, path.toAbsolutePath().getParent());
  }

  /** Checks a directory output: a directory or nothing yet, in a writable place. */
  static void directory(CommandSpec spec, String option, Path path) {
    String where = option + " " + typed(spec, option, path) + ": ";
    Path absolute = path.toAbsolutePath();
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      throw new IllegalArgumentException(where + "exists and is not a directory");
    }
    if (Files.isSymbolicLink(absolute) && !Files.exists(absolute)) {
      throw new IllegalArgumentException(where + "is a symbolic link to nothing");
    }
    writableAncestor(where, absolute);
  }

  /** Refuses an output that is also an input of the command (it would be overwritten). */
  static void notAnInput(String option, Path output, Path input, String inputOption) {
    if (input != null && output.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException(option + " " + output + " would overwrite " + inputOption + " " + input);
    }
  }

  /** The nearest existing directory at or above {@code dir} must be writable (onebit creates the rest). */
  private static void writableAncestor(String where, Path dir) {
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new IllegalArgumentException(where + "no part of the path exists");
    }
    if (!Files.isDirectory(existing)) {
      throw new IllegalArgumentException(where + existing + " is not a directory");
    }
    // access(2) with W_OK: false on a read-only file system, for root too; then a real probe, since some
    // file systems (/proc, /sys) pass access() but take no new files.
    if (!Files.isWritable(existing) || !Files.isExecutable(existing)) {
      throw new IllegalArgumentException(where + "cannot write in " + existing + " (permission denied or a"
          + " read-only file system)");
    }
    try {
      Files.delete(Files.createTempFile(existing, ".onebit-probe-", ".tmp"));
    } catch (IOException e) {
      throw new IllegalArgumentException(where + "cannot write in " + existing + " (" + AtomicFiles.reason(e) + ")", e);
    }
  }

  /** The option's value as typed on the command line (Path drops a trailing slash), or the path. */
  private static String typed(CommandSpec spec, String option, Path path) {
    if (spec != null && spec.commandLine() != null && spec.commandLine().getParseResult() != null) {
      OptionSpec matched = spec.commandLine().getParseResult().matchedOption(option);
      if (matched != null && !matched.stringValues().isEmpty()) {
        return matched.stringValues().get(matched.stringValues().size() - 1);
      }
    }
    return path.toString();
  }
}
