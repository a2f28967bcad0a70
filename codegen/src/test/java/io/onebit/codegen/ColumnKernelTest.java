package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DenseSignLayer;
import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The column kernel (firmware/kernels/dense_sign_cols.h) and its layout (DenseSignColumnsView):
 * the constants decode to the thresholds, and the optimised C equals the reference C and the golden
 * model on the host for word-boundary input counts, partial last groups, and inputs whose 1 bits
 * are a minority, a majority, exactly half, none or all (both ways of listing inputs, n = 0).
 */
class ColumnKernelTest {
  /** {inputs, hidden outputs}: 1 input, word boundaries, MNIST, partial and whole groups of 32. */
  private static final int[][] SHAPES = {{1, 32}, {31, 33}, {32, 64}, {33, 45}, {64, 32}, {65, 96}, {100, 70},
      {255, 40}, {256, 256}, {257, 33}, {784, 50}};

  @TempDir Path dir;

  @Test
  void planesDecodeToThresholdsAndColumnsToWeights() {
    Random random = new Random(3);
    for (int[] shape : SHAPES) {
      InputSpec input = InputSpec.thresholded(1, shape[0], 1, 128);
      DeployModel model = RandomModels.dense("c", input, new int[] {shape[1], 3}, random);
      DenseSignLayer layer = (DenseSignLayer) model.layers().get(0);
      DenseSignColumnsView v = DenseSignColumnsView.of(0, "c", layer, "c_l0", "c_in", "c_list");
      int k = layer.inputs();
      int m = v.signPlanes();
      assertTrue((1L << (m - 1)) > 3L * k + 1, "sign planes hold |R| <= 3K + 1");
      int[] columns = words(v.weightLines());
      int[] planes = words(v.planeLines());
      assertEquals(v.groups() * (k + 1), columns.length);
      assertEquals(v.groups() * 2 * m, planes.length);
      assertEquals(4L * columns.length, v.weightBytes());
      for (int j = 0; j < layer.outputs(); j++) {
        int g = j / 32;
        int r = j % 32;
        int pw = 0;
        for (int i = 0; i < k; i++) {
          int w = (layer.weights()[j * layer.rowWords() + i / 32] >>> (i % 32)) & 1;
          assertEquals(w, (columns[g * (k + 1) + i] >>> r) & 1, "row " + j + " input " + i);
          pw += w;
        }
        assertEquals(0, columns[g * (k + 1) + k], "the zero column");
        int t = layer.thresholds()[j];
        assertEquals(pw - t, signed(planes, g * 2 * m, m, r), "a = Pw - T, row " + j);
        assertEquals(~(t + pw - k), signed(planes, g * 2 * m + m, m, r), "~b = ~(T + Pw - K), row " + j);
      }
    }
  }

  @Test
  void wideHiddenLayersUseTheColumnKernelAndNarrowOnesTheRowKernel() throws IOException {
    InputSpec input = InputSpec.thresholded(1, 40, 1, 128);
    DeployModel model = RandomModels.dense("w", input, new int[] {32, 31, 40, 5}, new Random(5));
    ModelView view = ModelView.of(model, Boards.load(Boards.DEFAULT));
    assertTrue(view.layers().get(0) instanceof DenseSignColumnsView);
    assertTrue(view.layers().get(1) instanceof DenseSignView);
    assertTrue(view.layers().get(2) instanceof DenseSignColumnsView);
    assertTrue(view.layers().get(3) instanceof DenseOutputView);
    assertEquals(40 + 16, view.columnListEntries(), "the largest column layer's list: K + 16");
    CodeGenerator.generate(model, Boards.load(Boards.DEFAULT), dir, null);
    String c = Files.readString(dir.resolve("model.c"));
    assertTrue(c.contains("static uint32_t w_column_list[56];"), c);
    assertTrue(c.contains("onebit_dense_sign_cols(w_arena, w_l0_columns, w_l0_planes, w_arena + 2, w_column_list, 40u, 32u, "), c);
    assertTrue(c.contains("onebit_dense_sign(w_arena + 2, w_l1_weights, w_l1_thresholds, w_arena, 1u, 31u);"), c);
  }

  @Test
  void optimisedEqualsReferenceAndGolden() {
    Random random = new Random(11);
    for (int[] shape : SHAPES) {
      InputSpec input = InputSpec.thresholded(1, shape[0], 1, 128);
      DeployModel model = RandomModels.dense("s" + shape[0], input, new int[] {shape[1], 2 + random.nextInt(9)}, random);
      byte[][] samples = samples(shape[0], random);
      List<ResultLine> results = TwinBuilds.runBothAndCompare(model, samples, dir.resolve("s" + shape[0] + "x" + shape[1]),
          shape[0] + "x" + shape[1]);
      assertTrue(GoldenComparison.compare(model, samples, results, null).bitExact(), shape[0] + "x" + shape[1] + " vs golden");
    }
  }

  /** Random, mostly dark, mostly bright, exactly half dark, all dark and all bright samples. */
  private static byte[][] samples(int size, Random random) {
    List<byte[]> out = new ArrayList<>();
    for (int density : new int[] {50, 50, 10, 90, 3, 97}) {
      byte[] s = new byte[size];
      for (int i = 0; i < size; i++) {
        s[i] = (byte) (random.nextInt(100) < density ? 0 : 200); // 0 encodes bit 1, 200 bit 0
      }
      out.add(s);
    }
    byte[] half = new byte[size];
    for (int i = 0; i < size; i++) {
      half[i] = (byte) (i % 2 == 0 ? 0 : 255);
    }
    out.add(half);
    out.add(new byte[size]);
    byte[] bright = new byte[size];
    java.util.Arrays.fill(bright, (byte) 255);
    out.add(bright);
    return out.toArray(new byte[0][]);
  }

  /** Bit r of planes[at .. at + m) as an m-bit two's complement number. */
  private static int signed(int[] planes, int at, int m, int r) {
    int v = 0;
    for (int p = 0; p < m; p++) {
      v |= ((planes[at + p] >>> r) & 1) << p;
    }
    return (v << (32 - m)) >> (32 - m);
  }

  /** The words of C initializer lines such as "0x0000abcdu, 0x...u,". */
  private static int[] words(List<String> lines) {
    List<Integer> out = new ArrayList<>();
    for (String line : lines) {
      for (String item : line.split(",")) {
        String t = item.trim();
        if (!t.isEmpty()) {
          out.add((int) Long.parseLong(t.substring(2, t.length() - 1), 16));
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
