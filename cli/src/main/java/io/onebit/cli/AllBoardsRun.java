package io.onebit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.CodegenException;
import io.onebit.codegen.QemuReport;
import io.onebit.model.DeployModel;
import io.onebit.model.Json;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code qemu-test --all-boards}: the regression on every emulated board (every board with a QEMU
 * machine). A board the model does not fit is skipped with the fit check's line; any other failure
 * is recorded and the run goes on, so one table shows every board.
 */
final class AllBoardsRun {
  /** One board's outcome: a report, or why there is none. */
  record Row(String board, QemuReport report, String skipped, String error) {}

  private AllBoardsRun() {}

  static List<Row> run(DeployModel model, String dataset, Path dataDir, int samples, Path workDir) throws java.io.IOException {
    Path work = workDir != null ? workDir : Files.createTempDirectory("onebit-qemu-all-");
    List<Row> rows = new ArrayList<>();
    for (String name : Boards.names()) {
      Board board = Boards.load(name);
      if (!board.emulated()) {
        continue;
      }
      try {
        rows.add(new Row(name, QemuCheck.run(model, board, dataset, dataDir, samples, work.resolve(name)), null, null));
      } catch (CodegenException e) {
        boolean fit = e.getMessage().contains("does not fit");
        Console.log((fit ? "skipped " : "FAILED ") + name + ": " + e.getMessage());
        rows.add(new Row(name, null, fit ? e.getMessage() : null, fit ? null : e.getMessage()));
      }
    }
    return rows;
  }

  /** Passed when every board that ran was bit-exact and none failed (skipped boards do not fail the run). */
  static boolean passed(List<Row> rows) {
    return rows.stream().allMatch(r -> r.error() == null && (r.report() == null || r.report().bitExact()));
  }

  /** A JSON list: each report's keys (board among them), or {board, skipped} / {board, error}. */
  static String json(List<Row> rows) throws java.io.IOException {
    ArrayNode list = Json.mapper().createArrayNode();
    for (Row r : rows) {
      if (r.report() != null) {
        list.add(Json.mapper().valueToTree(r.report()));
      } else {
        ObjectNode o = list.addObject();
        o.put("board", r.board());
        o.put(r.skipped() != null ? "skipped" : "error", r.skipped() != null ? r.skipped() : r.error());
      }
    }
    return Json.mapper().writeValueAsString(list);
  }

  /** The table: one line per board. */
  static void print(List<Row> rows, String modelName) {
    PrintStream out = Console.out();
    out.printf("model %s%n", modelName);
    out.printf("%-18s %-10s %-12s %9s %14s %12s %10s %8s %7s%n", "board", "kernels", "bit-exact", "accuracy",
        "instr/infer", "flash B", "model B", "RAM B", "stack B");
    for (Row r : rows) {
      QemuReport q = r.report();
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
