package io.onebit.report;

/**
 * Counts of (true class, predicted class) pairs over a test set.
 *
 * @param counts counts[actual][predicted]
 */
public record ConfusionMatrix(int[][] counts) {
  /**
   * Tallies predictions against labels.
   *
   * @throws IllegalArgumentException if the arrays differ in length or a class is outside [0, classes)
   */
  public static ConfusionMatrix of(int[] predicted, int[] labels, int classes) {
    if (predicted.length != labels.length) {
      throw new IllegalArgumentException(predicted.length + " predictions for " + labels.length + " labels");
    }
    int[][] counts = new int[classes][classes];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
        throw new IllegalArgumentException("sample " + i + ": class outside 0.." + (classes - 1));
      }
      counts[labels[i]][predicted[i]]++;
    }
    return new ConfusionMatrix(counts);
  }

  public int classes() {
    return counts.length;
  }

  public int total() {
    int n = 0;
    for (int[] row : counts) {
      for (int c : row) {
        n += c;
      }
    }
    return n;
  }

  /** Fraction of samples on the diagonal. */
  public double accuracy() {
    int right = 0;
    for (int c = 0; c < classes(); c++) {
      right += counts[c][c];
    }
    return total() == 0 ? 0 : right / (double) total();
  }

  /** Of the samples of class c, the fraction predicted c (NaN when there are none). */
  public double recall(int c) {
    int n = 0;
    for (int p = 0; p < classes(); p++) {
      n += counts[c][p];
    }
    return n == 0 ? Double.NaN : counts[c][c] / (double) n;
  }
}
