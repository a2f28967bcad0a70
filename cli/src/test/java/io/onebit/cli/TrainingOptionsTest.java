package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModelIo;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import io.onebit.trainer.train.TrainConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
    assertTrue(errorOf("train", "--method", "rl", "--out", o).contains("unknown method 'rl'"));
    assertTrue(errorOf("train", "--quantizer", "tanh", "--out", o).contains("unknown quantizer 'tanh'"));
    assertTrue(errorOf("train", "--lr-schedule", "warm", "--out", o).contains("unknown learning-rate schedule 'warm'"));
    assertTrue(errorOf("train", "--weight-decay", "-1", "--out", o).contains("weight decay must be >= 0"));
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
        .contains("the teacher reads 8x8x1 images, the dataset has 28x28x1"));
    Path fourClasses = dir.resolve("four.json");
    DeployModelIo.write(fourClasses, RandomModels.dense("four", InputSpec.thresholded(28, 28, 1, 128),
        new int[] {16, 4}, new Random(1)));
    assertTrue(errorOf("train", "--teacher", fourClasses.toString(), "--out", o)
        .contains("the teacher has 4 classes, the dataset 10"));
    assertTrue(errorOf("train", "--teacher", fourClasses.toString(), "--distill-weight", "2", "--out", o)
        .contains("distillation weight must be in [0, 1]"));
    assertFalse(Files.exists(out));
  }

  @Test
  void optionsBuildTheRecipe() {
    TrainOptions options = new TrainOptions();
    new CommandLine(options).parseArgs("--method", "two-stage", "--optimizer", "sgd", "--momentum", "0.8",
        "--quantizer", "approx-sign", "--weight-decay", "1e-5", "--lr-schedule", "cosine", "--shift-batchnorm");
    TrainConfig c = options.config();
    assertEquals("two-stage", c.recipe().method());
    assertEquals("sgd", c.recipe().optimizer());
    assertEquals(0.8f, c.recipe().momentum());
    assertEquals("approx-sign", c.recipe().quantizer());
    assertEquals(1e-5f, c.recipe().weightDecay());
    assertTrue(c.recipe().shiftBatchNorm());
    TrainOptions defaults = new TrainOptions();
    new CommandLine(defaults).parseArgs();
    TrainConfig d = defaults.config();
    assertEquals("ste", d.recipe().method());
    assertEquals("adam", d.recipe().optimizer());
    assertEquals("ste-sign", d.recipe().quantizer());
    assertEquals(null, d.recipe().weightDecay());
    assertEquals(1e-2f, d.schedule().at(0, 20), 1e-9);
    assertEquals(1e-5f, d.schedule().at(19, 20), 1e-9);
  }

  @Test
  void experimentRefusesABadConfigInOneLine() throws Exception {
    assertTrue(errorOf("experiment", "--config", dir.resolve("none.json").toString()).contains("no such file"));
    Path bad = dir.resolve("grid.json");
    Files.writeString(bad, "{\"dataset\": \"mnist\", \"seeds\": [1], \"architectures\": [{\"name\": \"tfc\", \"epochs\": 2}],"
        + " \"runs\": [{\"name\": \"x\", \"quantizer\": \"nope\"}]}");
    assertTrue(errorOf("experiment", "--config", bad.toString()).contains("run 'x' on tfc: unknown quantizer 'nope'"));
    assertFalse(Files.exists(dir.resolve("grid.md")));
    assertEquals(Path.of("d/grid.md"), ExperimentCommand.sibling(Path.of("d/grid.json"), ".md"));
    assertEquals(Path.of("d/grid.results.json"), ExperimentCommand.sibling(Path.of("d/grid.md"), ".results.json"));
    Path config = dir.resolve("ok.json");
    Files.writeString(config, "{\"dataset\": \"mnist\", \"seeds\": [1], \"architectures\": [{\"name\": \"tfc\", \"epochs\": 2}],"
        + " \"runs\": [{\"name\": \"x\"}]}");
    assertTrue(errorOf("experiment", "--config", config.toString(), "--out", config.toString()).contains("overwrite"));
  }
}
