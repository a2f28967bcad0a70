package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.Toolchain;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code onebit report}: the directory it writes, and the page as a real headless Chromium renders
 * it: it loads, every image decodes, nothing is logged to the console, and nothing outside the file
 * is requested. The screenshot is kept in target/ (and where {@code ONEBIT_SCREENSHOT} says).
 */
class ReportCommandTest {
  /** Two epochs of an SFC run, as onebit train writes them. */
  private static final String METRICS = """
      [{"epoch":1,"loss":0.578,"train_accuracy":0.831,"test_accuracy":0.887,"learning_rate":0.01,"seconds":7.2,
        "stage":"binary","ff_ratio":9.5e-3,"c2i_ratio":0.484,
        "layers":[{"layer":"dense0","weights":200704,"ff_ratio":1.05e-2,"c2i_ratio":0.473},
                  {"layer":"dense1","weights":65536,"ff_ratio":8.3e-3,"c2i_ratio":0.499}]},
       {"epoch":2,"loss":0.462,"train_accuracy":0.861,"test_accuracy":0.913,"learning_rate":1e-5,"seconds":5.3,
        "stage":"binary","ff_ratio":1.55e-5,"c2i_ratio":0.484,
        "layers":[{"layer":"dense0","weights":200704,"ff_ratio":1.6e-5,"c2i_ratio":0.474},
                  {"layer":"dense1","weights":65536,"ff_ratio":1.4e-5,"c2i_ratio":0.5}]}]
      """;

  @TempDir
  Path dir;

  @Test
  void reportRendersInHeadlessChromium() throws Exception {
    Path metrics = Files.writeString(dir.resolve("m.metrics.json"), METRICS);
    Path results = Path.of(System.getProperty("onebit.root", ".."), "docs", "experiments", "mnist-methods.results.json");
    Path out = dir.resolve("report");
    String printed = CliRun.stdout("report", "--model", "random:sfc", "--out", out.toString(), "--metrics", metrics.toString(),
        "--experiment", results.toString(), "--samples", "500", "--bench-samples", "1", "--work-dir",
        dir.resolve("work").toString(), "--no-progress");
    assertTrue(printed.contains("wrote " + out.resolve("index.html") + " (7 plots"), printed);
    List<String> pngs = List.of("loss.png", "accuracy.png", "ff-ratio.png", "c2i-ratio.png", "confusion.png",
        "instructions.png", "experiment-mnist-methods.png");
    for (String png : pngs) {
      assertTrue(Files.size(out.resolve(png)) > 1000, png);
    }
    String html = Files.readString(out.resolve("index.html"));
    assertFalse(html.contains("<script") || html.contains("http://") || html.contains("https://") || html.contains("src=\"/"),
        "self-contained: no script, no external reference");
    assertTrue(html.contains("<h2>Reproduce</h2>") && html.contains("onebit report --model random:sfc"), "commands");
    assertTrue(html.contains("mps2-an386") && html.contains("0 dense_sign"), "summary and boards");

    Optional<Path> chromium = Toolchain.findExecutable("chromium");
    Assumptions.assumeTrue(chromium.isPresent(),
        "chromium is not installed: ./onebit setup --test-tools (as root) installs it, as ./run-tests does");
    try (HeadlessChromium browser = HeadlessChromium.start(chromium.get().toString())) {
      HeadlessChromium.PageCheck page = browser.check(out.resolve("index.html"), 1200);
      assertEquals("onebit report: sfc_random", page.title());
      assertEquals(pngs.size(), page.images().size(), page.images().toString());
      for (HeadlessChromium.Image image : page.images()) {
        assertEquals(null, image.error(), image.alt());
        assertTrue(image.width() >= 800 && image.height() >= 480, image.toString());
      }
      assertEquals(List.of(), page.errors(), "console errors");
      assertTrue(page.requests().stream().allMatch(u -> u.startsWith("file:") || u.startsWith("data:")),
          "network requests: " + page.requests());
      BufferedImage shot = ImageIO.read(new ByteArrayInputStream(page.screenshot()));
      assertEquals(1200, shot.getWidth());
      assertTrue(shot.getHeight() > 2000, "the whole page, not the first screen: " + shot.getHeight() + " px");
      Files.createDirectories(Path.of("target"));
      Files.write(Path.of("target", "report-screenshot.png"), page.screenshot());
      String keep = System.getenv("ONEBIT_SCREENSHOT");
      if (keep != null) {
        Files.write(Path.of(keep), page.screenshot());
      }
    }
  }

  @Test
  void badInputIsRefusedBeforeAnyWork() throws Exception {
    Path occupied = Files.createDirectories(dir.resolve("occupied"));
    Files.writeString(occupied.resolve("keep.txt"), "mine");
    assertTrue(CliRun.oneLineError("report", "--model", "random:sfc", "--out", occupied.toString())
        .contains("exists and is not empty (use --force"));
    assertEquals("mine", Files.readString(occupied.resolve("keep.txt")));
    Path broken = Files.writeString(dir.resolve("broken.results.json"), "{\"results\": []}");
    assertTrue(CliRun.oneLineError("report", "--model", "random:sfc", "--out", dir.resolve("r").toString(), "--experiment",
        broken.toString()).contains("broken.results.json: expected {\"config\""));
    assertTrue(CliRun.oneLineError("report", "--model", "random:sfc", "--out", dir.resolve("r").toString(), "--metrics",
        dir.resolve("none.json").toString()).contains("none.json: no such file"));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of("broken.results.json", "occupied"), left.map(p -> p.getFileName().toString()).sorted().toList(),
          "nothing half-written");
    }
  }

  /** The confusion matrix of a model trained on a dataset that is not MNIST-shaped IDX (digits: CSV, held-out split). */
  @Test
  void aModelOfItsOwnDatasetGetsItsConfusionMatrix() throws Exception {
    Path model = dir.resolve("d.json");
    CliRun.stdout("train", "--arch", "tfc", "--dataset", "digits", "--epochs", "1", "--batch-size", "20",
        "--no-progress", "--out", model.toString());
    Path out = dir.resolve("digits-report");
    CliRun.stdout("report", "--model", model.toString(), "--out", out.toString(), "--bench-samples", "1",
        "--no-progress");
    assertTrue(Files.size(out.resolve("confusion.png")) > 1000, "confusion matrix");
    assertTrue(Files.readString(out.resolve("index.html")).contains(" on 359 test samples"), "the held-out digits split");
  }
}
