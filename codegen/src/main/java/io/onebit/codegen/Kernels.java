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

  /** The value of the Makefile's KERNELS variable. */
  public String makeValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Base name of the firmware images this choice produces. */
  String imageName() {
    return this == BOARD ? "firmware" : "firmware-" + makeValue();
  }
}
