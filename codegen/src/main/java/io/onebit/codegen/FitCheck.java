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

  /** The model's own RAM: the packed input, every hidden layer's output buffer, the column list. */
  public static long activationBytes(ModelView model) {
    long bytes = 4L * model.inputWords() + 4L * model.columnListEntries();
    for (LayerView layer : model.layers()) {
      if (layer instanceof DenseSignView d) {
        bytes += 4L * d.outWords();
      } else if (layer instanceof DenseSignColumnsView d) {
        bytes += 4L * d.outWords();
      }
    }
    return bytes;
  }

  /** The model's constants in flash: weights, int16 thresholds, int32 scale and offset. */
  public static long constantBytes(ModelView model) {
    long bytes = 0;
    for (LayerView layer : model.layers()) {
      bytes += layer.weightBytes();
      if (layer instanceof DenseSignView d) {
        bytes += 2L * d.outputs();
      } else if (layer instanceof DenseSignColumnsView d) {
        bytes += d.planeBytes();
      } else if (layer instanceof DenseOutputView d) {
        bytes += 8L * d.outputs();
      }
    }
    return bytes;
  }

  /**
   * Refuses a model whose constants, vectors and buffers cannot fit the board.
   *
   * @throws DoesNotFitException one line: "model 'm' does not fit board b: flash ... ; RAM ..."
   */
  public static void beforeBuild(ModelView model, Board board, String modelName, TestVectors vectors) {
    long constants = constantBytes(model);
    long vectorBytes = 0;
    for (byte[] s : vectors.samples()) {
      vectorBytes += s.length;
    }
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
