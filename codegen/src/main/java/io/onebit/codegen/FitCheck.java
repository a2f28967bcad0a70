package io.onebit.codegen;

/**
 * Does a model fit a board? Checked twice, each time with one-line refusals that give the numbers:
 *
 * <ul>
 *   <li>{@link #beforeBuild} from the model alone, before any C is written: constants (weights,
 *       thresholds, output affine) and test vectors against flash; activation buffers and the
 *       stack reserve against RAM. This catches "lfc on a micro:bit" without running a compiler.
 *   <li>{@link #afterBuild} from the linked ELF and gcc's measured stack ({@link StackUsage}):
 *       the whole image (code, constants, vectors, .data) against flash, and .data + .bss + the
 *       stack bound against RAM.
 * </ul>
 */
public final class FitCheck {
  /** RAM kept for the stack before the stack is measured; the linker script reserves the same. */
  public static final long STACK_RESERVE = 4096;
  /** Flash for code before it is compiled: startup, harness, console, and the unrolled infer loop. */
  static final long CODE_ESTIMATE = 4096;

  private FitCheck() {}

  /** The model's own RAM: the activation arena and the kernels' scratch buffers (see {@link ModelView#ramBytes}). */
  public static long activationBytes(ModelView model) {
    return model.ramBytes();
  }

  /** The model's constants in flash: weights, thresholds, masks, planes, output affine. */
  public static long constantBytes(ModelView model) {
    return model.layers().stream().mapToLong(LayerView::constantBytes).sum();
  }

  /**
   * Refuses a model whose constants, vectors and buffers cannot fit the board.
   *
   * @throws DoesNotFitException one line: "model 'm' does not fit board b: flash ... ; RAM ..."
   */
  public static void beforeBuild(ModelView model, Board board, String modelName, TestVectors vectors) {
    beforeBuild(model, board, modelName, vectors.samples().length, model.inputSize());
  }

  /**
   * As above for {@code vectorCount} samples of {@code sampleBytes} bytes, before they are made (64-bit
   * sums, so that a model too large for any board is refused before anything is allocated for it).
   */
  public static void beforeBuild(ModelView model, Board board, String modelName, int vectorCount, long sampleBytes) {
    long constants = constantBytes(model);
    long vectorBytes = vectorCount * sampleBytes;
    long flash = constants + vectorBytes + CODE_ESTIMATE;
    long ram = activationBytes(model) + STACK_RESERVE;
    if (flash > board.flashSize() || ram > board.ramSize()) {
      throw new DoesNotFitException("model '" + modelName + "' does not fit board " + board.name() + ": flash needs "
          + flash + " B (weights and constants " + constants + ", test vectors " + vectorBytes + ", code about "
          + CODE_ESTIMATE + ") of " + board.flashSize() + " B; RAM needs " + ram + " B (activations "
          + activationBytes(model) + ", stack reserve " + STACK_RESERVE + ") of " + board.ramSize() + " B");
    }
  }

  /**
   * Refuses a built image that overflows the board once the stack is measured.
   *
   * @return the measured stack bound in bytes
   */
  public static long afterBuild(MemoryUsage firmware, long stackBytes, Board board) {
    if (firmware.flashBytes() > board.flashSize() || firmware.ramBytes() + stackBytes > board.ramSize()) {
      throw new DoesNotFitException("firmware does not fit board " + board.name() + ": flash " + firmware.flashBytes()
          + " of " + board.flashSize() + " B; RAM " + (firmware.ramBytes() + stackBytes) + " B (data and bss "
          + firmware.ramBytes() + ", measured stack " + stackBytes + ") of " + board.ramSize() + " B");
    }
    return stackBytes;
  }
}
