package io.onebit.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sizes are computed in 64-bit and bounded before anything is allocated: shapes whose products
 * overflow an int, tensors beyond 256 MiB, inputs that are not files of sane size.
 */
class SizeLimitsTest {
  @TempDir Path dir;

  private static ModelFormatException refused(DeployModel model) {
    return assertThrows(ModelFormatException.class, model::validate);
  }

  private static DenseOutputLayer output(int inputs) {
    return new DenseOutputLayer(inputs, 2, new int[2 * BitPacking.words(inputs)], new int[] {1, 1}, new int[2], 0);
  }

  @Test
  void aShapeWhoseSizeOverflowsAnIntIsRefusedNamingTheNumbers() {
    // The fault report: 65536 x 65536 x 1 (2^32 elements: 0 as an int), a 1x1 conv, a 65536 max-pool.
    InputSpec input = InputSpec.thresholded(65536, 65536, 1, 128);
    DeployModel model = new DeployModel(DeployModel.FORMAT, DeployModel.VERSION, "huge", input, List.of(
        new ConvSignLayer(65536, 65536, 1, 1, 1, 1, 1, "valid", new int[1], new int[1]),
        new MaxPoolLayer(65536, 65536, 1, 65536, 65536, 65536, new int[1]),
        new FlattenLayer(1, 1, 1), output(1)), null, Map.of());
    String message = refused(model).getMessage();
    assertTrue(message.contains("4,294,967,296") && message.contains("65536x65536x1"), message);
  }

  @Test
  void aTensorBeyond256MiBIsRefusedEvenWhenItsElementsFitAnInt() {
    // 46340^2 < 2^31 elements, but one word per pixel: 8 GiB packed. And the raw sample alone is 2 GiB.
    DeployModel pool = new DeployModel(DeployModel.FORMAT, DeployModel.VERSION, "pool",
        InputSpec.thresholded(46340, 46340, 1, 128), List.of(new MaxPoolLayer(46340, 46340, 1, 46340, 46340, 1,
            new int[1]), new FlattenLayer(1, 1, 1), output(1)), null, Map.of());
    assertTrue(refused(pool).getMessage().contains("256 MiB"));
    // A 16384 x 8192 x 1 bitplane input is 128 MiB of bytes (allowed), but a conv's one-word-per-pixel output
    // of 2^27 words is not.
    ConvSignLayer wide = new ConvSignLayer(8192, 16384, 32, 1, 1, 1, 1, "valid", new int[1], new int[1]);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> wide.validate("layer 1"));
    assertTrue(e.getMessage().contains("layer 1: input 8192x16384x32") && e.getMessage().contains("134,217,728"),
        e.getMessage());
  }

  @Test
  void aFanInBeyondInt32IsRefused() {
    ConvSignLayer conv = new ConvSignLayer(4, 4, 1 << 20, 1, 65536, 65536, 1, "same", new int[0], new int[1]);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> conv.validate("layer 0"));
    assertTrue(e.getMessage().contains("fan-in") && e.getMessage().contains("4,503,599,627,370,496"), e.getMessage());
  }

  @Test
  void denseWeightCountsAreComputedIn64Bit() {
    // words(100000) * 100000 = 312,500,000 fits an int; 3125 * 1,000,000 = 3.1e9 does not, and must not wrap.
    DenseSignLayer d = new DenseSignLayer(100_000, 1_000_000, new int[3], new int[1_000_000]);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> d.validate("layer 0"));
    assertTrue(e.getMessage().contains("3,125,000,000 weight words"), e.getMessage());
  }

  @Test
  void readsStopAtTheLimit() throws IOException {
    Path big = dir.resolve("big.json");
    Files.write(big, new byte[2048]);
    IOException e = assertThrows(IOException.class, () -> BoundedFiles.read(big, 1024));
    assertTrue(e.getMessage().contains("larger than 1 KiB"), e.getMessage());
    assertTrue(assertThrows(IOException.class, () -> BoundedFiles.read(dir, 1024)).getMessage().contains("directory"));
    Path zero = Path.of("/dev/zero");
    if (Files.exists(zero)) { // an endless stream: refused after limit + 1 bytes
      ModelFormatException m = assertThrows(ModelFormatException.class, () -> DeployModelIo.read(zero));
      assertTrue(m.getMessage().startsWith("/dev/zero: larger than 64 MiB"), m.getMessage());
    }
  }

  @Test
  void randomModelsRefuseAbsurdLayersBeforeAllocating() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RandomModels.dense("w",
        InputSpec.thresholded(28, 28, 1, 128), new int[] {10_000_000, 10}, new java.util.Random(1)));
    assertTrue(e.getMessage().contains("250,000,000 words"), e.getMessage());
  }
}
