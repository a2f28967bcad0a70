package io.onebit.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes files so that a reader never sees a half-written one: the bytes go to a temporary file
 * in the same directory, which is then renamed over the target.
 *
 * <ul>
 *   <li>Only regular files are replaced. A symbolic link is written through (its target file is
 *       replaced, the link stays); a directory, device, pipe or socket is refused, so
 *       {@code --out /dev/null} never replaces the system's device node.
 *   <li>New files get the mode the umask gives (as any tool's output); a replaced file keeps its mode.
 *   <li>{@link #writeAll} writes several files all or nothing: every temporary file is complete
 *       before the first rename, so a full disk leaves none of them.
 *   <li>Every failure is an {@link IOException} whose message names the file.
 * </ul>
 */
public final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  public static void write(Path target, byte[] bytes) throws IOException {
    writeAll(Map.of(target, bytes));
  }

  public static void writeString(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes every file, or none: on any failure the targets are as they were and no temporary file is left. */
  public static void writeAll(Map<Path, byte[]> files) throws IOException {
    Map<Path, Path> temporaries = new LinkedHashMap<>();
    try {
      for (Map.Entry<Path, byte[]> file : files.entrySet()) {
        Path target = writableTarget(file.getKey());
        temporaries.put(target, writeTemporary(target, file.getValue()));
      }
      for (Map.Entry<Path, Path> t : temporaries.entrySet()) {
        try {
          move(t.getValue(), t.getKey());
        } catch (IOException e) {
          throw new IOException("cannot write " + t.getKey() + ": " + reason(e), e);
        }
      }
    } finally {
      for (Path tmp : temporaries.values()) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * The regular file a write to {@code path} replaces or creates: {@code path} itself, or the file
   * a symbolic link points to.
   *
   * @throws IOException naming the path when it is a directory, a special file or a dangling link
   */
  public static Path writableTarget(Path path) throws IOException {
    Path absolute = path.toAbsolutePath();
    if (Files.isSymbolicLink(absolute)) {
      if (!Files.exists(absolute)) {
        throw new IOException(path + ": is a symbolic link to nothing (" + Files.readSymbolicLink(absolute) + ")");
      }
      absolute = absolute.toRealPath();
    }
    if (Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(path + ": is a directory, not a file");
    }
    if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(path + ": is not a regular file (a device, pipe or socket); onebit only replaces"
          + " regular files");
    }
    return absolute;
  }

  private static Path writeTemporary(Path target, byte[] bytes) throws IOException {
    Path dir = target.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      // CREATE_NEW with the default attributes: the mode is 0666 minus the umask, as for any tool's output.
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(bytes);
      }
      keepMode(target, tmp);
      return tmp;
    } catch (IOException e) {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
      throw new IOException("cannot write " + target + ": " + reason(e), e);
    }
  }

  /** A replaced file keeps its permissions. */
  private static void keepMode(Path target, Path tmp) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
    if (view != null && Files.exists(target)) {
      Set<PosixFilePermission> mode = view.readAttributes().permissions();
      Files.setPosixFilePermissions(tmp, mode);
    }
  }

  /** Renames a finished file or directory over its target, atomically where the file system can. */
  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** What went wrong, in words: "No space left on device", "permission denied". */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException f && f.getReason() == null) {
      return "exists already";
    }
    if (e instanceof java.nio.file.NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof java.nio.file.DirectoryNotEmptyException) {
      return "directory not empty";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? "input/output error" : message;
  }

  /** The reason of the innermost I/O error in a chain of wrapped ones (the one the system reported). */
  public static String rootReason(IOException e) {
    IOException root = e;
    while (root.getCause() instanceof IOException cause && cause != root) {
      root = cause;
    }
    return reason(root);
  }

  /** Deletes a file or a directory tree (for temporary work directories); missing is fine. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> all = new ArrayList<>();
    if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      try (var walk = Files.walk(root)) {
        walk.forEach(all::add);
      }
    } else {
      all.add(root);
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      Files.deleteIfExists(all.get(i));
    }
  }
}
