package io.onebit.codegen;

import java.util.List;

/**
 * A constant C array as the templates print it: its name, its initializer lines and its element
 * count (the declared length).
 */
public record CArray(String name, List<String> lines, int length) {
  /** Words of a weight row per line of C. */
  private static final int WORDS_PER_LINE = 8;
  /** Integers per line of C. */
  private static final int INTS_PER_LINE = 12;

  /** uint32 words in hex. */
  static CArray hexWords(String name, int[] words) {
    return new CArray(name, CLiterals.hexWords(words, WORDS_PER_LINE), words.length);
  }

  /** Signed integers in decimal. */
  static CArray ints(String name, int[] values) {
    return new CArray(name, CLiterals.ints(values, INTS_PER_LINE), values.length);
  }
}
