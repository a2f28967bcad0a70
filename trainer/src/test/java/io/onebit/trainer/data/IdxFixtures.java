package io.onebit.trainer.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files in memory, so tests need no real dataset. */
final class IdxFixtures {
  static final int UNSIGNED_BYTE = 0x08;

  private IdxFixtures() {}

  /** An IDX file: magic 0x0000TTDD, the dimensions, then {@code data} as it is. */
  static byte[] idx(int type, int[] dims, byte[] data) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    buffer.putInt(type << 8 | dims.length);
    for (int d : dims) {
      buffer.putInt(d);
    }
    return buffer.put(data).array();
  }

  /** {@code count} images whose pixels differ by sample, row and column, tagged by {@code seed}. */
  static byte[] images(int count, int rows, int cols, int seed) {
    byte[] pixels = new byte[count * rows * cols];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 31 + seed * 7);
    }
    return idx(UNSIGNED_BYTE, new int[] {count, rows, cols}, pixels);
  }

  /** {@code count} labels cycling through {@code classes}, shifted by {@code seed}. */
  static byte[] labels(int count, int classes, int seed) {
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) ((i + seed) % classes);
    }
    return idx(UNSIGNED_BYTE, new int[] {count}, labels);
  }

  static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
