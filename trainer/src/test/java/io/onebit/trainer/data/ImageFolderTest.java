package io.onebit.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.onebit.trainer.data.DataAsserts.assertMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.SampleType;
import io.onebit.model.TensorShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
  @TempDir Path dir;

  private static final java.util.function.Consumer<String> QUIET = line -> {};

  @Test
  void classFoldersOfPngBmpAndPgmGiveGreySamplesWithTheirPixelsAndClassNames() throws IOException {
    DataFiles.grey(dir.resolve("cat/a.png"), 3, 4, 0);
    DataFiles.grey(dir.resolve("cat/b.bmp"), 3, 4, 50);
    int[] pgm = new int[12];
    for (int i = 0; i < 12; i++) {
      pgm[i] = 100 + i;
    }
    DataFiles.pgm(dir.resolve("dog/c.pgm"), 3, 4, 255, pgm);
    DataFiles.text(dir.resolve("dog/README.txt"), "not an image");
    Dataset[] sets = ImageFolder.read(dir, null, QUIET);
    Dataset all = sets[0];
    assertEquals(null, sets[1]);
    assertEquals(List.of("cat", "dog"), all.classNames());
    assertEquals(new TensorShape(3, 4, 1), all.shape());
    assertEquals(SampleType.UINT8, all.type());
    assertEquals(3, all.count());
    assertArrayEquals(new int[] {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23}, all.rawValues(0));
    assertEquals(50 + 21, all.rawValues(1)[9]);
    assertArrayEquals(pgm, all.rawValues(2));
    assertEquals(1, all.label(2));
  }

  @Test
  void sixteenBitPgmGivesUint16AndRgbStaysThreeChannelsHwc() throws IOException {
    DataFiles.pgm(dir.resolve("deep/a/x.pgm"), 2, 2, 65535, new int[] {0, 1000, 40000, 65535});
    DataFiles.pgm(dir.resolve("deep/b/y.pgm"), 2, 2, 65535, new int[] {5, 6, 7, 8});
    Dataset deep = ImageFolder.read(dir.resolve("deep"), null, QUIET)[0];
    assertEquals(SampleType.UINT16, deep.type());
    assertArrayEquals(new int[] {0, 1000, 40000, 65535}, deep.rawValues(0));

    DataFiles.rgb(dir.resolve("colour/red/1.png"), 2, 3, 10);
    DataFiles.grey(dir.resolve("colour/grey/2.png"), 2, 3, 7);
    Dataset colour = ImageFolder.read(dir.resolve("colour"), null, QUIET)[0];
    assertEquals(new TensorShape(2, 3, 3), colour.shape());
    // grey/ sorts first: its grey image becomes R = G = B.
    assertArrayEquals(new int[] {7, 7, 7, 8, 8, 8}, java.util.Arrays.copyOf(colour.rawValues(0), 6));
    // red/1.png pixel (0, 1) = (10 + 0, 10 + 1, 200).
    assertArrayEquals(new int[] {10, 11, 200}, java.util.Arrays.copyOfRange(colour.rawValues(1), 3, 6));
  }

  @Test
  void trainAndTestFoldersShareTheTrainingClassNames() throws IOException {
    DataFiles.grey(dir.resolve("train/a/1.png"), 2, 2, 0);
    DataFiles.grey(dir.resolve("train/b/1.png"), 2, 2, 9);
    DataFiles.grey(dir.resolve("test/b/1.png"), 2, 2, 9);
    Dataset[] sets = ImageFolder.read(dir, null, QUIET);
    assertEquals(2, sets[0].count());
    assertEquals(1, sets[1].count());
    assertEquals(1, sets[1].label(0), "b is class 1 of the training classes");
    DataFiles.grey(dir.resolve("test/zebra/1.png"), 2, 2, 9);
    assertMessage(() -> ImageFolder.read(dir, null, QUIET), "test/zebra", "not among the training classes");
  }

  @Test
  void mixedSizesNeedInputSizeWhichCoversAndCrops() throws IOException {
    DataFiles.grey(dir.resolve("a/1.png"), 4, 4, 0);
    DataFiles.grey(dir.resolve("b/2.png"), 4, 8, 0);
    assertMessage(() -> ImageFolder.read(dir, null, QUIET), "b/2.png", "give --input-size");
    Dataset two = ImageFolder.read(dir, new int[] {2, 2}, QUIET)[0];
    assertEquals(new TensorShape(2, 2, 1), two.shape());
    // a/1.png halved: each output pixel is the mean of a 2x2 block, e.g. (0 + 1 + 10 + 11) / 4 = 5.5 -> 6.
    assertArrayEquals(new int[] {6, 8, 26, 28}, two.rawValues(0));
    // b/2.png (4x8) scaled by 1/2 to 2x4, centre 2x2 crop: columns 1..2 of the scaled image.
    assertArrayEquals(new int[] {8, 10, 28, 30}, two.rawValues(1));
  }

  @Test
  void corruptImagesEmptyClassesAndOneClassAreRefusedNamingTheFile() throws IOException {
    DataFiles.grey(dir.resolve("a/1.png"), 2, 2, 0);
    Files.write(DataFiles.text(dir.resolve("b/broken.png"), ""), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    assertMessage(() -> ImageFolder.read(dir, null, QUIET), "b/broken.png", "image");
    Files.delete(dir.resolve("b/broken.png"));
    assertMessage(() -> ImageFolder.read(dir, null, QUIET), "/b", "has no images");
    Files.delete(dir.resolve("b"));
    assertMessage(() -> ImageFolder.read(dir, null, QUIET), dir.toString(), "only one class");
  }

}
