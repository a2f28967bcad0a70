package io.onebit.cli;

import io.onebit.codegen.ModelSummary;
import io.onebit.codegen.ModelSummary.Device;
import io.onebit.codegen.ModelSummary.Row;
import io.onebit.codegen.ModelSummary.Totals;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@link ModelSummary} as text: a Larq-style table with the device columns, then the totals. */
final class SummaryTable {
  private static final String[] HEADER = {"layer", "kernel", "input", "output", "1-bit params", "int params",
      "flash B", "act. RAM B", "1-bit MACs", "8-bit MACs", "XOR words", "instructions", "%"};

  private SummaryTable() {}

  static void print(ModelSummary s, PrintStream out) {
    out.printf("model %s: input %s, %d classes%n", s.model(), s.input(), s.classes());
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    double total = s.device() == null || s.device().instructionsPerInference() == null ? 0
        : s.device().instructionsPerInference();
    if (s.encodeInstructions() != null) {
      rows.add(new String[] {"input encoding", "", s.input().split(" ")[0], "", "", "", "", "", "", "", "",
          count(s.encodeInstructions()), percent(s.encodeInstructions(), total)});
    }
    for (Row r : s.layers()) {
      rows.add(new String[] {r.index() + " " + r.type(), r.kernel().equals(r.type()) ? "" : r.kernel(), r.inputShape(),
          r.outputShape(), count(r.binaryParameters()), count(r.integerParameters()), count(r.flashBytes()),
          count(r.activationBytes() + r.scratchBytes()), count(r.binaryMacs()), count(r.int8Macs()), count(r.xorWords()),
          r.instructions() == null ? "" : count(r.instructions()),
          r.instructions() == null ? "" : percent(r.instructions(), total)});
    }
    Totals t = s.totals();
    rows.add(new String[] {"total", "", "", "", count(t.binaryParameters()), count(t.integerParameters()),
        count(t.constantBytes()), count(t.ramBytes()), count(t.binaryMacs()), count(t.int8Macs()), count(t.xorWords()),
        total == 0 ? "" : count(total), ""});
    printAligned(rows, out);
    out.printf(Locale.ROOT, "memory: %s (1-bit parameters packed, integer parameters as 32 bits); float32 equivalent %s"
        + " (%.1fx larger); int8 equivalent %s (%.1fx larger)%n", bytes(t.memoryBytes()), bytes(t.float32Bytes()),
        t.float32Ratio(), bytes(t.int8Bytes()), t.int8Ratio());
    out.printf(Locale.ROOT, "act. RAM per layer: its input + output in the shared arena, plus its kernel's scratch;"
        + " the model's RAM is the arena and the largest scratch of each kind: %s B%n", count(t.ramBytes()));
    Device d = s.device();
    if (d == null) {
      return;
    }
    out.printf(Locale.ROOT, "board %s (%s, %s MHz): ", d.board(), d.cpu(), trim(d.clockHz() / 1e6));
    if (d.instructionsPerInference() != null) {
      out.printf(Locale.ROOT, "%s instructions per inference on QEMU (%.2f ms at 1 instruction per cycle); ",
          count(d.instructionsPerInference()), d.millisecondsAtOneInstructionPerCycle());
    }
    out.printf(Locale.ROOT, "%s: flash %s of %s B (%.1f %%), RAM %s + stack %s of %s B (%.1f %%)%s%s%n",
        d.fits() ? "fits" : "DOES NOT FIT", count(d.modelFlashBytes()), count(d.boardFlashBytes()),
        100.0 * d.modelFlashBytes() / d.boardFlashBytes(), count(d.modelRamBytes()), count(d.stackBytes()),
        count(d.boardRamBytes()), 100.0 * (d.modelRamBytes() + d.stackBytes()) / d.boardRamBytes(),
        d.measured() ? " (model.o and the measured stack)" : " (estimated before a build)",
        d.note() == null ? "" : "; " + d.note());
  }

  private static void printAligned(List<String[]> rows, PrintStream out) {
    int[] widths = new int[HEADER.length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        if (widths[i] == 0) {
          continue;
        }
        String cell = i < 4 ? String.format("%-" + widths[i] + "s", r[i]) : String.format("%" + widths[i] + "s", r[i]);
        line.append(i == 0 ? "" : "  ").append(cell);
      }
      out.println(line.toString().stripTrailing());
    }
  }

  static String count(double value) {
    return String.format(Locale.ROOT, "%,d", Math.round(value));
  }

  private static String percent(double part, double total) {
    return total == 0 ? "" : String.format(Locale.ROOT, "%.1f", 100 * part / total);
  }

  private static String bytes(long b) {
    return b >= 1 << 20 ? String.format(Locale.ROOT, "%.2f MiB", b / 1048576.0)
        : String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
