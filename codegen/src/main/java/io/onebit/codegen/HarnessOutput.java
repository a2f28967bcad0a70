package io.onebit.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsed console output of the harness (QEMU) or the host driver: one {@link ResultLine}
 * per sample, then {@code END <count>}. Other lines are ignored.
 */
public record HarnessOutput(List<ResultLine> results, String raw) {
  /**
   * Parses {@code output}; {@code source} names the program in error messages.
   *
   * @throws CodegenException if a line is malformed, samples are missing, or END is absent
   */
  public static HarnessOutput parse(String output, String source) {
    List<ResultLine> results = new ArrayList<>();
    Integer end = null;
    for (String line : output.split("\\R")) {
      String[] f = line.strip().split(" ");
      try {
        if (f[0].equals("R") && f.length >= 5) {
          int[] scores = new int[f.length - 4];
          for (int j = 0; j < scores.length; j++) {
            scores[j] = Integer.parseInt(f[3 + j]);
          }
          int index = Integer.parseInt(f[1]);
          if (index != results.size()) {
            throw new CodegenException(source + ": result for sample " + index + " where " + results.size() + " was expected", output);
          }
          results.add(new ResultLine(index, Integer.parseInt(f[2]), scores, Long.parseLong(f[f.length - 1])));
        } else if (f[0].equals("END") && f.length == 2) {
          end = Integer.parseInt(f[1]);
        }
      } catch (NumberFormatException e) {
        throw new CodegenException(source + ": malformed result line '" + line.strip() + "'", output);
      }
    }
    if (end == null) {
      throw new CodegenException(source + ": output ended without an END line after " + results.size() + " results", output);
    }
    if (end != results.size()) {
      throw new CodegenException(source + ": END reports " + end + " samples but " + results.size() + " results were printed", output);
    }
    return new HarnessOutput(List.copyOf(results), output);
  }
}
