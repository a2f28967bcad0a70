package io.onebit.codegen;

import java.util.Locale;

/** Which kernel family a build uses (the Makefile's KERNELS variable). */
public enum Kernels {
  /** The board's CPU decides: optimised on every Cortex-M core of {@link Board#CPUS}, reference on the host. */
  BOARD,
  /** The plain reference kernels, everywhere. */
  REFERENCE,
  /** The optimised kernels, everywhere (portable C; DSP instructions only where the core has them). */
  OPTIMISED;

  /**
   * The family a build for {@code board} actually runs: BOARD resolves as firmware/kernels/config.h
   * does (optimised on every core of {@link Board#CPUS}, all of them Cortex-M; reference elsewhere).
   */
  public Kernels resolve(Board board) {
    if (this != BOARD) {
      return this;
    }
    return Board.CPUS.contains(board.cpu()) ? OPTIMISED : REFERENCE;
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
