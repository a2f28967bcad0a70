package io.onebit.cli;

/** Model names become C identifiers in the generated firmware. */
final class CIdentifiers {
  private CIdentifiers() {}

  static String modelName(String text) {
    String name = text.replaceAll("[^A-Za-z0-9_]", "_");
    return Character.isDigit(name.charAt(0)) ? "m_" + name : name;
  }
}
