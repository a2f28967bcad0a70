package io.onebit.trainer.data;

import static io.onebit.trainer.data.DataAsserts.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.SampleType;
import io.onebit.model.TensorShape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader on CSV, NumPy and IDX files the test writes, and every kind of bad input it must refuse. */
class DatasetLoaderTest {
  @TempDir Path dir;

  private LoadedData load(Path path) {
    return DatasetLoader.load(path.toString(), LoadOptions.defaults(), line -> {});
  }

  private static LoadOptions options(String labelColumn, double testSplit) {
    return new LoadOptions(null, null, null, null, labelColumn, testSplit, 0, 1, 0);
  }

  /** 40 rows: two features (a = i, b = i / 8 as a fraction) and a text label, 4 classes of 10. */
  private Path tabular() throws IOException {
    StringBuilder csv = new StringBuilder("a,b,kind\n");
    String[] kinds = {"ant", "bee", "cat", "dog"};
    for (int i = 0; i < 40; i++) {
      csv.append(i).append(',').append(i / 8.0).append(',').append(kinds[i % 4]).append('\n');
    }
    return DataFiles.text(dir.resolve("t.csv"), csv.toString());
  }

  @Test
  void csvWithAHeaderATextLabelAndFractionsBecomesInt16FixedPoint() throws IOException {
    LoadedData data = DatasetLoader.load(tabular().toString(), options(null, 0.25), line -> {});
    assertEquals(List.of("ant", "bee", "cat", "dog"), data.train().classNames());
    assertEquals(new TensorShape(1, 1, 2), data.train().shape());
    assertEquals(28, data.train().count());
    assertEquals(12, data.test().count(), "round(0.25 * 10) = 3 of each class");
    assertArrayEquals(new int[] {3, 3, 3, 3}, data.test().classCounts(), "stratified");
    int[] bits = data.train().fractionBits();
    assertEquals(0, bits[0], "integers stay integers");
    assertEquals(12, bits[1], "max 4.875 * 2^12 = 19968 <= 32767 < 4.875 * 2^13");
    assertEquals(SampleType.UINT16, data.train().type());
    assertNotNull(data.map());
    // The map sends each channel's training min..max onto 0..255.
    assertEquals(0, Byte.toUnsignedInt(data.train().pixels()[0]));
  }

  @Test
  void labelColumnByNameOrIndexAndSplitsAreReproducible() throws IOException {
    Path csv = tabular();
    LoadedData byName = DatasetLoader.load(csv.toString(), options("kind", 0.5), line -> {});
    LoadedData byIndex = DatasetLoader.load(csv.toString(), options("-1", 0.5), line -> {});
    assertArrayEquals(byName.test().labels(), byIndex.test().labels());
    assertArrayEquals(byName.test().sample(3), byIndex.test().sample(3));
    LoadedData other = DatasetLoader.load(csv.toString(), options("kind", 0.5).withDataDir(null), line -> {});
    assertArrayEquals(byName.train().sample(0), other.train().sample(0));
  }

