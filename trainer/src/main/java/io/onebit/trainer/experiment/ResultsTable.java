package io.onebit.trainer.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders experiment results as a markdown table, one row per (architecture, run) over its
 * seeds: test accuracy mean ± sample standard deviation, epochs, seconds per run, flip metrics.
 */
public final class ResultsTable {
  private ResultsTable() {}

  /** Mean and sample standard deviation (n − 1; 0 for one value). */
  public static double[] meanStd(List<Double> values) {
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.size();
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double std = values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0;
    return new double[] {mean, std};
  }

  /** Text safe inside a markdown table cell: '|' escaped, line breaks as spaces (names are the user's). */
  static String cell(String text) {
    return text == null ? "" : text.replace("\\", "\\\\").replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
  }

  public static String markdown(String title, List<RunResult> results) {
    Map<String, List<RunResult>> groups = new LinkedHashMap<>();
    for (RunResult r : results) {
      groups.computeIfAbsent(r.architecture() + "\u0000" + r.run(), k -> new ArrayList<>()).add(r);
    }
    StringBuilder out = new StringBuilder();
    out.append("## ").append(title.replaceAll("[\\r\\n]+", " ")).append("\n\n");
    out.append("| arch | run | method | optimizer | epochs | seeds | test accuracy % (mean ± std) | s / run"
        + " | FF ratio (mean) | FF ratio (last epoch) | C2I ratio (final) |\n");
    out.append("| --- | --- | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (List<RunResult> g : groups.values()) {
      RunResult first = g.get(0);
      List<Double> acc = new ArrayList<>();
      List<Double> secs = new ArrayList<>();
      List<Double> ff = new ArrayList<>();
      List<Double> ffLast = new ArrayList<>();
      List<Double> c2i = new ArrayList<>();
      StringBuilder seeds = new StringBuilder();
      for (RunResult r : g) {
        acc.add(100 * r.testAccuracy());
        secs.add(r.seconds());
        ff.add(r.meanFfRatio());
        ffLast.add(r.finalFfRatio());
        c2i.add(r.finalC2iRatio());
        seeds.append(seeds.length() == 0 ? "" : ",").append(r.seed());
      }
      double[] a = meanStd(acc);
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %s | %.2f ± %.2f | %.0f | %.2e | %.2e | %.3f |%n",
          cell(first.architecture()), cell(first.run()), cell(first.method()), cell(first.optimizer()), first.epochs(),
          seeds, a[0], a[1],
          meanStd(secs)[0], meanStd(ff)[0], meanStd(ffLast)[0], meanStd(c2i)[0]));
    }
    return out.toString();
  }
}
