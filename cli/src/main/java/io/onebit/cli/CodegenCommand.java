package io.onebit.cli;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.CodeGenerator;
import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code onebit codegen}: deploy model + board → C sources, harness and Makefile. */
@Command(name = "codegen", mixinStandardHelpOptions = true,
    description = "Generate freestanding C (model.c/model.h, kernels, harness, linker script, Makefile) for a board.")
final class CodegenCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE")
  Path modelPath;

  @Option(names = "--board", defaultValue = Boards.DEFAULT, description = "default ${DEFAULT-VALUE}")
  String boardName;

  @Option(names = "--out", required = true, paramLabel = "DIR")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    OutputPaths.directory(spec, "--out", out);
    DeployModel model = DeployModelIo.read(modelPath);
    Board board = Boards.load(boardName);
    CodeGenerator.GeneratedSources sources = CodeGenerator.generate(model, board, out, null);
    Console.out().printf("wrote %d files to %s (build with: make -C %s)%n", sources.files().size(), sources.dir(), out);
    Console.out().println("memory plan (flash: constants; RAM: activations held in the arena, and kernel scratch):");
    for (String line : sources.model().memoryLines()) {
      Console.out().println("  " + line);
    }
    return 0;
  }
}
