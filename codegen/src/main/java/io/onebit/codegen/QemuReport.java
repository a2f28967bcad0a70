package io.onebit.codegen;

import java.util.List;

/**
 * The outcome of running a model's firmware on QEMU against the golden model. Serialised with
 * {@code io.onebit.model.Json} its keys are snake_case ({@code samples}, {@code bit_exact},
 * {@code accuracy}, {@code instructions_per_inference}, {@code flash_bytes}, {@code ram_bytes}, ...).
 *
 * @param board the board emulated
 * @param kernels the kernel family that ran ({@code optimised} or {@code reference})
 * @param samples samples run
 * @param bitExact every int32 score and class equal to the golden model
 * @param accuracy fraction of samples whose class equals the label; null without labels
 * @param instructionsPerInference mean SysTick ticks per inference * 1e9 / clock (under -icount shift=0)
 * @param flashBytes the model's flash (model.o: code with inlined kernels, weights, constants)
 * @param ramBytes the model's RAM (activation buffers)
 * @param weightBytes the packed weights
 * @param firmwareFlashBytes the whole firmware's flash (with harness, startup and test vectors)
 * @param firmwareRamBytes the whole firmware's RAM (without the stack)
 * @param mismatchCount samples that differ from the golden model
 * @param mismatches the first few of them
 * @param firstDivergence where the first mismatching sample starts to differ, layer and element
 *     (from a trace build on the same board, see {@link DeviceTrace}); null when bit-exact
 * @param stackBytes the firmware's stack bound measured with -fstack-usage (see {@link StackUsage})
 */
public record QemuReport(
    String board,
    String kernels,
    int samples,
    boolean bitExact,
    Double accuracy,
    double instructionsPerInference,
    long flashBytes,
    long ramBytes,
    long weightBytes,
    long firmwareFlashBytes,
    long firmwareRamBytes,
    int mismatchCount,
    List<Mismatch> mismatches,
    String firstDivergence,
    long stackBytes) {

  /** One line for logs; with mismatches, the first one and where it starts. */
  public String summary() {
    return String.format("%s (%s kernels): %d samples, %s, %.0f instructions/inference, model flash %d B, RAM %d B%s%s",
        board, kernels, samples, bitExact ? "bit-exact" : mismatchCount + " mismatches", instructionsPerInference,
        flashBytes, ramBytes, accuracy == null ? "" : String.format(", accuracy %.4f", accuracy),
        bitExact ? "" : "; first: " + mismatches.get(0).describe() + (firstDivergence == null ? "" : "; " + firstDivergence));
  }
}