  @Test
  void badCsvCellsAreRefusedWithRowAndColumn() throws IOException {
    assertMessage(() -> load(DataFiles.text(dir.resolve("n.csv"), "x,y\n1,a\n2,b\nfoo,a\n")), "n.csv",
        "row 4, column 'x': 'foo' is not a number");
    assertMessage(() -> load(DataFiles.text(dir.resolve("e.csv"), "x,z,y\n1,2,a\n2,,b\n")), "e.csv",
        "row 3, column 'z': empty cell");
    assertMessage(() -> load(DataFiles.text(dir.resolve("nan.csv"), "x,y\n1,a\nNaN,b\n")), "nan.csv",
        "row 3, column 'x': NaN is not a finite number");
    assertMessage(() -> load(DataFiles.text(dir.resolve("inf.csv"), "x,y\n1,a\n-inf,b\n")), "inf.csv",
        "not a finite number");
    assertMessage(() -> load(DataFiles.text(dir.resolve("big.csv"), "x,y\n1,a\n1e999,b\n")), "big.csv",
        "overflows");
    assertMessage(() -> load(DataFiles.text(dir.resolve("short.csv"), "x,w,y\n1,2,a\n2,b\n")), "short.csv",
        "row 3 has 2 cells, expected 3");
    assertMessage(() -> DatasetLoader.load(tabular().toString(), options("colour", 0), line -> {}), "t.csv",
        "no column 'colour'");
    assertMessage(() -> DatasetLoader.load(tabular().toString(), options("7", 0), line -> {}), "t.csv",
        "label column 7 is outside the 3 columns");
    assertMessage(() -> load(DataFiles.text(dir.resolve("one.csv"), "x,y\n1,a\n2,a\n")), "one.csv", "only one class");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 257; i++) {
      many.append(i).append(',').append(i).append('\n');
    }
    assertMessage(() -> load(DataFiles.text(dir.resolve("many.csv"), many.toString())), "many.csv",
        "257 classes; at most 256");
  }

  @Test
  void aTrainAndTestPairInAFolderSharesClassesAndScale() throws IOException {
    DataFiles.text(dir.resolve("pair/train.csv"), "f,label\n0.5,x\n1.5,y\n0.25,x\n1.25,y\n");
    DataFiles.text(dir.resolve("pair/test.csv"), "f,label\n3,y\n");
    LoadedData data = load(dir.resolve("pair"));
    assertEquals(List.of("x", "y"), data.train().classNames());
    assertEquals(1, data.test().label(0));
    assertEquals(data.train().type(), data.test().type());
    // Test value 3 in the training data's fixed point (f = 14: 1.5 * 2^14 = 24576, uint16): 3 * 2^14 = 49152.
    assertEquals(SampleType.UINT16, data.train().type());
    assertArrayEquals(new int[] {49152}, data.test().rawValues(0));
    DataFiles.text(dir.resolve("bad/train.csv"), "f,label\n0.5,x\n1.5,y\n");
    DataFiles.text(dir.resolve("bad/test.csv"), "f,label\n3,z\n");
    assertMessage(() -> load(dir.resolve("bad")), "test.csv", "class 'z'");
  }

  @Test
  void npzOfInt16SeriesWithClassNamesKeepsTheRawCountsAndShape() throws IOException {
    short[] x = new short[6 * 4 * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (short) (i * 100 - 3000);
    }
    Map<String, NpyWriter.Array> arrays = new LinkedHashMap<>();
    arrays.put("x_train", NpyWriter.int16(java.util.Arrays.copyOf(x, 48), 4, 1, 4, 3));
    arrays.put("y_train", NpyWriter.int64(new long[] {0, 1, 0, 1}, 4));
    arrays.put("x_test", NpyWriter.int16(java.util.Arrays.copyOfRange(x, 48, 72), 2, 1, 4, 3));
    arrays.put("y_test", NpyWriter.int64(new long[] {1, 0}, 2));
    arrays.put("class_names", NpyWriter.strings("rest", "move"));
    LoadedData data = load(DataFiles.npz(dir.resolve("s.npz"), arrays));
    assertEquals(new TensorShape(1, 4, 3), data.train().shape());
    assertEquals(SampleType.INT16, data.train().type());
    assertEquals(List.of("rest", "move"), data.train().classNames());
    assertEquals(-3000 + 100 * 12, data.train().rawValues(1)[0]);
    assertEquals(2, data.test().count());
    assertNull(data.train().fractionBits());
    // Its labels are an array: a CSV label column is refused, not ignored.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(
        dir.resolve("s.npz").toString(), options("kind", 0), line -> {}));
    assertEquals("--label-column names a column of a CSV file given by path; " + dir.resolve("s.npz") + " is not one",
        e.getMessage());
  }

  @Test
  void aNamedClassWithoutTrainingSamplesIsRefused() throws IOException {
    Map<String, NpyWriter.Array> arrays = new LinkedHashMap<>();
    arrays.put("x", NpyWriter.int16(new short[8], 4, 2));
    arrays.put("y", NpyWriter.int64(new long[] {0, 1, 0, 1}, 4));
    arrays.put("class_names", NpyWriter.strings("a", "b", "ghost"));
    Path npz = DataFiles.npz(dir.resolve("g.npz"), arrays);
    assertMessage(() -> load(npz), "g.npz", "class 'ghost' has no training samples");
  }

  @Test
  void npyPairsFloatSamplesAndReshape() throws IOException {
    float[] x = {0.5f, -0.25f, 1f, 0f, 0.75f, -1f, 0.125f, 0.25f};
    Files.write(dir.resolve("x.npy"), NpyWriter.npy(NpyWriter.float32(x, 4, 2)));
    Files.write(dir.resolve("y.npy"), NpyWriter.npy(NpyWriter.int64(new long[] {3, 7, 3, 7}, 4)));
    LoadedData data = DatasetLoader.load(dir.resolve("x.npy").toString(),
        new LoadOptions(null, null, null, new TensorShape(1, 2, 1), null, 0.5, 0, 1, 0), line -> {});
    assertEquals(new TensorShape(1, 2, 1), data.train().shape());
    assertEquals(List.of("3", "7"), data.train().classNames());
    assertArrayEquals(new int[] {14}, data.train().fractionBits(), "max |x| = 1: 2^14 <= 32767 < 2^15");
    assertEquals(SampleType.INT16, data.train().type());
  }

  @Test
  void unsupportedOrDamagedNumpyFilesAreRefused() throws IOException {
    Files.write(dir.resolve("c.npy"), NpyWriter.npy(new NpyWriter.Array("<c8", new long[] {2, 2}, new byte[32])));
    Files.write(dir.resolve("y.npy"), NpyWriter.npy(NpyWriter.int64(new long[] {0, 1}, 2)));
    assertMessage(() -> load(dir.resolve("c.npy")), "c.npy", "unsupported dtype '<c8'");
    byte[] fortran = NpyWriter.npy(NpyWriter.int16(new short[4], 2, 2));
    String header = new String(fortran, 10, fortran.length - 18, java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] patched = fortran.clone();
    byte[] replaced = header.replace("False", "True ").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    System.arraycopy(replaced, 0, patched, 10, replaced.length);
    Files.write(dir.resolve("fx.npy"), patched);
    Files.write(dir.resolve("fy.npy"), NpyWriter.npy(NpyWriter.int64(new long[] {0, 1}, 2)));
    assertMessage(() -> load(dir.resolve("fx.npy")), "fx.npy", "Fortran-order");
    byte[] whole = NpyWriter.npy(NpyWriter.int16(new short[8], 4, 2));
    Files.write(dir.resolve("tx.npy"), java.util.Arrays.copyOf(whole, whole.length - 3));
    Files.write(dir.resolve("ty.npy"), NpyWriter.npy(NpyWriter.int64(new long[] {0, 1, 0, 1}, 4)));
    assertMessage(() -> load(dir.resolve("tx.npy")), "tx.npy", "truncated");
    Files.write(dir.resolve("nx.npy"), NpyWriter.npy(NpyWriter.float32(new float[] {1, Float.NaN, 2, 3}, 2, 2)));
    Files.write(dir.resolve("ny.npy"), NpyWriter.npy(NpyWriter.int64(new long[] {0, 1}, 2)));
    assertMessage(() -> load(dir.resolve("nx.npy")), "nx.npy", "sample 0, element 1: NaN is not a finite number");
    Files.write(dir.resolve("lonely.npy"), NpyWriter.npy(NpyWriter.int16(new short[4], 2, 2)));
    assertMessage(() -> load(dir.resolve("lonely.npy")), "lonely.npy", "needs its labels beside it");
    Files.write(dir.resolve("x_only.npy"), NpyWriter.npy(NpyWriter.int16(new short[4], 2, 2)));
    assertMessage(() -> load(dir.resolve("x_only.npy")), "x_only.npy", "no labels file y_only.npy");
    Map<String, NpyWriter.Array> wrong = Map.of("data", NpyWriter.int16(new short[4], 2, 2));
    assertMessage(() -> load(DataFiles.npz(dir.resolve("w.npz"), wrong)), "w.npz", "no array 'x'");
  }

  @Test
  void idxFilesOfAnyShapeAndTypeInAUserDirectory() throws IOException {
    Path idx = dir.resolve("idx");
    writeIdx(idx.resolve("train-samples.idx"), 0x0B, new int[] {4, 2, 3}, i -> i * 1000 - 9000);
    writeIdx(idx.resolve("train-labels.idx"), 0x08, new int[] {4}, i -> i % 2);
    writeIdx(idx.resolve("test-samples.idx"), 0x0B, new int[] {2, 2, 3}, i -> -i);
    writeIdx(idx.resolve("test-labels.idx"), 0x08, new int[] {2}, i -> 1 - i);
    LoadedData data = load(idx);
    assertEquals(new TensorShape(2, 3, 1), data.train().shape());
    assertEquals(SampleType.INT16, data.train().type());
    assertEquals(-9000 + 6000, data.train().rawValues(1)[0]);
    assertEquals(2, data.test().count());
    writeIdx(idx.resolve("train-extra.idx"), 0x08, new int[] {1}, i -> 0);
    assertMessage(() -> load(idx), "idx", "5 IDX files");
  }

  @Test
  void pathsThatAreNotDatasetsSayWhatWasExpected() throws IOException {
    assertMessage(() -> load(dir.resolve("nothing-here")), "nothing-here", "no such file or directory");
    Files.createDirectories(dir.resolve("empty"));
    assertMessage(() -> load(dir.resolve("empty")), "empty", "not a dataset");
    Path png = DataFiles.grey(dir.resolve("one.png"), 2, 2, 0);
    assertMessage(() -> load(png), "one.png", "a single image is not a dataset");
  }

  @Test
  void resizeOptionsOnlyApplyToTheDataTheyFit() throws IOException {
    Path csv = tabular();
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(csv.toString(),
        new LoadOptions(null, null, new int[] {4, 4}, null, null, 0, 0, 1, 0), line -> {}));
    assertTrue(size.getMessage().contains("--input-size resizes images"), size.getMessage());
    DataFiles.grey(dir.resolve("img/a/1.png"), 2, 2, 0);
    DataFiles.grey(dir.resolve("img/b/1.png"), 2, 2, 0);
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(
        dir.resolve("img").toString(), new LoadOptions(null, null, null, new TensorShape(1, 4, 1), null, 0, 0, 1, 0),
        line -> {}));
    assertTrue(shape.getMessage().contains("--input-shape is for arrays"), shape.getMessage());
  }

  @Test
  void tooLargeDataIsRefusedBeforeReading() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> DataLimits.require("huge.csv", Runtime.getRuntime().maxMemory() / 8, 8));
    assertTrue(e.getMessage().startsWith("huge.csv: needs about") && e.getMessage().contains("ONEBIT_JAVA_OPTS"),
        e.getMessage());
    assertMessage(() -> DataLimits.require("many.npy", 3L << 30, 1), "many.npy", "more than one array can hold");
  }

  private interface Value {
    int at(int i);
  }

  private static void writeIdx(Path file, int type, int[] dims, Value value) throws IOException {
    int size = type == 0x0B ? 2 : 1;
    int n = 1;
    for (int d : dims) {
      n *= d;
    }
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + n * size);
    b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
    for (int d : dims) {
      b.putInt(d);
    }
    for (int i = 0; i < n; i++) {
      if (size == 2) {
        b.putShort((short) value.at(i));
      } else {
        b.put((byte) value.at(i));
      }
    }
    Files.createDirectories(file.getParent());
    Files.write(file, b.array());
  }
}
