package io.onebit.model;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a directory all or nothing (as {@link AtomicFiles} does a file): everything goes into a
 * temporary sibling directory, which is renamed to the target once complete, so an interrupted or
 * failed run leaves the old directory or the new one, never a half-written one. Reports and
 * exports use it.
 */
public final class AtomicDirectories {
  private AtomicDirectories() {}

  /** Fills a directory. */
  @FunctionalInterface
  public interface Contents {
    void writeInto(Path dir) throws IOException;
  }

  /**
   * Writes {@code contents} to {@code target}.
   *
   * @param replace whether an existing non-empty {@code target} may be replaced
   * @throws IllegalArgumentException (before anything is written) if {@code target} is a file, or a
   *     non-empty directory and {@code replace} is false
   */
  public static void write(Path target, boolean replace, Contents contents) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      throw new IllegalArgumentException(target + " exists and is not a directory");
    }
    if (Files.isDirectory(absolute) && !isEmpty(absolute) && !replace) {
      throw new IllegalArgumentException(target + " exists and is not empty (use --force to replace it)");
    }
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".");
    try {
      contents.writeInto(tmp);
      readableByAll(tmp);
      if (Files.isDirectory(absolute)) {
        Path old = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".old.");
        Files.delete(old);
        move(absolute, old);
        move(tmp, absolute);
        deleteTree(old);
      } else {
        move(tmp, absolute);
      }
    } finally {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
    }
  }

  /** Deletes a directory tree, deepest entries first. */
  public static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Temporary files and directories are created private (0600 / 0700); a report or a source tree is
   * for others to read, so it gets 0644 / 0755 where the file system has POSIX permissions.
   */
  private static void readableByAll(Path dir) throws IOException {
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }
}
