package io.onebit.model;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-file output written all or nothing: the files go to a staging directory beside the
 * target, and only a complete set is moved into place by {@link #commit}. A failure before that
 * (a full disk, a compiler error) leaves the target as it was and removes the staging directory.
 *
 * <p>A target that does not exist yet is created by one rename of the whole staging directory. An
 * existing target directory keeps its other files; each staged file replaces its namesake by a
 * rename (renames need no space). Only regular files are replaced: a directory, device or link in
 * the way is refused before anything moves.
 *
 * <pre>
 *   try (StagedDirectory stage = StagedDirectory.beside(out)) {
 *     write files below stage.path();
 *     stage.commit();
 *   }
 * </pre>
 */
public final class StagedDirectory implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Path target;
  private final Path staging;
  private boolean committed;

  private StagedDirectory(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
  }

  /**
   * A new, empty staging directory for {@code target}: a hidden sibling when the target does not
   * exist, a hidden directory inside it when it does (so the target's own permissions decide).
   *
   * @throws IOException naming the target when it is not a directory or cannot be written
   */
  public static StagedDirectory beside(Path target) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    boolean exists = Files.exists(absolute);
    if (exists && !Files.isDirectory(absolute)) {
      throw new IOException(target + ": exists and is not a directory");
    }
    Path parent = exists ? absolute : absolute.getParent();
    String name = (exists ? ".onebit-staging" : "." + absolute.getFileName() + ".onebit-staging") + "-";
    try {
      Files.createDirectories(parent);
      while (true) {
        Path staging = parent.resolve(name + Long.toUnsignedString(RANDOM.nextLong(), 36));
        try {
          Files.createDirectory(staging); // default attributes: the umask decides the mode
          return new StagedDirectory(absolute, staging);
        } catch (FileAlreadyExistsException e) {
          // another name
        }
      }
    } catch (IOException e) {
      throw new IOException("cannot write " + target + ": " + AtomicFiles.reason(e), e);
    }
  }

  /** Where to write the files. */
  public Path path() {
    return staging;
  }

  /** The final directory. */
  public Path target() {
    return target;
  }

  /** Moves the staged files into place. */
  public void commit() throws IOException {
    try {
      if (!Files.exists(target)) {
        AtomicFiles.move(staging, target);
      } else {
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(staging)) {
          walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
        }
        for (Path file : files) { // refuse before moving anything: the file and its directories must fit
          Path destination = target.resolve(staging.relativize(file).toString());
          if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)
              && !Files.isRegularFile(destination, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(destination + ": is in the way and is not a regular file");
          }
          for (Path dir = destination.getParent(); !dir.equals(target); dir = dir.getParent()) {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
              throw new IOException(dir + ": is in the way and is not a directory");
            }
          }
        }
        for (Path file : files) {
          Path destination = target.resolve(staging.relativize(file).toString());
          Files.createDirectories(destination.getParent());
          AtomicFiles.move(file, destination);
        }
        AtomicFiles.deleteTree(staging);
      }
      committed = true;
    } catch (IOException e) {
      throw new IOException("cannot write " + target + ": " + AtomicFiles.reason(e), e);
    }
  }

  /** Removes the staging directory unless it was committed. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      AtomicFiles.deleteTree(staging);
    }
  }
}
