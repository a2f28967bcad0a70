package io.onebit.trainer.train;

import io.onebit.trainer.data.Dataset;

/**
 * A run's fingerprint — architecture, settings and training data in one line — which a checkpoint
 * carries so that only the run that wrote it continues from it, and the words in which two
 * fingerprints differ, for the refusal.
 */
final class RunFingerprint {
  private RunFingerprint() {}

  /** What must match for a checkpoint to continue this run: architecture, settings and training data. */
  static String of(TrainConfig config, Dataset train) {
    return config.architecture().name() + " " + config.architecture().layers() + " " + config.settings() + " on "
        + train.name() + " (" + train.count() + " samples)"
        + (config.distillation() == null ? "" : " teacher " + config.distillation().teacher().name());
  }

  /**
   * Where two run fingerprints differ, in words: the words they share at the start and the end (the
   * architecture's layers, the data) are left out, so "--epochs 5" against "--epochs 8" is what is shown.
   */
  static String difference(String saved, String current) {
    String[] a = saved.split(" ");
    String[] b = current.split(" ");
    int start = 0;
    while (start < a.length && start < b.length && a[start].equals(b[start])) {
      start++;
    }
    if (start > 0 && a[start - 1].startsWith("--")) { // a value differs: show it with its option
      start--;
    }
    int end = 0;
    while (end < a.length - start && end < b.length - start && a[a.length - 1 - end].equals(b[b.length - 1 - end])) {
      end++;
    }
    String was = String.join(" ", java.util.Arrays.copyOfRange(a, start, a.length - end));
    String is = String.join(" ", java.util.Arrays.copyOfRange(b, start, b.length - end));
    if (start == 0 && !a[0].equals(b[0])) { // other architectures: their names say it, not their layer lists
      was = withoutLayerList(was);
      is = withoutLayerList(is);
    }
    if (was.isEmpty()) {
      return "this run adds '" + is + "'";
    }
    if (is.isEmpty()) {
      return "it was written with '" + was + "', which this run leaves out";
    }
    return "it was written with '" + was + "' where this run has '" + is + "'";
  }

  /** "tfc [Dense[units=64], ...] --epochs 5" without the bracketed list after the name: "tfc --epochs 5". */
  private static String withoutLayerList(String text) {
    int open = text.indexOf(" [");
    if (open < 0 || text.substring(0, open).contains(" ")) {
      return text;
    }
    int depth = 0;
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      depth += c == '[' ? 1 : c == ']' ? -1 : 0;
      if (depth == 0) {
        return text.substring(0, open) + text.substring(i + 1);
      }
    }
    return text;
  }
}
