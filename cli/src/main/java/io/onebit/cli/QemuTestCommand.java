package io.onebit.cli;

import io.onebit.codegen.Boards;
import io.onebit.codegen.QemuReport;
import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import io.onebit.model.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code onebit qemu-test}: firmware on an emulated board, every int32 score vs the golden model;
 * with {@code --all-boards}, on every emulated board (see {@link AllBoardsRun}).
 */
@Command(name = "qemu-test", mixinStandardHelpOptions = true,
    description = "Build the firmware with test vectors, run it on QEMU (-icount shift=0) and compare every score with the golden model.")
final class QemuTestCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE")
  Path modelPath;

  @Option(names = "--board", defaultValue = Boards.DEFAULT, description = "default ${DEFAULT-VALUE}")
  String boardName;

  @Option(names = "--all-boards", description = "run on every board with a QEMU machine and print a table (JSON: a list)")
  boolean allBoards;

  @Option(names = "--samples", defaultValue = "1000", description = "test samples to run; default ${DEFAULT-VALUE}")
  int samples;

  @picocli.CommandLine.Mixin
  DataOptions data;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "where to generate and build (default: a new temporary directory)")
  Path workDir;

  @Option(names = "--json", description = "print the report as one JSON object (and no progress bar)")
  boolean json;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    DeployModel model = DeployModelIo.read(modelPath);
    if (samples < 1) {
      throw new IllegalArgumentException("--samples must be at least 1, got " + samples);
    }
    io.onebit.trainer.data.Dataset test = data.testFor(model);
    if (allBoards) {
      List<EmulatedBoardSweep.Outcome<QemuReport>> rows = AllBoardsRun.run(model, test, samples, workDir,
          !json && !noProgress);
      if (json) {
        Console.out().println(AllBoardsRun.json(rows));
      } else {
        AllBoardsRun.print(rows, model.name());
      }
      return AllBoardsRun.passed(rows) ? 0 : 1;
    }
    QemuReport report = QemuCheck.run(model, Boards.load(boardName), test, samples, workDir, !json && !noProgress);
    if (json) {
      Console.out().println(Json.mapper().writeValueAsString(report));
    } else {
      Reports.printQemu(report);
    }
    return report.bitExact() ? 0 : 1;
  }
}
