package io.onebit.codegen;

import io.onebit.model.DenseSignLayer;
import java.util.List;

/**
 * A hidden {@code dense_sign} layer as C for the column kernel ({@code firmware/kernels/dense_sign_cols.h}):
 * weights transposed per group of 32 rows, and the thresholds turned into bit-sliced constants.
 *
 * <p>Per group g: {@code K + 1} column words (bit r of word i = weight of row 32g + r at input i; word K
 * is 0, the target of the padded column list), and {@code 2M} plane words: bit r of plane k is bit k
 * of {@code a_r = Pw_r - T_r}, then of {@code ~b_r} with {@code b_r = T_r + Pw_r - K} (M-bit two's
 * complement, {@code 2^(M-1) > 3K + 1}; Pw_r = popcount of row r). Padding rows of the last group are
 * all 0 and their output bits are masked off by the kernel.
 */
public record DenseSignColumnsView(
    int index,
    String comment,
    int inputs,
    int outputs,
    int outWords,
    int groups,
    int signPlanes,
    int countPlanes,
    String inputBuffer,
    String outputBuffer,
    String weightsName,
    List<String> weightLines,
    String planesName,
    List<String> planeLines,
    String scratchName) implements LayerView {

  /** Inputs of a column layer: the kernel's counter has planes for S <= K/2 < 2^13. */
  public static final int MAX_INPUTS = 16_383;

  /** Words per line of C. */
  private static final int WORDS_PER_LINE = 8;

  /** Builds the view of {@code layer}; {@code names} is the layer's C identifier prefix. */
  static DenseSignColumnsView of(int index, String comment, DenseSignLayer layer, String names, String inputBuffer,
      String scratchName) {
    return of(index, comment, layer, names, inputBuffer, names + "_out", scratchName);
  }

  /** As above, writing to {@code outputBuffer} (a C expression: the layer's place in the activation arena). */
  static DenseSignColumnsView of(int index, String comment, DenseSignLayer layer, String names, String inputBuffer,
      String outputBuffer, String scratchName) {
    int k = layer.inputs();
    int groups = (layer.outputs() + 31) / 32;
    int m = bitLength(3L * k + 1) + 1;
    int[] columns = new int[groups * (k + 1)];
    int[] planes = new int[groups * 2 * m];
    int rowWords = layer.rowWords();
    int[] w = layer.weights();
    for (int j = 0; j < layer.outputs(); j++) {
      int g = j / 32;
      int r = j % 32;
      int pw = 0;
      for (int i = 0; i < k; i++) {
        int bit = (w[j * rowWords + i / 32] >>> (i % 32)) & 1;
        columns[g * (k + 1) + i] |= bit << r;
        pw += bit;
      }
      int t = layer.thresholds()[j];
      int a = pw - t;
      int notB = ~(t + pw - k);
      for (int p = 0; p < m; p++) {
        planes[g * 2 * m + p] |= ((a >>> p) & 1) << r;
        planes[g * 2 * m + m + p] |= ((notB >>> p) & 1) << r;
      }
    }
    int countPlanes = Math.max(5, bitLength(k / 2)); // the kernel keeps 5 running planes
    return new DenseSignColumnsView(index, comment, k, layer.outputs(), groups, groups, m, countPlanes,
        inputBuffer, outputBuffer, names + "_columns", CLiterals.hexWords(columns, WORDS_PER_LINE),
        names + "_planes", CLiterals.hexWords(planes, WORDS_PER_LINE), scratchName);
  }

  /** Number of bits of a non-negative value (0 for 0). */
  static int bitLength(long v) {
    return 64 - Long.numberOfLeadingZeros(v);
  }

  /** Column words per group: K, then the zero column. */
  public int columnsPerGroup() {
    return inputs + 1;
  }

  /** Entries of the column list this layer needs: K, padded to a multiple of 16 (+16 spare). */
  public int scratchEntries() {
    return inputs + 16;
  }

  /** The column list's words (one per entry), so the memory plan shows this layer's scratch. */
  @Override
  public long scratchWords() {
    return scratchEntries();
  }

    /** Flash of the bit-sliced threshold constants. */
  public long planeBytes() {
    return 4L * groups * 2 * signPlanes;
  }

  @Override
  public String kind() {
    return "dense_sign_cols";
  }

  @Override
  public long weightBytes() {
    return 4L * groups * columnsPerGroup();
  }

  @Override
  public long constantBytes() {
    return weightBytes() + planeBytes();
  }
}
