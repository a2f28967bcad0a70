package io.onebit.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One file of a dataset, known by its base name (e.g. {@code train-images-idx3-ubyte}) and the
 * SHA-256 of its decompressed content. On disk it may be raw or gzipped, named with or without
 * {@code .gz}; the checksum holds for both.
 */
public record DatasetFile(String baseName, String sha256) {
  static final String GZ = ".gz";

  /** Whether {@code path} names a copy of this file, raw or gzipped. */
  boolean matches(Path path) {
    Path name = path.getFileName();
    return name != null && (name.toString().equals(baseName) || name.toString().equals(baseName + GZ));
  }

  /** The copy of this file in {@code dir}, preferring the raw name when both exist. */
  Optional<Path> findIn(Path dir) {
    return Stream.of(dir.resolve(baseName), dir.resolve(baseName + GZ)).filter(Files::isRegularFile).findFirst();
  }

  /**
   * Checks {@code bytes} (raw or gzip) against the checksum.
   *
   * @param where names the copy in the error: its path, or its base name for bytes not yet stored
   * @throws DataFormatException on a checksum mismatch or corrupt gzip
   */
  void verify(String where, byte[] bytes) {
    String actual = IdxReader.sha256(IdxReader.decompress(where, bytes));
    if (!actual.equals(sha256)) {
      throw new DataFormatException(where, "checksum mismatch: SHA-256 of the content is " + actual + ", expected " + sha256);
    }
  }

  /** Reads and verifies the copy at {@code path}. */
  void verify(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new DataFormatException(path.toString(), "cannot read: " + Failures.describe(e));
    }
    verify(path.toString(), bytes);
  }
}
