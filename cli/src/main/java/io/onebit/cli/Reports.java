package io.onebit.cli;

import io.onebit.codegen.Mismatch;
import io.onebit.codegen.QemuReport;
import java.io.PrintStream;

/** Human-readable report blocks. */
final class Reports {
  private Reports() {}

  static void printQemu(QemuReport r) {
    PrintStream out = Console.out();
    out.printf("board                       %s (%s kernels)%n", r.board(), r.kernels());
    out.printf("samples                     %d%n", r.samples());
    out.printf("bit-exact                   %d / %d%s%n", r.samples() - r.mismatchCount(), r.samples(),
        r.bitExact() ? "" : "  MISMATCH");
    if (r.accuracy() != null) {
      out.printf("on-device accuracy          %.2f%%%n", 100 * r.accuracy());
    }
    out.printf("instructions per inference  %.0f%n", r.instructionsPerInference());
    out.printf("model flash                 %d bytes (weights %d)%n", r.flashBytes(), r.weightBytes());
    out.printf("model RAM                   %d bytes%n", r.ramBytes());
    out.printf("firmware flash / RAM        %d / %d bytes (with harness and test vectors)%n", r.firmwareFlashBytes(),
        r.firmwareRamBytes());
    out.printf("stack (measured bound)      %d bytes%n", r.stackBytes());
    for (Mismatch m : r.mismatches()) {
      out.println("  " + m.describe());
    }
    if (r.firstDivergence() != null) {
      out.println("where it starts              " + r.firstDivergence());
    }
  }
}
