package io.onebit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onebit.cli.EmulatedBoardSweep.Outcome;
import io.onebit.codegen.QemuReport;
import io.onebit.model.DeployModel;
import io.onebit.model.Json;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code qemu-test --all-boards}: the regression on every emulated board, as one table; boards the
 * model does not fit are skipped (see {@link EmulatedBoardSweep}).
 */
final class AllBoardsRun {
  private AllBoardsRun() {}

  static List<Outcome<QemuReport>> run(DeployModel model, io.onebit.trainer.data.Dataset test, int samples, Path workDir,
      boolean progress) throws java.io.IOException {
    Path work = workDir != null ? workDir : Files.createTempDirectory("onebit-qemu-all-");
    return EmulatedBoardSweep.run(board -> QemuCheck.run(model, board, test, samples, work.resolve(board.name())),
        "qemu-test boards", progress);
  }

  /** Passed when every board that ran was bit-exact and none failed (skipped boards do not fail the run). */
  static boolean passed(List<Outcome<QemuReport>> rows) {
    return rows.stream().allMatch(r -> r.error() == null && (r.result() == null || r.result().bitExact()));
  }

  /** A JSON list: each report's keys (board among them), or {board, skipped} / {board, error}. */
  static String json(List<Outcome<QemuReport>> rows) throws java.io.IOException {
    ArrayNode list = Json.mapper().createArrayNode();
    for (Outcome<QemuReport> r : rows) {
      if (r.result() != null) {
        list.add(Json.mapper().valueToTree(r.result()));
      } else {
        ObjectNode o = list.addObject();
        o.put("board", r.board());
        o.put(r.skipped() != null ? "skipped" : "error", r.skipped() != null ? r.skipped() : r.error());
      }
    }
    return Json.mapper().writeValueAsString(list);
  }

  /** The table: one line per board. */
  static void print(List<Outcome<QemuReport>> rows, String modelName) {
    PrintStream out = Console.out();
    out.printf("model %s%n", modelName);
    out.printf("%-18s %-10s %-12s %9s %14s %12s %10s %8s %7s%n", "board", "kernels", "bit-exact", "accuracy",
        "instr/infer", "flash B", "model B", "RAM B", "stack B");
    for (Outcome<QemuReport> r : rows) {
      QemuReport q = r.result();
      if (q == null) {
        out.printf("%-18s %s%n", r.board(), r.skipped() != null ? "skipped: " + r.skipped() : "FAILED: " + r.error());
        continue;
      }
      out.printf("%-18s %-10s %-12s %9s %14.0f %12d %10d %8d %7d%n", q.board(), q.kernels(),
          (q.samples() - q.mismatchCount()) + "/" + q.samples(), q.accuracy() == null ? "-" : String.format("%.2f%%", 100 * q.accuracy()),
          q.instructionsPerInference(), q.firmwareFlashBytes(), q.flashBytes(), q.firmwareRamBytes(), q.stackBytes());
    }
  }
}
