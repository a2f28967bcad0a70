package io.onebit.trainer.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.TensorShape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchitectureTest {
  private static final TensorShape MNIST = new TensorShape(28, 28, 1);

  @TempDir
  Path dir;

  @Test
  void everyShippedArchitectureLoadsAndFitsMnist() {
    for (String name : Architecture.names()) {
      Architecture a = Architecture.named(name);
      assertEquals(name, a.name());
      assertTrue(a.binaryWeights(MNIST, 10) > 0, name);
    }
  }

  @Test
  void fullyConnectedOnesKeepTheirWidths() {
    assertTrue(Architecture.named("sfc").isFullyConnected());
    assertArrayEquals(new int[] {256, 256, 256},
        Architecture.named("SFC").layers().stream().mapToInt(LayerSpec::units).toArray());
    assertEquals(784L * 1024 + 2 * 1024 * 1024 + 1024 * 10, Architecture.named("lfc").binaryWeights(MNIST, 10));
    assertFalse(Architecture.named("cnn-s").isFullyConnected());
  }

  @Test
  void cnnWeightBudgets() {
    long cnnS = Architecture.named("cnn-s").binaryWeights(MNIST, 10);
    long fashion = Architecture.named("fashion-cnn").binaryWeights(MNIST, 10);
    assertTrue(cnnS <= 16 * 1024 * 8, "cnn-s has " + cnnS + " weight bits, budget 131072");
    assertTrue(fashion <= 32 * 1024 * 8, "fashion-cnn has " + fashion + " weight bits, budget 262144");
  }

  @Test
  void seedAndReferenceCnnHaveTheSpecifiedShapes() {
    // seed-cnn: 6·6·1·8 + 10·10·8·32 + 128·64 + 64·80 + 80·10 (valid padding: 28 → 12 → 2, 2·2·32 = 128)
    assertEquals(288 + 25600 + 8192 + 5120 + 800, Architecture.named("seed-cnn").binaryWeights(MNIST, 10));
    // cnn-ref: 9·(1·16 + 16·32 + 32·64 + 64·64) + 3136·10
    assertEquals(9 * (16 + 512 + 2048 + 4096) + 31360, Architecture.named("cnn-ref").binaryWeights(MNIST, 10));
    assertTrue(Architecture.named("cnn-ref").bitplanes());
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Architecture.named("huge"));
    assertTrue(e.getMessage().contains("cnn-s") && e.getMessage().contains("or an architecture file"), e.getMessage());
  }

  private String error(String json) throws Exception {
    Path file = dir.resolve("a.json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
      Architecture a = Architecture.fromFile(file);
      a.binaryWeights(MNIST, 10);
    });
    assertTrue(e.getMessage().startsWith("arch file " + file + ": "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  @Test
  void badFilesGetOneLineNamingFileAndProblem() throws Exception {
    assertTrue(error("{\"name\": \"x\", \"layers\": [").contains("not valid JSON"));
    assertTrue(error("{\"name\": \"x\", \"layers\": [{\"type\": \"conv2\"}]}").contains("unknown type 'conv2'"));
    assertTrue(error("{\"name\": \"x\", \"layers\": [{\"type\": \"conv\", \"filters\": 4}]}").contains("'kernel'"));
    assertTrue(error("{\"name\": \"x\", \"layers\": [{\"type\": \"dense\", \"units\": 0}]}").contains("'units'"));
    assertTrue(error("{\"name\": \"x\", \"input\": \"rgb\", \"layers\": []}").contains("'input'"));
    assertTrue(error("{\"name\": \"x\", \"extra\": 1, \"layers\": []}").contains("unknown field 'extra'"));
    assertTrue(error("{\"name\": \"x\", \"layers\": [{\"type\": \"maxpool\", \"size\": 2}]}")
        .contains("must directly follow a conv"));
    assertTrue(error("{\"name\": \"x\", \"layers\": [{\"type\": \"conv\", \"filters\": 4, \"kernel\": 29}]}")
        .contains("window does not fit"));
    assertTrue(error("{\"name\": \"x\", \"input\": \"bitplanes\", \"layers\": [{\"type\": \"dense\", \"units\": 4}]}")
        .contains("conv first layer"));
    assertTrue(error("{\"name\": \"x\", \"layers\": [{\"type\": \"dense\", \"units\": 4}, "
        + "{\"type\": \"conv\", \"filters\": 4, \"kernel\": 1}]}").contains("cannot follow a dense"));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> Architecture.fromFile(dir.resolve("none.json")));
    assertTrue(missing.getMessage().contains("none.json") && missing.getMessage().contains("no such file"));
  }

  @Test
  void numbersAreExactIntegersAndKeysUnique() throws Exception {
    String conv = "{\"name\": \"x\", \"layers\": [{\"type\": \"conv\", \"filters\": %s, \"kernel\": 3}]}";
    for (String bad : new String[] {"4.5", "4.0", "\"4\"", "true", "1e1", "2147483648", "-4", "null"}) {
      assertTrue(error(String.format(conv, bad)).contains("layer 1: 'filters' must be a positive integer, got"), bad);
    }
    assertTrue(error("{\"name\": \"x\", \"name\": \"y\", \"layers\": []}").contains("duplicate key 'name'"));
    assertTrue(error("{\"name\": \"x\", \"layers\": [{\"type\": \"dense\", \"units\": 4, \"units\": 5}]}")
        .contains("layers[0]: duplicate key 'units'"));
    assertTrue(error("{\"name\": \"x\", \"layers\": []} {}").contains("unexpected content after the end"));
    assertTrue(error("{\"name\": \"x\", \"layers\": [{\"type\": \"conv\", \"filters\": 4, \"kernel\": [3, 2.5]}]}")
        .contains("'kernel' must be a positive integer or [height, width]"));
  }

  @Test
  void aNetworkTheHeapCannotHoldIsRefusedBeforeTraining() throws Exception {
    Path file = dir.resolve("w.json");
    // The fault reports: a dense layer of 10,000,000 units (784 x 1e7 weights: more than one array) ...
    Files.writeString(file, "{\"name\": \"w\", \"layers\": [{\"type\": \"dense\", \"units\": 10000000}]}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Architecture.fromFile(file).requireTrainable(MNIST, 10, 100, 8L << 30));
    assertTrue(e.getMessage().contains("7,840,000,000 weights or activations"), e.getMessage());
    // ... and a conv of 100,000 filters (67.6 M activations per sample: 27 GB for a batch of 100).
    Files.writeString(file, "{\"name\": \"c\", \"layers\": [{\"type\": \"conv\", \"filters\": 100000, \"kernel\": 3}]}");
    e = assertThrows(IllegalArgumentException.class,
        () -> Architecture.fromFile(file).requireTrainable(MNIST, 10, 100, 8L << 30));
    assertTrue(e.getMessage().contains("training needs at least") && e.getMessage().contains("8,192 MiB"),
        e.getMessage());
    // Sizes whose products overflow a long compare as huge instead of wrapping.
    Files.writeString(file, "{\"name\": \"o\", \"layers\": [{\"type\": \"dense\", \"units\": 2147483647},"
        + " {\"type\": \"dense\", \"units\": 2147483647}, {\"type\": \"dense\", \"units\": 2147483647}]}");
    assertThrows(IllegalArgumentException.class,
        () -> Architecture.fromFile(file).requireTrainable(MNIST, 10, 100, 8L << 30));
    assertEquals(784L * 64 + 64 * 64 * 2 + 640, Architecture.named("tfc").requireTrainable(MNIST, 10, 100, 8L << 30)
        .weights());
  }

  @Test
  void rectangularKernelsStridesAndExplicitFlatten() throws Exception {
    Path file = dir.resolve("r.json");
    Files.writeString(file, "{\"name\": \"r\", \"input\": \"bitplanes\", \"layers\": ["
        + "{\"type\": \"conv\", \"filters\": 4, \"kernel\": [3, 5], \"stride\": 2, \"padding\": \"same\"},"
        + "{\"type\": \"maxpool\", \"size\": 2, \"stride\": 1}, {\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 8}]}");
    Architecture a = Architecture.fromFile(file);
    assertEquals(3, a.layers().size());
    // 28 → 14 (same, stride 2) → 13 (pool 2, stride 1): 13·13·4 = 676 inputs to the dense layer.
    assertEquals(15L * 4 + 676 * 8 + 80, a.binaryWeights(MNIST, 10));
  }
}
