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

  /**
   * The arguments with the value of {@code option} (given as "--out X" or "--out=X") cut to its file
   * name: the recorded command then writes beside where it is run, and two runs of one seed that
   * differ only in where they write give the same model bytes.
   */
  static List<String> withFileNameOnly(List<String> args, String option) {
    List<String> out = new ArrayList<>(args);
    for (int i = 0; i < out.size(); i++) {
      String a = out.get(i);
      if (a.equals(option) && i + 1 < out.size()) {
        out.set(i + 1, fileName(out.get(i + 1)));
      } else if (a.startsWith(option + "=")) {
        out.set(i, option + "=" + fileName(a.substring(option.length() + 1)));
      }
    }
    return out;
  }

  private static String fileName(String path) {
    java.nio.file.Path name = java.nio.file.Path.of(path).getFileName();
    return name == null ? path : name.toString();
  }
}
