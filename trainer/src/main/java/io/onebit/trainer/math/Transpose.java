package io.onebit.trainer.math;

/** The one matrix transpose of training: dst[c][r] = src[r][c] for a rows × cols row-major src. */
public final class Transpose {
  private static final int BLOCK = 32;

  private Transpose() {}

  /** Writes the cols × rows transpose of {@code src} into {@code dst}; 32×32 blocks keep both sides in cache. */
  public static void into(float[] src, int rows, int cols, float[] dst) {
    for (int r0 = 0; r0 < rows; r0 += BLOCK) {
      int r1 = Math.min(rows, r0 + BLOCK);
      for (int c0 = 0; c0 < cols; c0 += BLOCK) {
        int c1 = Math.min(cols, c0 + BLOCK);
        for (int r = r0; r < r1; r++) {
          int row = r * cols;
          for (int c = c0; c < c1; c++) {
            dst[c * rows + r] = src[row + c];
          }
        }
      }
    }
  }
}
