package io.onebit.codegen;

import java.util.Arrays;
import java.util.Locale;

/** The build systems {@code onebit export} writes a model for. */
public enum ExportFormat {
  /** An Arduino library (1.5 format): library.properties, src/, an example sketch. */
  ARDUINO,
  /** A PlatformIO library: library.json, the Arduino layout, the same example. */
  PLATFORMIO,
  /** A Zephyr module: zephyr/module.yml, CMakeLists.txt with zephyr_library, Kconfig, a sample. */
  ZEPHYR,
  /** A plain CMake library target, with a bare-metal example firmware for the board. */
  CMAKE;

  /** The name on the command line, e.g. {@code platformio}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The format called {@code name}.
   *
   * @throws IllegalArgumentException naming the known formats
   */
  public static ExportFormat named(String name) {
    for (ExportFormat f : values()) {
      if (f.cliName().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown export format '" + name + "' (known: "
        + String.join(", ", Arrays.stream(values()).map(ExportFormat::cliName).toList()) + ")");
  }
}
