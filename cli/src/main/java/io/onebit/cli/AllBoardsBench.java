package io.onebit.cli;

import io.onebit.codegen.BenchReport;
import io.onebit.codegen.BenchRunner;
import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.CodegenException;
import io.onebit.model.DeployModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench --all-boards}: one model on every board with a QEMU machine. A board the model does
 * not fit (or whose run fails) gets a row that says why, and the run goes on.
 */
final class AllBoardsBench {
  /** A board's report, or the one-line reason there is none. */
  record Row(String board, BenchReport report, String note) {}

  private AllBoardsBench() {}

  static List<Row> run(DeployModel model, byte[][] samples, Path work) {
    List<Row> rows = new ArrayList<>();
    for (String name : Boards.names()) {
      Board board = Boards.load(name);
      if (!board.emulated()) {
        continue;
      }
      try {
        BenchReport r = BenchRunner.run(model, board, samples, work.resolve(model.name()).resolve(name));
        Console.log(String.format("%s on %s: %.0f instructions per inference (reference %.0f)", model.name(), name,
            r.optimised().instructionsPerInference(), r.reference().instructionsPerInference()));
        rows.add(new Row(name, r, null));
      } catch (CodegenException e) {
        boolean fit = e.getMessage().contains("does not fit");
        Console.log((fit ? "skipped " : "FAILED ") + name + ": " + e.getMessage());
        rows.add(new Row(name, null, (fit ? "does not fit: " : "failed: ") + e.getMessage().lines().findFirst().orElse("")));
      }
    }
    return rows;
  }
}
