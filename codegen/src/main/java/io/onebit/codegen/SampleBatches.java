package io.onebit.codegen;

import io.onebit.model.DeployModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits test samples into batches that each fit one firmware image, so that any sample count runs
 * on any board: a micro:bit's 256 KiB flash holds SFC's 43 KiB of constants but only about 250
 * MNIST samples of 784 bytes beside them. Per batch,
 *
 * <pre>
 *   samples = (flash - constants - CODE_RESERVE) / input bytes
 * </pre>
 *
 * where CODE_RESERVE covers startup, harness, console and the fully unrolled infer function.
 */
public final class SampleBatches {
  /** Flash kept for code: an unrolled SFC infer function with its kernels is about 6 KiB on Thumb-2. */
  static final long CODE_RESERVE = 16 * 1024;

  private SampleBatches() {}

  /** The most samples one image for {@code board} can carry beside the model (at least 1). */
  public static int perImage(DeployModel model, Board board) {
    ModelView view = ModelView.of(model, board);
    long free = board.flashSize() - FitCheck.constantBytes(view) - CODE_RESERVE;
    long fit = free / Math.max(1, model.input().sampleBytes());
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, fit));
  }

  /** {@code samples} cut into consecutive batches of at most {@code perBatch}. */
  public static List<byte[][]> split(byte[][] samples, int perBatch) {
    if (perBatch < 1) {
      throw new IllegalArgumentException("perBatch must be positive: " + perBatch);
    }
    List<byte[][]> batches = new ArrayList<>();
    for (int from = 0; from < samples.length; from += perBatch) {
      batches.add(Arrays.copyOfRange(samples, from, Math.min(samples.length, from + perBatch)));
    }
    return batches;
  }
}
