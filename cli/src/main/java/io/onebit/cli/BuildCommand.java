package io.onebit.cli;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.model.DeployModelIo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code onebit build}: a board's firmware images, ready to flash or to run on QEMU. */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Generate and build a model's firmware images for a board (.elf, .bin, .hex; .uf2 for the Pico). "
        + "The firmware runs the model on built-in test vectors and prints one R line per sample on the board's console.")
final class BuildCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE")
  Path modelPath;

  @Option(names = "--board", required = true, description = "one of: ${COMPLETION-CANDIDATES}", completionCandidates = BoardNames.class)
  String boardName;

  @Option(names = "--out", required = true, paramLabel = "DIR")
  Path out;

  @Option(names = "--samples", defaultValue = "0", description = "embed the first N dataset test samples instead of the built-in vectors")
  int samples;

  @picocli.CommandLine.Mixin
  DataOptions data;


  @Override
  public Integer call() {
    Board board = Boards.load(boardName);
    io.onebit.model.DeployModel model = DeployModelIo.read(modelPath);
    BoardFirmware.Built built = BoardFirmware.build(model, board, out, samples, samples > 0 ? data.testFor(model) : null);
    BoardFirmware.print(built, board);
    return 0;
  }
}
