package io.onebit.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * C initializer literals, pre-wrapped into lines so that templates only print them. Every
 * element is followed by a comma (valid in C initializers) so lines join without special cases.
 */
final class CLiterals {
  private CLiterals() {}

  /** uint32 words in hex with a {@code u} suffix, {@code perLine} per line. */
  static List<String> hexWords(int[] words, int perLine) {
    List<String> items = new ArrayList<>(words.length);
    for (int w : words) {
      items.add(String.format("0x%08xu", w));
    }
    return lines(items, perLine);
  }

  /** Signed 32-bit integers; INT32_MIN is written as an int expression, not a wider literal. */
  static List<String> ints(int[] values, int perLine) {
    List<String> items = new ArrayList<>(values.length);
    for (int v : values) {
      items.add(intLiteral(v));
    }
    return lines(items, perLine);
  }

  /** Unsigned bytes in decimal. */
  static List<String> bytes(byte[] values, int perLine) {
    List<String> items = new ArrayList<>(values.length);
    for (byte v : values) {
      items.add(Integer.toString(v & 0xff));
    }
    return lines(items, perLine);
  }

  /**
   * A C string literal of {@code text}: printable ASCII as it is (with \\, \" and \? escaped, the last
   * against trigraphs), every other byte of its UTF-8 form as a three-digit octal escape.
   */
  static String string(String text) {
    StringBuilder b = new StringBuilder("\"");
    for (byte v : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = v & 0xff;
      if (c == '\\' || c == '"' || c == '?') {
        b.append('\\').append((char) c);
      } else if (c >= 0x20 && c < 0x7f) {
        b.append((char) c);
      } else {
        b.append(String.format("\\%03o", c));
      }
    }
    return b.append('"').toString();
  }

  /** Signed integers of a raw sample type in decimal. */
  static List<String> values(int[] values, int perLine) {
    List<String> items = new ArrayList<>(values.length);
    for (int v : values) {
      items.add(Integer.toString(v));
    }
    return lines(items, perLine);
  }

  /** One int32 value as a C expression of type int32. */
  static String intLiteral(int v) {
    return v == Integer.MIN_VALUE ? "(-2147483647 - 1)" : Integer.toString(v);
  }

  /** An address or size as a C/linker hex literal. */
  static String hex(long v) {
    return String.format("0x%08X", v);
  }

  private static List<String> lines(List<String> items, int perLine) {
    List<String> lines = new ArrayList<>((items.size() + perLine - 1) / perLine);
    for (int i = 0; i < items.size(); i += perLine) {
      lines.add(String.join(", ", items.subList(i, Math.min(items.size(), i + perLine))) + ",");
    }
    return lines;
  }
}
