package io.onebit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployModelIoTest {
  @TempDir
  Path dir;

  private static DeployModel sample() {
    return RandomModels.dense("net", InputSpec.thresholded(4, 10, 1, 128), new int[] {33, 10}, new Random(1));
  }

  @Test
  void roundTripsThroughJsonAndLeavesNoTemporaryFile() throws IOException {
    DeployModel model = sample();
    Path file = dir.resolve("m.json");
    DeployModelIo.write(file, model);
    DeployModel back = DeployModelIo.read(file);
    assertEquals(model.name(), back.name());
    assertEquals(model.input(), back.input());
    DenseSignLayer a = (DenseSignLayer) model.layers().get(0);
    DenseSignLayer b = (DenseSignLayer) back.layers().get(0);
    assertArrayEquals(a.weights(), b.weights());
    assertArrayEquals(a.thresholds(), b.thresholds());
    String json = Files.readString(file);
    assertTrue(json.contains("\"type\" : \"dense_sign\""), json.substring(0, 200));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void badFilesGiveOneLineErrorsNamingTheFileAndProblem() throws IOException {
    assertMessage(write("{", "trunc.json"), "trunc.json", "invalid deploy model");
    assertMessage(dir.resolve("missing.json"), "missing.json", "no such file");
    String good = new String(DeployModelIo.toJson(sample()), StandardCharsets.UTF_8);
    assertMessage(write(good.replace("\"onebit-deploy\"", "\"other\""), "fmt.json"), "fmt.json", "not a onebit deploy model");
    assertMessage(write(good.replace("\"version\" : 1", "\"version\" : 99"), "ver.json"), "ver.json", "unsupported deploy-model version 99");
    assertMessage(write(good.replace("\"inputs\" : 40", "\"inputs\" : 41"), "shape.json"), "shape.json", "layer 0");
    assertMessage(write(good.replace("\"name\" : \"net\"", "\"name\" : \"9 bad\""), "name.json"), "name.json", "C identifier");
    assertMessage(write(good.replace("\"format\"", "\"surprise\" : 1, \"format\""), "extra.json"), "extra.json", "surprise");
  }

  @Test
  void paddingBitsMustBeZero() {
    DeployModel model = sample();
    DenseSignLayer layer = (DenseSignLayer) model.layers().get(0);
    int[] weights = layer.weights().clone();
    weights[1] |= 1 << 31; // input 63 does not exist (K = 40)
    DenseSignLayer broken = new DenseSignLayer(layer.inputs(), layer.outputs(), weights, layer.thresholds());
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> broken.validate("layer 0"));
    assertTrue(e.getMessage().contains("padding"), e.getMessage());
  }

  private Path write(String text, String name) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static void assertMessage(Path file, String fileName, String problem) {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> DeployModelIo.read(file));
    assertTrue(e.getMessage().contains(fileName) && e.getMessage().contains(problem), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }
}
