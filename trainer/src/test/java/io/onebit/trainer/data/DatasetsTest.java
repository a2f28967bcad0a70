package io.onebit.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  private static final DatasetSpec SPEC = TinyDataset.spec(List.of());

  @TempDir Path dir;

  private static void assertFails(Path file, String problem) {
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.read(SPEC, "test", file.getParent()));
    assertEquals(file + ": " + problem, e.getMessage());
  }

  @Test
  void readsBothSplitsRawOrGzipped() throws IOException {
    TinyDataset.writeTo(dir, true);
    Dataset train = Datasets.read(SPEC, "train", dir);
    assertEquals("tiny/train", train.name());
    assertEquals(TinyDataset.TRAIN, train.count());
    assertEquals(TinyDataset.ROWS, train.rows());
    assertEquals(TinyDataset.COLS, train.cols());
    assertEquals(TinyDataset.CLASSES, train.classes());
    byte[] raw = TinyDataset.CONTENT.get("train-images-idx3-ubyte");
    assertArrayEquals(Arrays.copyOfRange(raw, 16, raw.length), train.pixels());

    Path mixed = dir.resolve("mixed");
    TinyDataset.write(mixed, "t10k-images-idx3-ubyte", false);
    TinyDataset.write(mixed, "t10k-labels-idx1-ubyte", true);
    Dataset test = Datasets.read(SPEC, "test", mixed);
    assertEquals(TinyDataset.TEST, test.count());
    assertEquals(2, test.label(0));
  }

  @Test
  void labelCountMustMatchImageCount() throws IOException {
    TinyDataset.write(dir, "t10k-images-idx3-ubyte", false);
    Path labels = write("t10k-labels-idx1-ubyte", IdxFixtures.labels(3, 5, 0));
    assertFails(labels, "3 labels, but t10k-images-idx3-ubyte has 4 images");
  }

  @Test
  void countMustMatchTheSpec() throws IOException {
    Path images = write("t10k-images-idx3-ubyte", IdxFixtures.images(5, 4, 3, 0));
    write("t10k-labels-idx1-ubyte", IdxFixtures.labels(5, 5, 0));
    assertFails(images, "expected 4 images in tiny test, found 5");
  }

  @Test
  void shapeMustMatchTheSpec() throws IOException {
    Path images = write("t10k-images-idx3-ubyte", IdxFixtures.images(4, 3, 4, 0));
    TinyDataset.write(dir, "t10k-labels-idx1-ubyte", false);
    assertFails(images, "expected images of 4x3 pixels, found 3x4");
  }

  @Test
  void labelsMustNameAClass() throws IOException {
    TinyDataset.write(dir, "t10k-images-idx3-ubyte", false);
    Path labels = write("t10k-labels-idx1-ubyte", IdxFixtures.labels(4, 7, 3));
    assertFails(labels, "label 5 at index 2 is not one of the 5 classes");
  }

  @Test
  void missingFileIsNamed() throws IOException {
    TinyDataset.write(dir, "t10k-images-idx3-ubyte", true);
    assertFails(dir.resolve("t10k-labels-idx1-ubyte"), "file not found (nor with .gz)");
  }

  @Test
  void unknownSplitOrDatasetFailsBeforeAnyFetch() {
    IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
        () -> Datasets.load("mnist", "validation", dir, line -> {}));
    assertEquals("unknown split 'validation' (known: train, test)", split.getMessage());
    IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
        () -> Datasets.load("cifar10", "train", dir, line -> {}));
    assertTrue(name.getMessage().startsWith("unknown dataset 'cifar10' (known: mnist, fashion-mnist, digits"),
        name.getMessage());
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    AtomicFiles.write(file, bytes);
    return file;
  }
}
