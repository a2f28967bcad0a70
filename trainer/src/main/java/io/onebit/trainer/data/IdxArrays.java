package io.onebit.trainer.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * IDX files of any rank and element type, as {@link NpyArray}s: the magic {@code 0x0000TTDD}, DD
 * big-endian 32-bit sizes, then big-endian elements of type TT: 0x08 uint8, 0x09 int8, 0x0B int16,
 * 0x0C int32, 0x0D float32, 0x0E float64 (raw or gzip). Unlike the catalogue's MNIST files these carry
 * no checksum: they are the user's own.
 */
public final class IdxArrays {
  private IdxArrays() {}

  /** Whether {@code head} starts like an IDX file: two zero bytes, a known type, 1 to 4 dimensions. */
  static boolean isIdx(byte[] head) {
    return head.length >= 4 && head[0] == 0 && head[1] == 0 && itemSize(head[2] & 0xff) > 0 && head[3] >= 1 && head[3] <= 4;
  }

  private static int itemSize(int type) {
    return switch (type) {
      case 0x08, 0x09 -> 1;
      case 0x0B -> 2;
      case 0x0C, 0x0D -> 4;
      case 0x0E -> 8;
      default -> 0;
    };
  }

  public static NpyArray read(Path path) {
    String file = path.toString();
    byte[] c = IdxReader.content(path);
    if (c.length < 4 || !isIdx(c)) {
      throw new DataFormatException(file, "not an IDX file of a known element type (0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E)");
    }
    int type = c[2] & 0xff;
    int rank = c[3];
    int header = 4 + 4 * rank;
    if (c.length < header) {
      throw new DataFormatException(file, "truncated: expected a " + header + "-byte header, found " + c.length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.BIG_ENDIAN);
    long[] shape = new long[rank];
    long elements = 1;
    for (int d = 0; d < rank; d++) {
      shape[d] = Integer.toUnsignedLong(b.getInt(4 + 4 * d));
      elements *= shape[d];
      if (elements > Integer.MAX_VALUE) {
        throw new DataFormatException(file, "bad dimensions: " + NpyArray.shapeText(shape) + " is too large");
      }
    }
    int size = itemSize(type);
    long expected = elements * size;
    long found = c.length - header;
    if (found != expected) {
      throw new DataFormatException(file, (found < expected ? "truncated: " : "trailing garbage: ") + "shape "
          + NpyArray.shapeText(shape) + " needs " + expected + " data bytes, found " + found);
    }
    char kind = switch (type) {
      case 0x08 -> 'u';
      case 0x0D, 0x0E -> 'f';
      default -> 'i';
    };
    ByteBuffer data = ByteBuffer.wrap(c, header, (int) expected).slice().order(ByteOrder.BIG_ENDIAN);
    return new NpyArray(file, shape, kind, size, data);
  }
}
