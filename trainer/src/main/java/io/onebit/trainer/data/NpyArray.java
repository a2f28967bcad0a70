package io.onebit.trainer.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One NumPy array from a {@code .npy} file (format versions 1.0 to 3.0): the magic
 * {@code \x93NUMPY}, a version, a little-endian header length (2 bytes in 1.0, 4 after), and a
 * Python dict literal {@code {'descr': '<i2', 'fortran_order': False, 'shape': (100, 28, 28), }},
 * then the elements in C order.
 *
 * <p>Element types read: bool, uint8, int8, uint16, int16, uint32, int32, uint64, int64, float32,
 * float64 (either byte order), and unicode strings ({@code <U}n, for class names and labels). Other
 * types (complex, objects, bytes, datetimes, float16) and Fortran order are refused with the reason.
 *
 * @param shape the dimensions
 * @param kind 'b' bool, 'u' unsigned, 'i' signed, 'f' float, 'U' unicode string
 * @param itemSize bytes per element
 * @param data the elements, in the file's byte order
 */
public record NpyArray(String file, long[] shape, char kind, int itemSize, ByteBuffer data) {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  static boolean isNpy(byte[] head) {
    return head.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(head, MAGIC.length), MAGIC);
  }

  /** Parses a whole {@code .npy} file's bytes; {@code file} names it in messages. */
  public static NpyArray parse(String file, byte[] bytes) {
    if (!isNpy(bytes)) {
      throw new DataFormatException(file, "not a .npy file (no \\x93NUMPY magic)");
    }
    if (bytes.length < 10) {
      throw new DataFormatException(file, "truncated .npy header");
    }
    int major = bytes[6] & 0xff;
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength;
    int start;
    if (major == 1) {
      headerLength = b.getShort(8) & 0xffff;
      start = 10;
    } else if (major == 2 || major == 3) {
      if (bytes.length < 12) {
        throw new DataFormatException(file, "truncated .npy header");
      }
      headerLength = b.getInt(8);
      start = 12;
    } else {
      throw new DataFormatException(file, ".npy format version " + major + " is not supported (1 to 3 are)");
    }
    if (headerLength < 0 || start + (long) headerLength > bytes.length) {
      throw new DataFormatException(file, "truncated .npy header");
    }
    String header = new String(bytes, start, headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    String descr = group(file, DESCR, header, "descr");
    if ("True".equals(group(file, FORTRAN, header, "fortran_order"))) {
      throw new DataFormatException(file, "Fortran-order arrays are not supported; save np.ascontiguousarray(a)");
    }
    long[] shape = shape(file, group(file, SHAPE, header, "shape"));
    char order = descr.isEmpty() ? '?' : descr.charAt(0);
    String type = descr.length() > 1 ? descr.substring(1) : descr;
    char kind = type.isEmpty() ? '?' : type.charAt(0);
    int itemSize;
    try {
      itemSize = Integer.parseInt(type.substring(1));
    } catch (RuntimeException e) {
      throw unsupported(file, descr);
    }
    boolean supported = switch (kind) {
      case 'b' -> itemSize == 1;
      case 'u', 'i' -> itemSize == 1 || itemSize == 2 || itemSize == 4 || itemSize == 8;
      case 'f' -> itemSize == 4 || itemSize == 8;
      case 'U' -> itemSize >= 1;
      default -> false;
    };
    if (!supported || (order != '<' && order != '>' && order != '|' && order != '=')) {
      throw unsupported(file, descr);
    }
    long elements = 1;
    for (long d : shape) {
      elements = Math.multiplyExact(elements, d);
    }
    long bytesPerElement = kind == 'U' ? 4L * itemSize : itemSize;
    long expected = elements * bytesPerElement;
    long found = bytes.length - start - headerLength;
    if (found < expected) {
      throw new DataFormatException(file, "truncated: shape " + shapeText(shape) + " of " + descr + " needs " + expected
          + " data bytes, found " + found);
    }
    ByteBuffer data = ByteBuffer.wrap(bytes, start + headerLength, (int) expected).slice()
        .order(order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    return new NpyArray(file, shape, kind, itemSize, data);
  }

  private static DataFormatException unsupported(String file, String descr) {
    return new DataFormatException(file, "unsupported dtype '" + descr + "' (supported: bool, uint8/16/32/64, "
        + "int8/16/32/64, float32, float64; unicode strings for labels)");
  }

  private static String group(String file, Pattern p, String header, String key) {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new DataFormatException(file, "the .npy header has no '" + key + "': " + header.strip());
    }
    return m.group(1);
  }

  private static long[] shape(String file, String text) {
    List<Long> dims = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      try {
        long d = Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
        if (d < 0) {
          throw new NumberFormatException();
        }
        dims.add(d);
      } catch (NumberFormatException e) {
        throw new DataFormatException(file, "bad shape (" + text + ")");
      }
    }
    return dims.stream().mapToLong(Long::longValue).toArray();
  }

  public long elements() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  public static String shapeText(long[] shape) {
    return "(" + String.join(", ", Arrays.stream(shape).mapToObj(Long::toString).toList()) + (shape.length == 1 ? ",)" : ")");
  }

  public String shapeText() {
    return shapeText(shape);
  }

  public boolean isString() {
    return kind == 'U';
  }

  public boolean isFloat() {
    return kind == 'f';
  }

  /** Element i as a double (numeric arrays; 64-bit integers beyond 2^53 lose their low bits). */
  public double value(int i) {
    return switch (kind) {
      case 'b' -> data.get(i) != 0 ? 1 : 0;
      case 'u' -> switch (itemSize) {
        case 1 -> data.get(i) & 0xff;
        case 2 -> data.getShort(2 * i) & 0xffff;
        case 4 -> Integer.toUnsignedLong(data.getInt(4 * i));
        default -> {
          long v = data.getLong(8 * i);
          yield v >= 0 ? v : Math.scalb((double) (v >>> 1), 1);
        }
      };
      case 'i' -> switch (itemSize) {
        case 1 -> data.get(i);
        case 2 -> data.getShort(2 * i);
        case 4 -> data.getInt(4 * i);
        default -> data.getLong(8 * i);
      };
      case 'f' -> itemSize == 4 ? data.getFloat(4 * i) : data.getDouble(8 * i);
      default -> throw new DataFormatException(file, "a string array where numbers are expected");
    };
  }

  /** Element i of a unicode-string array (UTF-32, NUL-padded). */
  public String string(int i) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < itemSize; k++) {
      int cp = data.getInt((i * itemSize + k) * 4);
      if (cp == 0) {
        break;
      }
      b.appendCodePoint(cp);
    }
    return b.toString();
  }

  /** The first dimension (samples). */
  public int count() {
    return shape.length == 0 ? 1 : (int) shape[0];
  }

  /** A dtype name like NumPy's, for messages. */
  public String dtype() {
    return switch (kind) {
      case 'b' -> "bool";
      case 'u' -> "uint" + 8 * itemSize;
      case 'i' -> "int" + 8 * itemSize;
      case 'f' -> "float" + 8 * itemSize;
      default -> "str";
    };
  }

  @Override
  public String toString() {
    return dtype() + " " + shapeText() + String.format(Locale.ROOT, " (%s)", file);
  }
}
