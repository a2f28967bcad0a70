package io.onebit.codegen;

import java.util.Locale;

/** Which kernel family a build uses (the Makefile's KERNELS variable). */
public enum Kernels {
  /** The board's CPU decides: optimised on M3/M4/M7, reference elsewhere (and on the host). */
  BOARD,
  /** The plain reference kernels, everywhere. */
  REFERENCE,
  /** The optimised kernels, everywhere (portable C; DSP instructions only where the core has them). */
  OPTIMISED;

  /**
   * The family a build for {@code board} actually runs: BOARD resolves as firmware/kernels/config.h
   * does (optimised on Cortex-M3/M4/M7, reference elsewhere).
   */
  public Kernels resolve(Board board) {
    if (this != BOARD) {
      return this;
    }
    return java.util.List.of("cortex-m3", "cortex-m4", "cortex-m7").contains(board.cpu()) ? OPTIMISED : REFERENCE;
  }

  /** The value of the Makefile's KERNELS variable. */
  public String makeValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Base name of the firmware images this choice produces. */
  String imageName() {
    return this == BOARD ? "firmware" : "firmware-" + makeValue();
  }
}
