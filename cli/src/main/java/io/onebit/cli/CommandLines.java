package io.onebit.cli;

import java.util.ArrayList;
import java.util.List;

/** A command line as one shell line, quoting only the words that need it (picocli's original arguments start with the subcommand). */
final class CommandLines {
  private CommandLines() {}

  static String of(String command, List<String> args) {
    List<String> words = new ArrayList<>(List.of(command));
    for (String a : args) {
      words.add(a.matches("[A-Za-z0-9_./:=@%+,-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return String.join(" ", words);
  }
}
