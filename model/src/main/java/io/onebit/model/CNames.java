package io.onebit.model;

import java.util.Locale;
import java.util.Set;

/**
 * Turns names into C identifiers that are valid, not keywords, and not reserved: the one place
 * where a model's name (chosen at training, checked by the deploy model, used by codegen as the
 * prefix of every generated symbol) is sanitised.
 */
public final class CNames {
  /** C99 keywords plus the C11 ones a newer compiler may reserve. */
  private static final Set<String> KEYWORDS = Set.of(
      "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
      "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
      "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
      "volatile", "while", "_Bool", "_Complex", "_Imaginary", "_Alignas", "_Alignof", "_Atomic", "_Generic",
      "_Noreturn", "_Static_assert", "_Thread_local", "main");

  private CNames() {}

  /**
   * A C identifier for {@code raw}: characters outside [A-Za-z0-9_] become '_', a leading digit
   * or underscore gets the prefix {@code m} (identifiers starting with '_' are reserved at file
   * scope), and a keyword gets the suffix {@code _model}.
   */
  public static String identifier(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "model";
    }
    StringBuilder b = new StringBuilder(raw.length() + 1);
    for (char c : raw.toCharArray()) {
      b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
    }
    if (Character.isDigit(b.charAt(0)) || b.charAt(0) == '_') {
      b.insert(0, 'm');
    }
    String id = b.toString();
    return KEYWORDS.contains(id) ? id + "_model" : id;
  }

  /** The upper-case form for macros, e.g. {@code sfc} becomes {@code SFC}. */
  public static String macro(String identifier) {
    return identifier.toUpperCase(Locale.ROOT);
  }

  /** Text safe inside a C block comment (no comment terminator). */
  public static String comment(String text) {
    return text == null ? "" : text.replace("*/", "* /").replaceAll("[\\r\\n]+", " ");
  }
}
