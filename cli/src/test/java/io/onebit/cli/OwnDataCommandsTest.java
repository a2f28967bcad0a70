package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import io.onebit.model.Json;
import io.onebit.model.SampleType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bring-your-own-data through the commands: an image folder and a CSV file the test writes, trained,
 * evaluated (the split recorded in the model), predicted and generated as C; and every kind of bad
 * input refused with one line naming the file, a non-zero exit and no model written.
 */
class OwnDataCommandsTest {
  @TempDir Path dir;

  /** 6x6 grey images: class "top" is bright in the upper half, "bottom" in the lower; noise ±40. */
  private Path imageFolder() throws IOException {
    Random random = new Random(16);
    for (String split : List.of("train", "test")) {
      for (String cls : List.of("bottom", "top")) {
        for (int i = 0; i < (split.equals("train") ? 40 : 10); i++) {
          BufferedImage image = new BufferedImage(6, 6, BufferedImage.TYPE_BYTE_GRAY);
          for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
              boolean bright = cls.equals("top") == y < 3;
              int v = (bright ? 200 : 40) + random.nextInt(81) - 40;
              image.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
            }
          }
          Path file = dir.resolve("shapes/" + split + "/" + cls + "/" + i + ".png");
          Files.createDirectories(file.getParent());
          ImageIO.write(image, "png", file.toFile());
        }
      }
    }
    return dir.resolve("shapes");
  }

  private Path arch(String json) throws IOException {
    Path file = dir.resolve("arch-" + Math.abs(json.hashCode()) + ".json");
    Files.writeString(file, json);
    return file;
  }

  @Test
  void anImageFolderTrainsEvaluatesPredictsAndNamesItsClassesInC() throws Exception {
    Path data = imageFolder();
    Path model = dir.resolve("m.json");
    Path tiny = arch("{\"name\": \"tiny\", \"input\": \"bitplanes\", \"layers\": [{\"type\": \"conv\", \"filters\": 8,"
        + " \"kernel\": 3, \"padding\": \"same\"}, {\"type\": \"maxpool\", \"size\": 2}, {\"type\": \"dense\", \"units\": 16}]}");
    CliRun.stdout("train", "--arch-file", tiny.toString(), "--dataset", data.toString(), "--epochs", "4",
        "--batch-size", "10", "--out", model.toString(), "--no-progress");
    DeployModel m = DeployModelIo.read(model);
    assertEquals(List.of("bottom", "top"), m.classNames());
    assertEquals(SampleType.UINT8, m.input().type());
    JsonNode eval = Json.mapper().readTree(CliRun.stdout("eval", "--model", model.toString(), "--json"));
    assertEquals(20, eval.get("samples").asInt());
    assertTrue(eval.get("accuracy").asDouble() >= 0.9, eval.toString());
    assertEquals("top", eval.get("class_names").get(1).asText());
    String table = CliRun.stdout("eval", "--model", model.toString());
    assertTrue(table.contains("bottom") && table.contains("recall"), table);
    String predicted = CliRun.stdout("predict", "--model", model.toString(),
        data.resolve("test/top/0.png").toString(), data.resolve("test/bottom/1.png").toString());
    assertTrue(predicted.contains("test/top/0.png: top") && predicted.contains("test/bottom/1.png: bottom"), predicted);
    // A folder: every image below it, its class folder's name as the label.
    List<String> folder = CliRun.stdout("predict", "--model", model.toString(), data.resolve("test").toString())
        .lines().toList();
    assertEquals(20, folder.size(), folder.toString());
    assertTrue(folder.get(0).startsWith(data.resolve("test/bottom/0.png") + ": "), folder.get(0));
    assertTrue(folder.stream().filter(l -> l.matches(".*/test/(\\w+)/\\d+\\.png: \\1 \\(label \\1\\).*")).count() >= 18,
        folder.toString());
    Path c = dir.resolve("c");
    CliRun.stdout("codegen", "--model", model.toString(), "--out", c.toString());
    String header = Files.readString(c.resolve("model.h"));
    assertTrue(header.contains("_class_names[") && header.contains("const uint8_t *input"), header);
    assertTrue(Files.readString(c.resolve("model.c")).contains("\"bottom\""));
  }

  @Test
  void aCsvFileTrainsAnMlpWithPerFeatureThresholdsAndEvalFindsTheSameSplit() throws Exception {
    StringBuilder csv = new StringBuilder("temp,humidity,label\n");
    Random random = new Random(3);
    for (int i = 0; i < 120; i++) {
      boolean rain = i % 2 == 0;
      csv.append(String.format(java.util.Locale.ROOT, "%.2f,%d,%s%n", 15 + 10 * random.nextDouble() - (rain ? 4 : 0),
          (rain ? 70 : 30) + random.nextInt(30), rain ? "rain" : "dry"));
    }
    Path file = dir.resolve("weather.csv");
    Files.writeString(file, csv.toString());
    Path model = dir.resolve("w.json");
    Path mlp = arch("{\"name\": \"mini\", \"layers\": [{\"type\": \"dense\", \"units\": 16}]}");
    String out = CliRun.stdout("train", "--arch-file", mlp.toString(), "--dataset", file.toString(), "--test-split",
        "0.25", "--input-threshold", "128", "--epochs", "5", "--batch-size", "10", "--out", model.toString(),
        "--no-progress");
    assertTrue(out.contains("float test accuracy"), out);
    DeployModel m = DeployModelIo.read(model);
    assertEquals(List.of("dry", "rain"), m.classNames());
    assertEquals(2, m.input().thresholds().length, "one raw threshold per feature");
    assertTrue(m.input().fractionBits()[0] > 0, "temperatures with decimals are fixed point");
    JsonNode eval = Json.mapper().readTree(CliRun.stdout("eval", "--model", model.toString(), "--json"));
    assertEquals(30, eval.get("samples").asInt(), "the recorded 25% split");
    assertEquals(1.0, eval.get("float_agreement").asDouble(), "the golden model equals the float network");
    Path rows = dir.resolve("new.csv");
    Files.writeString(rows, "12.5,95\n24,20\n");
    JsonNode predictions = Json.mapper().readTree(CliRun.stdout("predict", "--model", model.toString(), rows.toString(),
        "--json"));
    assertEquals(2, predictions.size());
    assertTrue(predictions.get(0).get("scores").has("rain"), predictions.toString());
  }

  @Test
  void aValidationSplitIsMonitoredAndTheTestSplitReportedLast() throws Exception {
    Path data = imageFolder();
    Path model = dir.resolve("v.json");
    Path mlp = arch("{\"name\": \"v\", \"layers\": [{\"type\": \"dense\", \"units\": 8}]}");
    String out = CliRun.stdout("train", "--arch-file", mlp.toString(), "--dataset", data.toString(),
        "--validation-split", "0.25", "--epochs", "2", "--batch-size", "10", "--out", model.toString(), "--no-progress");
    assertTrue(out.contains("float validation accuracy") && out.contains("golden-model test accuracy"), out);
    JsonNode eval = Json.mapper().readTree(CliRun.stdout("eval", "--model", model.toString(), "--json"));
    assertEquals(20, eval.get("samples").asInt(), "the folder's own test split");
  }

  @Test
  void badDataIsRefusedInOneLineNamingTheFileAndNoModelIsWritten() throws Exception {
    Path model = dir.resolve("never.json");
    Path tiny = arch("{\"name\": \"t\", \"layers\": [{\"type\": \"dense\", \"units\": 4}]}");
    // Mixed image sizes without --input-size.
    Path mixed = dir.resolve("mixed");
    write(mixed.resolve("a/1.png"), 4, 4);
    write(mixed.resolve("b/2.png"), 5, 4);
    assertRefused(model, tiny, mixed, "b/2.png", "--input-size");
    // A corrupt image.
    Path corrupt = dir.resolve("corrupt");
    write(corrupt.resolve("a/1.png"), 4, 4);
    Files.createDirectories(corrupt.resolve("b"));
    Files.write(corrupt.resolve("b/bad.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3});
    assertRefused(model, tiny, corrupt, "b/bad.jpg", "image");
    // A class folder without images.
    Path empty = dir.resolve("empty");
    write(empty.resolve("a/1.png"), 4, 4);
    write(empty.resolve("b/1.png"), 4, 4);
    Files.createDirectories(empty.resolve("c"));
    assertRefused(model, tiny, empty, "empty/c", "no images");
    assertRefused(model, tiny, text("cells.csv", "x,y\n1,a\nabc,b\n"), "cells.csv", "row 3, column 'x'");
    assertRefused(model, tiny, text("gap.csv", "x,w,y\n1,2,a\n3,,b\n"), "gap.csv", "empty cell");
    assertRefused(model, tiny, text("inf.csv", "x,y\n1,a\ninf,b\n"), "inf.csv", "not a finite number");
    assertRefused(model, tiny, text("one.csv", "x,y\n1,a\n2,a\n"), "one.csv", "only one class");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      many.append(i).append(",c").append(i).append('\n');
    }
    assertRefused(model, tiny, text("many.csv", many.toString()), "many.csv", "300 classes");
    String unknown = CliRun.oneLineError("train", "--arch-file", tiny.toString(), "--dataset",
        text("lab.csv", "x,y\n1,a\n2,b\n").toString(), "--label-column", "kind", "--out", model.toString());
    assertTrue(unknown.contains("lab.csv") && unknown.contains("no column 'kind'"), unknown);
    Path npy = dir.resolve("x.npy");
    Files.write(npy, io.onebit.trainer.data.NpyWriter.npy(new io.onebit.trainer.data.NpyWriter.Array("|O",
        new long[] {2}, new byte[16])));
    Files.write(dir.resolve("y.npy"), io.onebit.trainer.data.NpyWriter.npy(io.onebit.trainer.data.NpyWriter.int64(
        new long[] {0, 1}, 2)));
    assertRefused(model, tiny, npy, "x.npy", "unsupported dtype '|O'");
    assertFalse(Files.exists(model));
  }

  @Test
  void predictRefusesInputsTheModelCannotTake() throws Exception {
    Path data = imageFolder();
    Path model = dir.resolve("m.json");
    Path mlp = arch("{\"name\": \"m\", \"layers\": [{\"type\": \"dense\", \"units\": 8}]}");
    CliRun.stdout("train", "--arch-file", mlp.toString(), "--dataset", data.toString(), "--epochs", "1",
        "--batch-size", "10", "--out", model.toString(), "--no-progress");
    Path colour = dir.resolve("colour.png");
    BufferedImage rgb = new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB);
    ImageIO.write(rgb, "png", colour.toFile());
    String error = CliRun.oneLineError("predict", "--model", model.toString(), colour.toString());
    assertTrue(error.contains("colour.png") && error.contains("3-channel image"), error);
    String rows = CliRun.oneLineError("predict", "--model", model.toString(), text("r.csv", "1,2,3\n").toString());
    assertTrue(rows.contains("r.csv") && rows.contains("36 features"), rows);
    Path empty = Files.createDirectories(dir.resolve("empty/.hidden"));
    ImageIO.write(rgb, "png", empty.resolve("x.png").toFile());
    assertTrue(CliRun.oneLineError("predict", "--model", model.toString(), dir.resolve("empty").toString())
        .endsWith("empty: a folder with no images (bmp, gif, jpeg, jpg, pgm, png, pnm, ppm)"));
    assertTrue(CliRun.oneLineError("predict", "--model", model.toString(), dir.resolve("none.png").toString())
        .endsWith("none.png: no such file or directory"));
    assertTrue(CliRun.oneLineError("predict", "--model", model.toString(), model.toString())
        .endsWith("m.json: a JSON file, not CSV rows (predict takes images, folders of them, CSV files, .npy or .npz)"));
    assertTrue(CliRun.oneLineError("predict", "--model", model.toString(), "/dev/null")
        .endsWith("/dev/null: not a regular file (a device, pipe or socket)"));
    String wrongColour = CliRun.oneLineError("predict", "--model", model.toString(), dir.resolve("empty/.hidden")
        .toString());
    assertTrue(wrongColour.contains("x.png") && wrongColour.contains("3-channel image"), wrongColour);
  }

  private void assertRefused(Path model, Path arch, Path data, String file, String problem) {
    String error = CliRun.oneLineError("train", "--arch-file", arch.toString(), "--dataset", data.toString(),
        "--epochs", "1", "--batch-size", "2", "--out", model.toString());
    assertTrue(error.contains(file) && error.contains(problem), error);
    assertFalse(Files.exists(model), "no model written");
  }

  private Path text(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private static void write(Path file, int h, int w) throws IOException {
    Files.createDirectories(file.getParent());
    ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
  }
}
