package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModelIo;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} writes its plots beside the model and records its command; {@code experiment} plots its grid. */
class TrainingPlotsTest {
  @TempDir
  Path dir;

  @Test
  void trainAndExperimentWriteTheirPlots() throws Exception {
    Path model = dir.resolve("tfc.json");
    String printed = CliRun.stdout("train", "--arch", "tfc", "--epochs", "1", "--no-progress", "--out", model.toString());
    assertTrue(printed.contains("plots: tfc.loss.png, tfc.accuracy.png, tfc.ff-ratio.png, tfc.c2i-ratio.png"), printed);
    for (String png : List.of("tfc.loss.png", "tfc.accuracy.png", "tfc.ff-ratio.png", "tfc.c2i-ratio.png")) {
      BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
      assertEquals(800, image.getWidth(), png);
    }
    // the recorded command reproduces the model: --no-progress and --resume do not change it and are left out
    assertEquals("onebit train --arch tfc --epochs 1 --out " + model, DeployModelIo.read(model).info().get("command"));

    Path config = dir.resolve("grid.json");
    Files.writeString(config, "{\"dataset\": \"mnist\", \"seeds\": [1], \"architectures\": [{\"name\": \"tfc\", \"epochs\": 1}],"
        + " \"runs\": [{\"name\": \"ste+adam\"}]}");
    String grid = CliRun.stdout("experiment", "--config", config.toString(), "--no-progress");
    Path plot = dir.resolve("grid.accuracy-vs-size.png");
    assertTrue(grid.contains(plot.toString()), grid);
    assertEquals(800, ImageIO.read(plot.toFile()).getWidth());
  }
}
