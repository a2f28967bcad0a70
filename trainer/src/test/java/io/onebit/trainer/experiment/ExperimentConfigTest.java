package io.onebit.trainer.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModelIo;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import io.onebit.trainer.distill.Distillation;
import io.onebit.trainer.method.GradientSettings;
import io.onebit.trainer.net.InputEncoding;
import io.onebit.trainer.optim.Bop;
import io.onebit.trainer.optim.Optimizers;
import io.onebit.trainer.optim.Sgd;
import io.onebit.trainer.train.EpochMetrics;
import io.onebit.trainer.train.FlipTracker;
import io.onebit.trainer.train.TrainConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentConfigTest {
  @TempDir
  Path dir;

  private static final String GRID = """
      {"dataset": "mnist", "seeds": [1, 2],
       "architectures": [{"name": "tfc", "epochs": 20}, {"name": "sfc", "epochs": 10}],
       "runs": [{"name": "ste+adam"},
                {"name": "ste+sgd", "optimizer": "sgd", "lr": 0.1, "lr_end": 1e-4, "momentum": 0.8},
                {"name": "two-stage", "method": "two-stage", "weight_decay": 1e-5},
                {"name": "bop", "optimizer": "bop", "bop_threshold": 1e-6, "bop_gamma": 1e-2}]}
      """;

  @Test
  void parsesTheGridAndFillsDefaults() throws IOException {
    ExperimentConfig c = ExperimentConfig.parse(GRID.getBytes(StandardCharsets.UTF_8));
    List<ExperimentConfig.Cell> cells = c.cells();
    assertEquals(16, cells.size());
    assertEquals("tfc", cells.get(0).architecture().name());
    assertEquals("ste+adam", cells.get(0).run().name());
    assertEquals(2L, cells.get(1).seed());
    TrainConfig sgd = c.trainConfig(cells.get(2).architecture(), cells.get(2).run(), 1);
    assertEquals("sgd", sgd.get(Optimizers.REGISTRY.selector()));
    assertEquals(0.8f, sgd.get(Sgd.MOMENTUM));
    assertEquals(0.1f, sgd.schedule().at(0, 20), 1e-7);
    assertEquals(1e-4f, sgd.schedule().at(19, 20), 1e-9);
    TrainConfig adam = c.trainConfig(cells.get(0).architecture(), cells.get(0).run(), 1);
    assertEquals("ste", adam.method().name());
    assertEquals("adam", adam.get(Optimizers.REGISTRY.selector()));
    assertEquals(100, adam.batchSize());
    assertEquals(64, adam.get(InputEncoding.THRESHOLD));
    assertEquals(1, adam.augmentShift());
    assertEquals(20, adam.epochs());
    assertEquals(1e-5f, c.runs().get(2).settings().get(GradientSettings.WEIGHT_DECAY));
    assertEquals(1e-2f, c.runs().get(3).settings().get(Bop.GAMMA));
  }

  @Test
  void aRunMayDistilFromATeacherFile() throws IOException {
    Path teacher = dir.resolve("teacher.json");
    DeployModelIo.write(teacher, RandomModels.dense("lfc", InputSpec.thresholded(28, 28, 1, 64), new int[] {32, 10},
        new Random(1)));
    String grid = """
        {"dataset": "mnist", "seeds": [1], "architectures": [{"name": "sfc", "epochs": 2}],
         "runs": [{"name": "plain"}, {"name": "kd", "teacher": "%s", "distill_weight": 0.9, "distill_temperature": 4}]}
        """.formatted(teacher.toString().replace("\\", "\\\\"));
    ExperimentConfig c = ExperimentConfig.parse(grid.getBytes(StandardCharsets.UTF_8));
    List<ExperimentConfig.Cell> cells = c.cells();
    assertEquals(null, c.trainConfig(cells.get(0).architecture(), cells.get(0).run(), 1).distillation());
    Distillation kd = c.trainConfig(cells.get(1).architecture(), cells.get(1).run(), 1).distillation();
    assertEquals("lfc", kd.teacher().name());
    assertEquals(0.9f, kd.weight());
    assertEquals(4f, kd.temperature());
    Path missing = dir.resolve("grid.json");
    Files.writeString(missing, grid.replace("teacher.json", "none.json"));
    IOException e = assertThrows(IOException.class, () -> ExperimentConfig.read(missing));
    assertTrue(e.getMessage().contains("run 'kd' on sfc: ") && e.getMessage().contains("none.json: no such file"),
        e.getMessage());
  }

  @Test
  void badConfigsAreOneLineNamingTheFile() throws IOException {
    Path unknownKey = dir.resolve("a.json");
    Files.writeString(unknownKey, GRID.replace("\"seeds\"", "\"seed_list\": 1, \"seeds\""));
    IOException e = assertThrows(IOException.class, () -> ExperimentConfig.read(unknownKey));
    assertTrue(e.getMessage().startsWith(unknownKey.toString()) && e.getMessage().contains("seed_list"), e.getMessage());
    Path badOptimizer = dir.resolve("b.json");
    Files.writeString(badOptimizer, GRID.replace("\"sgd\"", "\"lamb\""));
    e = assertThrows(IOException.class, () -> ExperimentConfig.read(badOptimizer));
    assertTrue(e.getMessage().contains("run 'ste+sgd': unknown optimizer 'lamb'"), e.getMessage());
    Path duplicate = dir.resolve("c.json");
    Files.writeString(duplicate, GRID.replace("\"bop\", \"optimizer\"", "\"ste+adam\", \"optimizer\""));
    e = assertThrows(IOException.class, () -> ExperimentConfig.read(duplicate));
    assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    e = assertThrows(IOException.class, () -> ExperimentConfig.read(dir.resolve("none.json")));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    Path empty = dir.resolve("d.json");
    Files.writeString(empty, "{\"dataset\": \"mnist\", \"seeds\": [], \"architectures\": [], \"runs\": []}");
    assertThrows(IOException.class, () -> ExperimentConfig.read(empty));
    Path notJson = dir.resolve("e.json");
    Files.writeString(notJson, "{\"dataset\": ");
    e = assertThrows(IOException.class, () -> ExperimentConfig.read(notJson));
    assertTrue(e.getMessage().contains("invalid experiment config"), e.getMessage());
  }

  private static RunResult result(String arch, String run, long seed, double acc, double ff, double c2i) {
    EpochMetrics m = new EpochMetrics(1, 0.5, 0.9, acc, 1e-3, 2, "binary", ff, c2i,
        List.of(new FlipTracker.LayerFlips("dense0", 10, ff, c2i)), java.util.Map.of());
    return RunResult.of(arch, run, "ste", "adam", seed, acc, 12, List.of(m));
  }

  @Test
  void tableShowsMeanAndSampleStdPerArchitectureAndRun() {
    String md = ResultsTable.markdown("T", List.of(result("tfc", "a", 1, 0.90, 1e-3, 0.2),
        result("tfc", "a", 2, 0.92, 3e-3, 0.4), result("sfc", "a", 1, 0.97, 1e-4, 0.1)));
    List<String> lines = md.lines().toList();
    assertEquals("## T", lines.get(0));
    assertTrue(lines.get(2).startsWith("| arch | run |"), lines.get(2));
    assertEquals("| tfc | a | ste | adam | 1 | 1,2 | 91.00 ± 1.41 | 12 | 2.00e-03 | 2.00e-03 | 0.300 |", lines.get(4));
    assertEquals("| sfc | a | ste | adam | 1 | 1 | 97.00 ± 0.00 | 12 | 1.00e-04 | 1.00e-04 | 0.100 |", lines.get(5));
    double[] ms = ResultsTable.meanStd(List.of(1.0, 2.0, 3.0));
    assertEquals(2.0, ms[0]);
    assertEquals(1.0, ms[1], 1e-12);
  }

  @Test
  void runNamesCannotBreakTheTable() throws IOException {
    String md = ResultsTable.markdown("T", List.of(result("tfc", "ste | adam", 1, 0.90, 1e-3, 0.2)));
    assertEquals("| tfc | ste \\| adam | ste | adam | 1 | 1 | 90.00 ± 0.00 | 12 | 1.00e-03 | 1.00e-03 | 0.200 |",
        md.lines().toList().get(4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExperimentConfig.parse(
        GRID.replace("\"ste+adam\"", "\"ste\\nadam\"").getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("control character"), e.getMessage());
  }

  @Test
  void numbersAreTakenAsWrittenAndKeysOnce() {
    for (String bad : new String[] {"\"lr\": \"0.1\"", "\"lr\": true", "\"stage1_epochs\": 1.5", "\"shift_batchnorm\": \"true\""}) {
      byte[] json = GRID.replace("{\"name\": \"ste+adam\"}", "{\"name\": \"ste+adam\", " + bad + "}")
          .getBytes(StandardCharsets.UTF_8);
      // Typed by the hyperparameter's declaration (JsonSettings): the run and the key are named.
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExperimentConfig.parse(json), bad);
      String key = bad.substring(1, bad.indexOf('"', 1));
      assertTrue(e.getMessage().contains("run 'ste+adam'") && e.getMessage().contains(key), e.getMessage());
    }
    assertThrows(IOException.class, () -> ExperimentConfig.parse(
        GRID.replace("\"seeds\": [1, 2]", "\"seeds\": [1, 2], \"seeds\": [3]").getBytes(StandardCharsets.UTF_8)));
    assertThrows(IOException.class, () -> ExperimentConfig.parse((GRID + " []").getBytes(StandardCharsets.UTF_8)));
  }
}
