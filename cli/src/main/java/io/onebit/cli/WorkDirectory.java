package io.onebit.cli;

import io.onebit.model.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a command generates and builds firmware: the directory the user named (kept), or a new
 * temporary one that is removed when the command ends, whether it succeeds or fails, so that
 * {@code qemu-test}, {@code bench} and {@code flash} leave nothing in the system's temporary directory.
 */
final class WorkDirectory implements AutoCloseable {
  private final Path path;
  private final boolean temporary;
  private boolean kept;

  private WorkDirectory(Path path, boolean temporary) {
    this.path = path;
    this.temporary = temporary;
  }

  /** {@code given} when not null, else a new temporary directory named {@code prefix...}. */
  static WorkDirectory of(Path given, String prefix) throws IOException {
    return given != null ? new WorkDirectory(given, false)
        : new WorkDirectory(Files.createTempDirectory(prefix), true);
  }

  Path path() {
    return path;
  }

  boolean temporary() {
    return temporary && !kept;
  }

  /** Keeps a temporary directory after all (its path was printed for the user). */
  void keep() {
    kept = true;
  }

  @Override
  public void close() throws IOException {
    if (temporary()) {
      AtomicFiles.deleteTree(path);
    }
  }
}
