package io.onebit.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads an input file with a size limit, so that {@code --model /dev/zero}, a FIFO or a huge file
 * given by mistake is refused after at most {@code limit + 1} bytes instead of exhausting the heap.
 * Messages name no path: callers put the file name first ("m.json: larger than 64 MiB ...").
 */
public final class BoundedFiles {
  /** Deploy models: a model for the largest board (4 MiB of weights) is about 15 MB of JSON. */
  public static final long MODEL_LIMIT = 64L << 20;
  /** Architecture files, experiment configs, board files: hand-written, a few kilobytes. */
  public static final long CONFIG_LIMIT = 1L << 20;

  private BoundedFiles() {}

  /**
   * The file's bytes.
   *
   * @throws IOException "no such file", "is a directory", "permission denied", or "larger than N"
   */
  public static byte[] read(Path path, long limit) throws IOException {
    if (Files.isDirectory(path)) {
      throw new IOException("is a directory, not a file");
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (bytes.length > limit) {
        throw new IOException("larger than " + size(limit) + ", too large for this kind of file");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw new IOException("no such file", e);
    } catch (AccessDeniedException e) {
      throw new IOException("permission denied", e);
    }
  }

  /** 64 MiB, 1 MiB, 512 KiB, 100 bytes. */
  static String size(long bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return String.format(Locale.ROOT, "%d MiB", bytes >> 20);
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return String.format(Locale.ROOT, "%d KiB", bytes >> 10);
    }
    return bytes + " bytes";
  }
}
