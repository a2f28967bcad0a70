package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModelIo;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.method.GradientSettings;
import io.onebit.trainer.optim.Optimizers;
import io.onebit.trainer.optim.Sgd;
import io.onebit.trainer.quant.ApproxSign;
import io.onebit.trainer.quant.SteSign;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.TrainingHyperparameters;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The training-method options of {@code train} and the {@code experiment} command. */
class TrainingOptionsTest {
  @TempDir
  Path dir;

  private static String errorOf(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    int exit = cl.execute(args);
    assertTrue(exit != 0, "exit code");
    String text = err.toString().strip();
    assertTrue(text.startsWith("onebit: error:"), text);
    assertFalse(text.contains("\n"), "one line: " + text);
    return text;
  }

  @Test
  void badTrainingChoicesAreOneLineBeforeAnyWork() {
    Path out = dir.resolve("m.json");
    String o = out.toString();
    assertTrue(errorOf("train", "--optimizer", "lamb", "--out", o).contains("unknown optimizer 'lamb' (known: adam, sgd"));
    assertTrue(errorOf("train", "--method", "annealing", "--out", o).contains("unknown method 'annealing'"));
    assertTrue(errorOf("train", "--quantizer", "tanh", "--out", o).contains("unknown quantizer 'tanh'"));
    assertTrue(errorOf("train", "--lr-schedule", "warm", "--out", o).contains("unknown learning-rate schedule 'warm'"));
    assertTrue(errorOf("train", "--weight-decay", "-1", "--out", o).contains("--weight-decay must be >= 0"));
    assertTrue(errorOf("train", "--optimizer", "bop", "--weight-decay", "1e-4", "--out", o).contains("bop"));
    assertTrue(errorOf("train", "--momentum", "1.5", "--optimizer", "sgd", "--out", o).contains("momentum"));
    assertTrue(errorOf("train", "--method", "two-stage", "--epochs", "1", "--out", o).contains("two-stage"));
    assertTrue(errorOf("train", "--swish-beta", "0", "--quantizer", "swish-sign", "--out", o).contains("beta"));
    assertFalse(Files.exists(out));
  }

  @Test
  void aTeacherThatCannotTeachIsRefusedInOneLineBeforeAnyWork() throws Exception {
    Path out = dir.resolve("m.json");
    String o = out.toString();
    assertTrue(errorOf("train", "--teacher", dir.resolve("none.json").toString(), "--out", o).contains("no such file"));
    Path small = dir.resolve("small.json");
    DeployModelIo.write(small, RandomModels.dense("small", InputSpec.thresholded(8, 8, 1, 128), new int[] {16, 10},
        new Random(1)));
    assertTrue(errorOf("train", "--teacher", small.toString(), "--out", o)
        .contains("--teacher " + small + ": the teacher reads 8x8x1 samples, the dataset has 28x28x1"));
    Path fourClasses = dir.resolve("four.json");
    DeployModelIo.write(fourClasses, RandomModels.dense("four", InputSpec.thresholded(28, 28, 1, 128),
        new int[] {16, 4}, new Random(1)));
    assertTrue(errorOf("train", "--teacher", fourClasses.toString(), "--out", o)
        .contains("--teacher " + fourClasses + ": the teacher has 4 classes, the dataset 10"));
    assertTrue(errorOf("train", "--teacher", fourClasses.toString(), "--distill-weight", "2", "--out", o)
        .contains("--distill-weight must be [0, 1], got 2.0"));
    assertFalse(Files.exists(out));
  }

