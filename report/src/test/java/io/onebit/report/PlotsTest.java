package io.onebit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every chart renders headless to a PNG that decodes, at the size asked, with more than a blank page in it. */
class PlotsTest {
  @TempDir
  Path dir;

  /** Two epochs as the trainer writes them, with a field this reader does not know. */
  static final String METRICS = """
      [{"epoch":1,"loss":0.58,"train_accuracy":0.83,"test_accuracy":0.887,"learning_rate":0.01,"seconds":7.2,
        "stage":"binary","ff_ratio":1.2e-3,"c2i_ratio":0.31,"future_field":{"x":1},
        "layers":[{"layer":"dense 0","weights":200704,"ff_ratio":1.5e-3,"c2i_ratio":0.35},
                  {"layer":"dense 1","weights":65536,"ff_ratio":9e-4,"c2i_ratio":0.28}]},
       {"epoch":2,"loss":0.46,"train_accuracy":0.86,"test_accuracy":0.913,"learning_rate":1e-5,"seconds":5.3,
        "stage":"binary","ff_ratio":1.5e-5,"c2i_ratio":0.48,
        "layers":[{"layer":"dense 0","weights":200704,"ff_ratio":2e-5,"c2i_ratio":0.5},
                  {"layer":"dense 1","weights":65536,"ff_ratio":1e-5,"c2i_ratio":0.45}]}]
      """;

  @Test
  void trainingChartsFromAMetricsFile() throws Exception {
    Path file = Files.writeString(dir.resolve("m.metrics.json"), METRICS);
    TrainingHistory h = TrainingHistory.read(file);
    assertEquals(2, h.epochs().size());
    assertEquals(0.913, h.epochs().get(1).testAccuracy());
    assertEquals("dense 1", h.epochs().get(0).layers().get(1).layer());
    for (Plot p : List.of(Plots.loss(h), Plots.accuracy(h), Plots.flipRatios(h, true), Plots.flipRatios(h, false))) {
      decodes(p, Plots.WIDTH, Plots.HEIGHT);
    }
    assertEquals("ff-ratio.png", Plots.flipRatios(h, true).fileName());
  }

  @Test
  void confusionInstructionsAndGridCharts() throws Exception {
    ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1, 1, 2, 2, 2}, new int[] {0, 1, 2, 2, 2, 0}, 3);
    assertEquals(new int[][] {{1, 0, 1}, {0, 1, 0}, {0, 1, 2}}[2][2], m.counts()[2][2]);
    assertEquals(4 / 6.0, m.accuracy(), 1e-12);
    assertEquals(2 / 3.0, m.recall(2), 1e-12);
    decodes(Plots.confusion(m, List.of("cat", "dog", "bird")), Plots.WIDTH, Plots.HEIGHT);
    Map<String, List<Plots.Segment>> boards = new LinkedHashMap<>();
    boards.put("mps2-an386", List.of(new Plots.Segment("encode", 1070), new Plots.Segment("0 dense_sign", 15930)));
    boards.put("mps2-an385", List.of(new Plots.Segment("encode", 1500), new Plots.Segment("0 dense_sign", 19000)));
    decodes(Plots.instructionsPerLayer(boards), Plots.WIDTH, Plots.HEIGHT);
    decodes(Plots.accuracyVsSize(List.of(new Plots.GridPoint("ste", 334_336, 0.978), new Plots.GridPoint("ste", 1_000_000, 0.98),
        new Plots.GridPoint("bop", 334_336, 0.97)), null), Plots.WIDTH, Plots.HEIGHT);
  }

  @Test
  void badMetricsFilesAreNamedInOneLine() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.json"), "[]");
    assertTrue(assertThrows(ReportException.class, () -> TrainingHistory.read(empty)).getMessage()
        .startsWith(empty + ": expected a non-empty JSON list"));
    Path noLoss = Files.writeString(dir.resolve("noloss.json"), "[{\"epoch\":1}]");
    assertTrue(assertThrows(ReportException.class, () -> TrainingHistory.read(noLoss)).getMessage()
        .contains("epoch entry 0: missing number 'loss'"));
    assertTrue(assertThrows(ReportException.class, () -> TrainingHistory.read(dir.resolve("none.json"))).getMessage()
        .endsWith("none.json: no such file"));
  }

  /** The PNG decodes, has the size, and is not one flat colour. */
  static void decodes(Plot p, int minWidth, int minHeight) throws Exception {
    Path keep = Path.of("target", "plots", p.fileName());
    Files.createDirectories(keep.getParent());
    Files.write(keep, p.png());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(p.png()));
    assertTrue(image != null, p.name() + " is not a PNG");
    assertTrue(image.getWidth() >= minWidth && image.getHeight() >= minHeight, p.name() + " " + image.getWidth() + "x"
        + image.getHeight());
    int first = image.getRGB(0, 0);
    long different = 0;
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        different += image.getRGB(x, y) != first ? 1 : 0;
      }
    }
    assertTrue(different > 300, p.name() + " looks blank: " + different + " pixels differ from the corner");
  }
}
