package io.onebit.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * onebit's charts as PNG, drawn with XChart (Apache 2.0, pure Java2D: works headless, no display
 * or native library). One method per chart; each returns the rendered {@link Plot}.
 */
public final class Plots {
  static final int WIDTH = 800;
  static final int HEIGHT = 480;
  private static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
      new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
      new Color(0xbcbd22), new Color(0x17becf)};

  static {
    // XChart draws into BufferedImages; no display is needed or wanted.
    System.setProperty("java.awt.headless", "true");
  }

  private Plots() {}

  /** Training loss per epoch. */
  public static Plot loss(TrainingHistory history) {
    XYChart chart = xy("Training loss per epoch", "epoch", "loss");
    chart.addSeries("loss", epochs(history), history.epochs().stream().mapToDouble(TrainingHistory.Epoch::loss).toArray());
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setYAxisDecimalPattern("0.000");
    return render("loss", "Training loss per epoch", chart);
  }

  /** Train and test accuracy per epoch, in percent. */
  public static Plot accuracy(TrainingHistory history) {
    XYChart chart = xy("Accuracy per epoch", "epoch", "accuracy (%)");
    chart.addSeries("train", epochs(history),
        history.epochs().stream().mapToDouble(e -> 100 * e.trainAccuracy()).toArray());
    chart.addSeries("test", epochs(history),
        history.epochs().stream().mapToDouble(e -> 100 * e.testAccuracy()).toArray());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setYAxisDecimalPattern("0.0");
    return render("accuracy", "Train and test accuracy per epoch", chart);
  }

  /**
   * A flip ratio per layer and epoch: {@code ff} (flip-flop ratio: the fraction of binary weights
   * whose sign flipped back and forth, per step) or {@code c2i} (change to initial: the fraction
   * whose sign differs from the initialisation).
   */
  public static Plot flipRatios(TrainingHistory history, boolean flipFlop) {
    String what = flipFlop ? "Flip-flop ratio per layer" : "Change-to-initial ratio per layer";
    XYChart chart = xy(what, "epoch", flipFlop ? "FF ratio" : "C2I ratio");
    Map<String, List<double[]>> byLayer = new LinkedHashMap<>();
    for (TrainingHistory.Epoch e : history.epochs()) {
      for (TrainingHistory.LayerRatios l : e.layers()) {
        byLayer.computeIfAbsent(l.layer(), k -> new ArrayList<>())
            .add(new double[] {e.epoch(), flipFlop ? l.ffRatio() : l.c2iRatio()});
      }
    }
    if (byLayer.isEmpty()) {
      chart.addSeries("all layers", epochs(history), history.epochs().stream()
          .mapToDouble(e -> flipFlop ? e.ffRatio() : e.c2iRatio()).toArray());
    }
    for (Map.Entry<String, List<double[]>> layer : byLayer.entrySet()) {
      chart.addSeries(layer.getKey(), layer.getValue().stream().mapToDouble(p -> p[0]).toArray(),
          layer.getValue().stream().mapToDouble(p -> p[1]).toArray());
    }
    if (flipFlop) {
      // FF ratios span orders of magnitude as the learning rate decays; zeros cannot be drawn on a log axis.
      boolean positive = chart.getSeriesMap().values().stream().allMatch(s -> min(s.getYData()) > 0);
      chart.getStyler().setYAxisLogarithmic(positive);
    }
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    return render(flipFlop ? "ff-ratio" : "c2i-ratio", what, chart);
  }

  /** The confusion matrix: rows the true class, columns the predicted class, counts in the cells. */
  public static Plot confusion(ConfusionMatrix m, List<String> classNames) {
    int n = m.classes();
    HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(WIDTH, 60 * n + 260)).height(Math.max(HEIGHT, 40 * n + 160))
        .title(String.format(java.util.Locale.ROOT, "Confusion matrix (%d samples, accuracy %.2f %%)", m.total(),
            100 * m.accuracy()))
        .xAxisTitle("predicted class").yAxisTitle("true class").build();
    List<Number[]> cells = new ArrayList<>();
    int max = 1;
    for (int actual = 0; actual < n; actual++) {
      for (int predicted = 0; predicted < n; predicted++) {
        // XChart's y axis grows upwards: the first class goes on top, as in a printed matrix.
        cells.add(new Number[] {predicted, n - 1 - actual, m.counts()[actual][predicted]});
        max = Math.max(max, m.counts()[actual][predicted]);
      }
    }
    List<String> names = classNames.size() == n ? classNames : indices(n);
    List<String> reversed = new ArrayList<>(names);
    java.util.Collections.reverse(reversed);
    chart.addSeries("counts", names, reversed, cells);
    var styler = chart.getStyler();
    style(styler);
    styler.setShowValue(true);
    styler.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, n > 15 ? 9 : 12));
    styler.setHeatMapValueDecimalPattern("#");
    styler.setMin(0);
    styler.setMax(max);
    styler.setRangeColors(new Color[] {Color.WHITE, new Color(0x9ecae1), new Color(0x08519c)});
    styler.setXAxisLabelRotation(names.stream().anyMatch(s -> s.length() > 3) ? 45 : 0);
    styler.setLegendVisible(false);
    return render("confusion", "Confusion matrix of the golden model on the test set", chart);
  }

  /**
   * Instructions per layer on each board, from QEMU under -icount shift=0.
   *
   * @param segments per board, the segment names (input encoding, then layers) and their instructions
   */
  public static Plot instructionsPerLayer(Map<String, List<Segment>> segments) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Instructions per layer and board (QEMU, -icount shift=0)").xAxisTitle("layer")
        .yAxisTitle("instructions per inference").build();
    for (Map.Entry<String, List<Segment>> board : segments.entrySet()) {
      chart.addSeries(board.getKey(), board.getValue().stream().map(Segment::name).toList(),
          board.getValue().stream().map(s -> (Number) s.instructions()).toList());
    }
    style(chart.getStyler());
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setAvailableSpaceFill(0.8);
    return render("instructions", "Instructions per layer on each board", chart);
  }

  /** A segment of one inference: its name and instructions. */
  public record Segment(String name, double instructions) {}

  /**
   * An experiment grid's test accuracy against model size (binary weights, log scale), one series
   * per run of the grid (method, optimiser...), one point per trained cell.
   */
  public static Plot accuracyVsSize(List<GridPoint> points, String title) {
    XYChart chart = xy(title == null ? "Test accuracy against model size" : title, "binary weights (bits)", "test accuracy (%)");
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setMarkerSize(9);
    Map<String, List<GridPoint>> series = new LinkedHashMap<>();
    points.forEach(p -> series.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p));
    for (Map.Entry<String, List<GridPoint>> s : series.entrySet()) {
      chart.addSeries(s.getKey(), s.getValue().stream().mapToDouble(GridPoint::binaryWeights).toArray(),
          s.getValue().stream().mapToDouble(p -> 100 * p.accuracy()).toArray());
    }
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    return render("experiment-accuracy-vs-size", "Experiment grid: test accuracy against model size", chart);
  }

  /** One trained cell of a grid: its series (the run), model size and accuracy in [0, 1]. */
  public record GridPoint(String series, long binaryWeights, double accuracy) {}

  private static XYChart xy(String title, String x, String y) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
    style(chart.getStyler());
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.getStyler().setMarkerSize(5);
    return chart;
  }

  private static void style(Styler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setLegendBorderColor(new Color(0xdddddd));
    styler.setSeriesColors(SERIES);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    styler.setAntiAlias(true);
  }

  private static double[] epochs(TrainingHistory history) {
    return history.epochs().stream().mapToDouble(TrainingHistory.Epoch::epoch).toArray();
  }

  private static double min(double[] values) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : values) {
      m = Math.min(m, v);
    }
    return m;
  }

  private static List<String> indices(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add(String.valueOf(i));
    }
    return names;
  }

  private static Plot render(String name, String title, Chart<?, ?> chart) {
    try {
      return new Plot(name, title, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the " + name + " chart", e);
    }
  }
}
