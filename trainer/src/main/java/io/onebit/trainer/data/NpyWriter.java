package io.onebit.trainer.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes {@code .npy} arrays (format 1.0, little-endian, C order) and {@code .npz} archives of them,
 * byte for byte reproducible: entries are stored uncompressed with a fixed time, so a generator's
 * output has one SHA-256 on every machine.
 */
public final class NpyWriter {
  /** 2024-01-01 00:00 as a local (DOS) time: no time zone enters the bytes. */
  private static final java.time.LocalDateTime FIXED_TIME = java.time.LocalDateTime.of(2024, 1, 1, 0, 0);

  private NpyWriter() {}

  /** An array to write: a dtype descr ({@code <i2}, {@code |u1}, {@code <i8}, {@code <U16}, ...), a shape and its data bytes. */
  public record Array(String descr, long[] shape, byte[] data) {}

  public static Array int16(short[] values, long... shape) {
    ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (short v : values) {
      b.putShort(v);
    }
    return new Array("<i2", shape, b.array());
  }

  public static Array uint8(byte[] values, long... shape) {
    return new Array("|u1", shape, values.clone());
  }

  public static Array int64(long[] values, long... shape) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return new Array("<i8", shape, b.array());
  }

  public static Array float32(float[] values, long... shape) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return new Array("<f4", shape, b.array());
  }

  /** Unicode strings, NumPy's {@code <U}n with n the longest length (UTF-32LE, NUL-padded). */
  public static Array strings(String... values) {
    int n = Math.max(1, Arrays.stream(values).mapToInt(v -> v.codePointCount(0, v.length())).max().orElse(1));
    ByteBuffer b = ByteBuffer.allocate(4 * n * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (String v : values) {
      int[] cps = v.codePoints().toArray();
      for (int k = 0; k < n; k++) {
        b.putInt(k < cps.length ? cps[k] : 0);
      }
    }
    return new Array("<U" + n, new long[] {values.length}, b.array());
  }

  /** The bytes of one {@code .npy} file. */
  public static byte[] npy(Array array) {
    String shape = Arrays.stream(array.shape()).mapToObj(Long::toString).collect(Collectors.joining(", "));
    if (array.shape().length == 1) {
      shape += ",";
    }
    String dict = "{'descr': '" + array.descr() + "', 'fortran_order': False, 'shape': (" + shape + "), }";
    int total = 10 + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(header.length() & 0xff);
    out.write(header.length() >> 8);
    out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(array.data());
    return out.toByteArray();
  }

  /** The bytes of an {@code .npz} holding {@code arrays} (by name, without {@code .npy}), in order. */
  public static byte[] npz(Map<String, Array> arrays) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, Array> e : new LinkedHashMap<>(arrays).entrySet()) {
        byte[] content = npy(e.getValue());
        ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        entry.setTimeLocal(FIXED_TIME);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }
}
