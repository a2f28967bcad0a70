package io.onebit.trainer.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format MNIST and Fashion-MNIST ship in: a big-endian magic number
 * {@code 0x0000TTDD} (TT the element type, DD the number of dimensions), DD big-endian 32-bit
 * sizes, then the elements. Only unsigned bytes (TT = 0x08) are accepted, since both datasets
 * use nothing else.
 *
 * <p>Files may be raw or gzip-compressed. Compression is recognised by the gzip magic bytes, not
 * by the {@code .gz} suffix, because mirrors and packages do not agree on names (some serve a
 * decompressed file under its {@code .gz} name). For the same reason checksums are taken over
 * the decompressed content, so a raw copy and a gzip copy of one file verify against one value.
 *
 * <p>Every problem throws {@link DataFormatException} with one line naming the file; the whole
 * file is checked, including trailing bytes, so a damaged download cannot pass as a short one.
 */
public final class IdxReader {
  private static final int UNSIGNED_BYTE = 0x08;

  private IdxReader() {}

  /** Reads a 3-dimensional unsigned-byte IDX file (magic 0x00000803). */
  public static IdxImages readImages(Path file) {
    return parseImages(file.toString(), content(file));
  }

  /** Reads a 1-dimensional unsigned-byte IDX file (magic 0x00000801). */
  public static byte[] readLabels(Path file) {
    return parseLabels(file.toString(), content(file));
  }

  /** SHA-256, as lower-case hex, of the file's decompressed content. */
  public static String sha256(Path file) {
    return sha256(content(file));
  }

  /** The file's bytes, decompressed if they start with the gzip magic. */
  static byte[] content(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file.toString(), "file not found");
    } catch (IOException e) {
      throw new DataFormatException(file.toString(), "cannot read: " + Failures.describe(e));
    }
    return decompress(file.toString(), bytes);
  }

  /** {@code bytes} decompressed if they start with the gzip magic, else {@code bytes} itself. */
  static byte[] decompress(String file, byte[] bytes) {
    if (!isGzip(bytes)) {
      return bytes;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)) {
      return in.readAllBytes();
    } catch (IOException e) {
      // Reading from memory cannot fail, so any IOException here is the inflater's verdict.
      throw new DataFormatException(file, "corrupt gzip: " + Failures.describe(e));
    }
  }

  static boolean isGzip(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  static IdxImages parseImages(String file, byte[] content) {
    int[] dims = header(file, content, 3, "images");
    if (dims[1] == 0 || dims[2] == 0) {
      throw new DataFormatException(file, "bad dimensions: images of " + dims[1] + "x" + dims[2] + " pixels");
    }
    byte[] pixels = body(file, content, dims, "pixel");
    return new IdxImages(dims[0], dims[1], dims[2], pixels);
  }

  static byte[] parseLabels(String file, byte[] content) {
    return body(file, content, header(file, content, 1, "labels"), "label");
  }

  /** Checks the magic number and returns the dimensions it announces. */
  private static int[] header(String file, byte[] c, int rank, String kind) {
    if (c.length < 4) {
      throw new DataFormatException(file, "truncated: expected a 4-byte IDX magic number, found " + c.length + " bytes");
    }
    if (c[0] != 0 || c[1] != 0) {
      throw new DataFormatException(file, String.format("not an IDX file: bad magic number 0x%08x", readInt(c, 0)));
    }
    if (c[2] != UNSIGNED_BYTE) {
      throw new DataFormatException(file,
          String.format("wrong element type 0x%02x (expected 0x%02x, unsigned byte)", c[2] & 0xff, UNSIGNED_BYTE));
    }
    if (c[3] != rank) {
      throw new DataFormatException(file,
          "wrong number of dimensions: " + c[3] + " (expected " + rank + " for " + kind + ")");
    }
    int headerSize = 4 + 4 * rank;
    if (c.length < headerSize) {
      throw new DataFormatException(file,
          "truncated: expected a " + headerSize + "-byte header, found " + c.length + " bytes");
    }
    int[] dims = new int[rank];
    for (int d = 0; d < rank; d++) {
      dims[d] = readInt(c, 4 + 4 * d);
      if (dims[d] < 0) {
        throw new DataFormatException(file,
            "bad dimensions: size " + Integer.toUnsignedString(dims[d]) + " is too large");
      }
    }
    return dims;
  }

  /** The elements after the header, demanding exactly as many as the dimensions announce. */
  private static byte[] body(String file, byte[] c, int[] dims, String element) {
    int headerSize = 4 + 4 * dims.length;
    long expected = 1;
    for (int d : dims) {
      expected *= d; // cannot overflow: both factors are below 2^31
      if (expected > Integer.MAX_VALUE) {
        throw new DataFormatException(file,
            "bad dimensions: " + Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("x"))
                + " is more than 2 GiB of " + element + " bytes");
      }
    }
    long found = c.length - headerSize;
    if (found < expected) {
      throw new DataFormatException(file,
          "truncated: expected " + expected + " " + element + " bytes, found " + found);
    }
    if (found > expected) {
      throw new DataFormatException(file,
          "trailing garbage: " + (found - expected) + " bytes after the " + expected + " " + element + " bytes");
    }
    byte[] elements = new byte[(int) expected];
    System.arraycopy(c, headerSize, elements, 0, elements.length);
    return elements;
  }

  private static int readInt(byte[] c, int at) {
    return (c[at] & 0xff) << 24 | (c[at + 1] & 0xff) << 16 | (c[at + 2] & 0xff) << 8 | (c[at + 3] & 0xff);
  }
}
