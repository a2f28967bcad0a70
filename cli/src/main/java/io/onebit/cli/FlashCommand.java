package io.onebit.cli;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.CodegenException;
import io.onebit.codegen.FlashPlan;
import io.onebit.model.DeployModelIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code onebit flash}: build a model's firmware for a real board and program it with the board's tool. */
@Command(name = "flash", mixinStandardHelpOptions = true,
    description = "Build the firmware for a real board and program it with the board's tool (openocd, pyocd, st-flash, picotool).")
final class FlashCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE")
  Path modelPath;

  @Option(names = "--board", required = true, description = "one of: ${COMPLETION-CANDIDATES}", completionCandidates = BoardNames.class)
  String boardName;

  @Option(names = "--out", paramLabel = "DIR", description = "where to build (default: a new temporary directory)")
  Path out;

  @Option(names = "--dry-run", description = "build, then print the exact programmer command instead of running it")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    Board board = Boards.load(boardName);
    if (board.flash() == null) {
      FlashPlan.command(board, null); // throws the one-line "has no flash tool" error
    }
    if (!dryRun) {
      FlashPlan.requireTool(board); // before a build, so a missing programmer fails fast
    }
    Path dir = out != null ? out : Files.createTempDirectory("onebit-flash-" + board.name() + "-");
    BoardFirmware.Built built = BoardFirmware.build(DeployModelIo.read(modelPath), board, dir, 0, null);
    List<String> command = FlashPlan.command(board, built.image());
    if (dryRun) {
      Console.out().println(FlashPlan.shellLine(command));
      return 0;
    }
    Console.log("flashing " + board.name() + ": " + FlashPlan.shellLine(command));
    Process process = new ProcessBuilder(command).inheritIO().start();
    int code = process.waitFor();
    if (code != 0) {
      throw new CodegenException(board.flash().tool() + " exited with code " + code + " while flashing " + board.name());
    }
    Console.out().println("flashed " + board.name() + "; expected serial output: " + built.expected());
    return 0;
  }
}
