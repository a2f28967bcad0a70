package io.onebit.cli;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.ExportFormat;
import io.onebit.codegen.Exporter;
import io.onebit.model.DeployModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code onebit export}: the model as source for Arduino, PlatformIO, Zephyr or any CMake build (see {@link Exporter}). */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write the model as a library for a build system: an Arduino library, a PlatformIO library,"
        + " a Zephyr module or a CMake target; source only, freestanding C99 with the kernels for the board's core,"
        + " and an example that classifies the built-in test vectors against the golden model's results."})
final class ExportCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE|random:ARCH")
  String modelSpec;

  @Option(names = "--board", required = true, paramLabel = "BOARD", completionCandidates = BoardNames.class,
      description = "the board whose core the kernels target: ${COMPLETION-CANDIDATES}")
  String boardName;

  @Option(names = "--format", required = true, paramLabel = "FORMAT", completionCandidates = ExportFormatNames.class,
      description = "${COMPLETION-CANDIDATES}")
  String format;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory to write (all or nothing)")
  Path out;

  @Option(names = "--force", description = "replace DIR if it exists and is not empty")
  boolean force;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ExportFormat f = ExportFormat.named(format);
    Board board = Boards.load(boardName);
    OutputDirectories.requireWritable(spec, "--out", out, force);
    DeployModel model = BenchModels.load(modelSpec);
    Exporter.Export export = Exporter.export(model, board, f, out, force);
    Console.out().printf("wrote %s: %s for %s (%s), %d files; see %s%n", out, f.cliName(), board.name(), board.cpu(),
        export.files().size(), out.resolve("README.md"));
    return 0;
  }
}
