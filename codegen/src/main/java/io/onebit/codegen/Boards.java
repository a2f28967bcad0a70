package io.onebit.codegen;

import io.onebit.model.Json;
import java.util.List;

/** The board definitions shipped in the codegen jar ({@code boards/*.json} in the source tree). */
public final class Boards {
  static final String DIRECTORY = "onebit/boards";
  /** The board used when none is named: QEMU's Cortex-M4 MPS2 image. */
  public static final String DEFAULT = "mps2-an386";

  private Boards() {}

  /** Names of the known boards, sorted. */
  public static List<String> names() {
    return ClasspathResources.list(DIRECTORY).stream()
        .filter(f -> f.endsWith(".json") && !f.contains("/"))
        .map(f -> f.substring(0, f.length() - ".json".length()))
        .sorted()
        .toList();
  }

  /**
   * Loads and validates a board by name.
   *
   * @throws CodegenException naming the known boards if there is no such board, or naming the
   *     file and the problem if its JSON is invalid
   */
  public static Board load(String name) {
    List<String> known = names();
    if (name == null || !known.contains(name)) {
      throw new CodegenException("unknown board '" + name + "' (known boards: " + String.join(", ", known) + ")");
    }
    String file = "boards/" + name + ".json";
    Board board = parse(ClasspathResources.read(DIRECTORY + "/" + name + ".json"), file);
    if (!name.equals(board.name())) {
      throw new CodegenException(file + ": name is '" + board.name() + "', expected '" + name + "'");
    }
    return board;
  }

  /** Parses and validates one board file; {@code file} names it in error messages. */
  public static Board parse(byte[] json, String file) {
    Board board;
    try {
      board = Json.read(json, Board.class);
    } catch (Json.InvalidJsonException e) {
      throw new CodegenException(file + ": invalid board: " + e.getMessage(), e);
    }
    if (board == null) {
      throw new CodegenException(file + ": empty board file");
    }
    board.validate(file);
    return board;
  }
}
