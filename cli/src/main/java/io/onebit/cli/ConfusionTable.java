package io.onebit.cli;

import io.onebit.model.DeployModel;
import java.io.PrintStream;

/**
 * The confusion matrix as text: one row per true class (its name, the counts of each predicted
 * class, its recall), columns headed by class index (names can be long), then a key of the names.
 */
final class ConfusionTable {
  /** More classes than this print per-class recall only (a 256 x 256 table helps no one). */
  static final int MAX_MATRIX_CLASSES = 20;

  private ConfusionTable() {}

  static void print(DeployModel model, int[][] confusion, PrintStream out) {
    int classes = confusion.length;
    int nameWidth = 5;
    int max = 1;
    for (int t = 0; t < classes; t++) {
      nameWidth = Math.max(nameWidth, Math.min(20, model.className(t).length()));
      for (int p = 0; p < classes; p++) {
        max = Math.max(max, confusion[t][p]);
      }
    }
    int cell = Math.max(Integer.toString(max).length(), Integer.toString(classes - 1).length()) + 1;
    boolean matrix = classes <= MAX_MATRIX_CLASSES;
    StringBuilder head = new StringBuilder(String.format("%-" + (nameWidth + 5) + "s", "true \\ predicted"));
    if (matrix) {
      for (int p = 0; p < classes; p++) {
        head.append(String.format("%" + cell + "d", p));
      }
    }
    out.println(head.append("   recall"));
    for (int t = 0; t < classes; t++) {
      int total = 0;
      StringBuilder row = new StringBuilder(String.format("%3d %-" + nameWidth + "s ", t, clip(model.className(t), 20)));
      for (int p = 0; p < classes; p++) {
        total += confusion[t][p];
        if (matrix) {
          row.append(String.format("%" + cell + "d", confusion[t][p]));
        }
      }
      row.append(total == 0 ? "      n/a" : String.format("  %6.2f%%", 100.0 * confusion[t][t] / total));
      out.println(row);
    }
  }

  private static String clip(String name, int width) {
    return name.length() <= width ? name : name.substring(0, width - 1) + "…";
  }
}
