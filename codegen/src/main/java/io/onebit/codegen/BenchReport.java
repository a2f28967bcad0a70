package io.onebit.codegen;

import java.util.List;

/**
 * {@code onebit bench} for one model on one board: the same model built with the optimised and
 * with the reference kernels, each timed per layer with SysTick under {@code -icount shift=0}.
 * Serialised with {@code io.onebit.model.Json} (snake_case keys).
 *
 * @param model the model's name
 * @param board the board emulated
 * @param samples samples timed (the figures are means over them)
 * @param optimised the optimised kernels
 * @param reference the reference kernels
 * @param speedup reference instructions / optimised instructions
 * @param xorWords 32-bit XOR-popcount words of one inference: the sum of {@link io.onebit.model.Layer#xorWords()}
 */
public record BenchReport(String model, String board, int samples, Figures optimised, Figures reference, double speedup,
    long xorWords) {

  /**
   * One kernel family's figures.
   *
   * @param kernels {@code optimised} or {@code reference}
   * @param bitExact every score and class of every sample equal to the golden model
   * @param instructionsPerInference mean instructions of one inference (harness measurement)
   * @param layers instructions per segment: the input encoding, then each layer; they sum to the
   *     total up to SysTick's resolution (one tick: 1e9 / clock instructions) per segment
   * @param modelFlashBytes model.o's flash: code with inlined kernels, weights, thresholds
   * @param modelRamBytes model.o's RAM: the activation buffers
   * @param firmwareFlashBytes the whole image's flash (with harness and test vectors)
   * @param firmwareRamBytes the whole image's RAM without the stack
   * @param stackBytes the image's stack bound measured with -fstack-usage (see {@link StackUsage})
   */
  public record Figures(String kernels, boolean bitExact, double instructionsPerInference, List<Segment> layers,
      long modelFlashBytes, long modelRamBytes, long firmwareFlashBytes, long firmwareRamBytes, long stackBytes) {}

  /** Instructions of one segment of the inference. */
  public record Segment(String name, double instructions) {}

  /** Optimised instructions of the layers (without the input encoding) per XOR-popcount word. */
  public double optimisedInstructionsPerWord() {
    double layers = optimised.layers().stream().skip(1).mapToDouble(Segment::instructions).sum();
    return layers / xorWords;
  }

  /** Both families bit-exact. */
  public boolean bitExact() {
    return optimised.bitExact() && reference.bitExact();
  }
}
