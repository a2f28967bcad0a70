package io.onebit.codegen;

import java.util.List;
import java.util.Map;

/**
 * How {@code onebit flash} programs a real board (board field {@code flash}).
 *
 * @param tool the programmer executable: {@code openocd}, {@code pyocd}, {@code st-flash} or {@code picotool}
 * @param arguments its arguments; {@code {elf}}, {@code {bin}}, {@code {hex}}, {@code {uf2}} become the
 *     absolute path of that image and {@code {flash_origin}} the flash start address in hex
 */
public record FlashTool(String tool, List<String> arguments) {
  /** The Debian package of each supported programmer, for the one-line "not found" error. */
  public static final Map<String, String> PACKAGES = Map.of(
      "openocd", "openocd", "pyocd", "python3-pyocd", "st-flash", "stlink-tools", "picotool", "picotool");

  /** The Debian package that provides {@link #tool}. */
  public String debianPackage() {
    return PACKAGES.get(tool);
  }

  /** The image formats the arguments refer to, e.g. {@code [elf]}. */
  public List<String> formats() {
    return Board.FORMATS.stream().filter(f -> arguments.stream().anyMatch(a -> a.contains("{" + f + "}"))).toList();
  }

  void validate(String where, List<String> builtFormats) {
    Board.require(where, PACKAGES.containsKey(tool), "flash tool '" + tool + "' is not one of " + PACKAGES.keySet().stream().sorted().toList());
    Board.require(where, arguments != null && !arguments.isEmpty(), "flash arguments are missing");
    Board.require(where, builtFormats.containsAll(formats()), "flash arguments use an image format not in output_formats");
  }
}
