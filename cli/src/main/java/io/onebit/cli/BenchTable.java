package io.onebit.cli;

import io.onebit.codegen.BenchReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders {@link BenchReport}s: a text block per report, or the Markdown of docs/benchmarks.md. */
final class BenchTable {
  private BenchTable() {}

  /** One report as text: per segment and total, optimised against reference. */
  static void print(BenchReport r, PrintStream out) {
    out.printf("%s on %s: %s, %d samples (instructions under -icount shift=0, SysTick resolution per segment)%n",
        r.model(), r.board(), r.bitExact() ? "bit-exact" : "NOT BIT-EXACT", r.samples());
    out.printf("  %-24s %14s %14s%n", "", "optimised", "reference");
    for (int i = 0; i < r.optimised().layers().size(); i++) {
      out.printf("  %-24s %14s %14s%n", r.optimised().layers().get(i).name(),
          count(r.optimised().layers().get(i).instructions()), count(r.reference().layers().get(i).instructions()));
    }
    out.printf("  %-24s %14s %14s   (reference / optimised: %.1fx)%n", "total per inference",
        count(r.optimised().instructionsPerInference()), count(r.reference().instructionsPerInference()), r.speedup());
    out.printf("  %-24s %14.2f%n", "instr per XOR word", r.optimisedInstructionsPerWord());
    out.printf("  %-24s %14s %14s%n", "model flash B", count(r.optimised().modelFlashBytes()), count(r.reference().modelFlashBytes()));
    out.printf("  %-24s %14s %14s%n", "model RAM B", count(r.optimised().modelRamBytes()), count(r.reference().modelRamBytes()));
    out.printf("  %-24s %14s %14s%n", "firmware flash B", count(r.optimised().firmwareFlashBytes()),
        count(r.reference().firmwareFlashBytes()));
  }

  /** A Markdown section for one model: one row per board (or why it was skipped). */
  static String markdown(String model, List<EmulatedBoardSweep.Outcome<BenchReport>> rows) {
    StringBuilder md = new StringBuilder();
    md.append("### ").append(model).append("\n\n");
    md.append("| board | bit-exact | optimised instr/inference | reference instr/inference | speedup | optimised per layer (encode, layers) | instr per XOR word | model flash B | model RAM B |\n");
    md.append("| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |\n");
    for (EmulatedBoardSweep.Outcome<BenchReport> row : rows) {
      BenchReport r = row.result();
      if (r == null) {
        md.append("| ").append(row.board()).append(" | ").append(row.note().replace("|", "/")).append(" | | | | | | | |\n");
        continue;
      }
      String layers = r.optimised().layers().stream().map(s -> count(s.instructions())).collect(Collectors.joining(" + "));
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.1fx | %s | %.2f | %s | %s |%n", r.board(),
          r.bitExact() ? "yes" : "NO", count(r.optimised().instructionsPerInference()),
          count(r.reference().instructionsPerInference()), r.speedup(), layers, r.optimisedInstructionsPerWord(),
          count(r.optimised().modelFlashBytes()),
          count(r.optimised().modelRamBytes())));
    }
    return md.append('\n').toString();
  }

  static String count(double value) {
    return String.format(Locale.ROOT, "%,d", Math.round(value));
  }
}
