package io.onebit.cli;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.QemuReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import io.onebit.trainer.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onebit quickstart}: the whole pipeline once. Installs what is missing, trains the
 * default SFC model on MNIST, folds it, checks the golden model, generates and builds the
 * firmware, runs it on an emulated Cortex-M4 and prints the summary.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = "Set up, train SFC on MNIST, generate firmware, run it on QEMU mps2-an386 and report accuracy, exactness and instructions per inference.")
final class QuickstartCommand implements Callable<Integer> {
  private static final String DATASET = "mnist";

  @Mixin
  TrainingOptions training;

  @Spec
  CommandSpec spec;

  @Option(names = "--out", defaultValue = "out/quickstart", paramLabel = "DIR", description = "default ${DEFAULT-VALUE}")
  Path out;

  @Option(names = "--board", defaultValue = Boards.DEFAULT, description = "default ${DEFAULT-VALUE}")
  String boardName;

  @Option(names = "--samples", defaultValue = "1000", description = "test samples run on the board; default ${DEFAULT-VALUE}")
  int samples;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  /** The quickstart trains for fewer epochs than {@code train} so that it ends in a few minutes. */
  static final String EPOCHS = "10";

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    Board board = Boards.load(boardName);
    TrainConfig config = training.config(spec);
    Console.log("[1/4] setup: toolchain, QEMU, MNIST");
    SetupCommand.run(List.of(DATASET));
    Console.log("[2/4] training " + training.architectureName() + " on " + DATASET + " for " + config.epochs()
        + " epochs");
    DataOptions data = new DataOptions();
    data.dataset = DATASET;
    TrainingRun.Outcome trained = TrainingRun.run(config, data, out.resolve("model.json"),
        new ProgressListener(!noProgress));
    Console.log("[3/4] golden model on the test set");
    io.onebit.trainer.data.Dataset test = data.testFor(trained.model());
    Evaluation golden = Evaluation.of(trained.model(), DATASET, test);
    Console.log("[4/4] firmware on QEMU " + board.qemuMachine());
    QemuReport device = QemuCheck.run(trained.model(), board, test, samples, out.resolve("firmware"));

    Console.out().println();
    Console.out().println("onebit quickstart: " + training.architectureName() + " on " + DATASET + ", " + config.epochs()
        + " epochs, seed " + config.seed());
    Console.out().printf("model                       %s (%d binary weights)%n", trained.modelPath(),
        trained.model().binaryParameters());
    Console.out().printf("float network accuracy      %.2f%%  (%.1f s per epoch)%n", 100 * trained.result().testAccuracy(),
        trained.result().secondsPerEpoch());
    Console.out().printf("golden model accuracy       %.2f%%  (agreement with float network %.2f%%)%n",
        100 * golden.accuracy(), 100 * (golden.agreement() == null ? Double.NaN : golden.agreement()));
    Reports.printQemu(device);
    Console.out().printf("total time                  %.0f s%n", (System.nanoTime() - start) / 1e9);
    return device.bitExact() ? 0 : 1;
  }
}