  /** The train command's run from its arguments (parsed as the command line would, not executed). */
  private static TrainConfig parsed(String... args) {
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("train", "--out", "m.json"));
    all.addAll(java.util.List.of(args));
    CommandLine cl = Main.commandLine().parseArgs(all.toArray(String[]::new)).subcommand().commandSpec().commandLine();
    TrainCommand command = cl.getCommand();
    return command.options.config(cl.getCommandSpec());
  }

  @Test
  void optionsBuildTheRun() {
    TrainConfig c = parsed("--method", "two-stage", "--optimizer", "sgd", "--momentum", "0.8", "--quantizer",
        "approx-sign", "--weight-decay", "1e-5", "--lr-schedule", "cosine", "--shift-batchnorm", "--epochs", "4");
    assertEquals("two-stage", c.method().name());
    assertEquals("sgd", c.get(Optimizers.REGISTRY.selector()));
    assertEquals(0.8f, c.get(Sgd.MOMENTUM));
    assertEquals(new ApproxSign(), c.method().activationQuantizer());
    assertEquals(1e-5f, c.get(GradientSettings.WEIGHT_DECAY));
    assertTrue(c.shiftBatchNorm());
    assertEquals(4, c.epochs());
    TrainConfig d = parsed();
    assertEquals("ste", d.method().name());
    assertEquals("adam", d.get(Optimizers.REGISTRY.selector()));
    assertEquals(new SteSign(1f), d.method().activationQuantizer());
    assertEquals(null, d.get(GradientSettings.WEIGHT_DECAY));
    assertEquals(1e-2f, d.schedule().at(0, 20), 1e-9);
    assertEquals(1e-5f, d.schedule().at(19, 20), 1e-9);
    assertTrue(d.settings().given().isEmpty(), "nothing given: " + d.settings());
  }

  @Test
  void everyHyperparameterIsAnOptionWithItsRangeInTheHelp() {
    StringWriter help = new StringWriter();
    CommandLine train = Main.commandLine().getSubcommands().get("train");
    java.io.PrintStream savedErr = System.err;
    java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      train.usage(new PrintWriter(help));
    } finally {
      System.setErr(savedErr);
    }
    String text = help.toString();
    // a literal % in a help text (--init-logit's "4.7 %") is escaped for picocli's String.format
    assertEquals("", warnings.toString(java.nio.charset.StandardCharsets.UTF_8), "picocli warned while formatting --help");
    assertTrue(text.contains("4.7 % of the weights"), text);
    for (Hyperparameter<?> h : TrainingHyperparameters.all()) {
      assertTrue(text.contains(h.option()), h.option() + " missing from --help");
    }
    assertTrue(text.contains("--momentum") && text.contains("[0, 1)"), text);
    assertTrue(errorOf("train", "--momentum", "NaN", "--optimizer", "sgd", "--out", "m.json")
        .contains("--momentum must be a finite number, got NaN"));
    assertTrue(errorOf("train", "--lr", "-1", "--out", "m.json").contains("--lr must be > 0, got -1.0"));
    assertTrue(errorOf("train", "--epochs", "0", "--out", "m.json").contains("--epochs must be [1, 100000], got 0"));
    assertTrue(errorOf("train", "--bop-gamma", "0.1", "--out", "m.json")
        .contains("--bop-gamma applies to --optimizer bop, not adam"));
    assertTrue(errorOf("train", "--arch", "cnn-s", "--input-threshold", "90", "--out", "m.json")
        .contains("--input-threshold does not apply to cnn-s"));
  }

  @Test
  void experimentRefusesABadConfigInOneLine() throws Exception {
    assertTrue(errorOf("experiment", "--config", dir.resolve("none.json").toString()).contains("no such file"));
    Path bad = dir.resolve("grid.json");
    Files.writeString(bad, "{\"dataset\": \"mnist\", \"seeds\": [1], \"architectures\": [{\"name\": \"tfc\", \"epochs\": 2}],"
        + " \"runs\": [{\"name\": \"x\", \"quantizer\": \"nope\"}]}");
    assertTrue(errorOf("experiment", "--config", bad.toString()).contains("run 'x': unknown quantizer 'nope'"));
    assertFalse(Files.exists(dir.resolve("grid.md")));
    assertEquals(Path.of("d/grid.md"), ExperimentCommand.sibling(Path.of("d/grid.json"), ".md"));
    assertEquals(Path.of("d/grid.results.json"), ExperimentCommand.sibling(Path.of("d/grid.md"), ".results.json"));
    Path config = dir.resolve("ok.json");
    Files.writeString(config, "{\"dataset\": \"mnist\", \"seeds\": [1], \"architectures\": [{\"name\": \"tfc\", \"epochs\": 2}],"
        + " \"runs\": [{\"name\": \"x\"}]}");
    assertTrue(errorOf("experiment", "--config", config.toString(), "--out", config.toString()).contains("overwrite"));
  }

  /**
   * An experiment cell trains the model {@code train} trains from the same settings, on vectors too: shift
   * augmentation, which would move a 1 x 1 x F sample out of itself, is off for both (the grid once shifted them).
   */
  @Test
  void anExperimentCellTrainsWhatTrainTrainsOnVectors() throws Exception {
    StringBuilder csv = new StringBuilder("f0,f1,f2,f3,label\n");
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < 80; i++) {
      int label = i % 2;
      for (int f = 0; f < 4; f++) {
        csv.append(random.nextInt(200) + (f == label ? 55 : 0)).append(',');
      }
      csv.append(label).append('\n');
    }
    Path data = Files.writeString(dir.resolve("v.csv"), csv.toString());
    Path model = dir.resolve("m.json");
    CliRun.stdout("train", "--arch", "tfc", "--dataset", data.toString(), "--epochs", "2", "--batch-size", "10",
        "--no-progress", "--out", model.toString());
    Path config = Files.writeString(dir.resolve("v-grid.json"), "{\"dataset\": \"" + data + "\", \"seeds\": [1],"
        + " \"architectures\": [{\"name\": \"tfc\", \"epochs\": 2}], \"runs\": [{\"name\": \"x\", \"batch_size\": 10}]}");
    CliRun.stdout("experiment", "--config", config.toString(), "--no-progress");
    var mapper = io.onebit.model.Json.mapper();
    List<Double> trained = new java.util.ArrayList<>();
    mapper.readTree(dir.resolve("m.metrics.json").toFile()).forEach(e -> trained.add(e.get("loss").asDouble()));
    List<Double> grid = new java.util.ArrayList<>();
    mapper.readTree(dir.resolve("v-grid.results.json").toFile()).get("results").get(0).get("history")
        .forEach(e -> grid.add(e.get("loss").asDouble()));
    assertEquals(trained, grid, "loss per epoch, train vs the experiment's cell");
  }

  /** --help names every shipped architecture (it once listed 7 of 11: digits-cnn, motion-1d, ... were missing). */
  @Test
  void helpNamesEveryShippedArchitecture() {
    String help = CliRun.stdout("train", "--help").replaceAll("\\s", ""); // picocli wraps anywhere
    List<String> names = io.onebit.trainer.arch.Architecture.names();
    assertTrue(names.contains("tabular-8bit") && names.contains("motion-1d"), names.toString());
    assertTrue(help.contains("--arch=<arch>network,oneofarchs/*.json:" + String.join(",", names) + "("), help);
  }
}
