package io.onebit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModelIo;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.fold.Fold;
import io.onebit.trainer.method.TrainingMethods;
import io.onebit.trainer.method.bernoulli.BernoulliMethod;
import io.onebit.trainer.method.rl.GradientFreeSettings;
import io.onebit.trainer.method.rl.LocalSearchMethod;
import io.onebit.trainer.method.rl.RlMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped anywhere and resumed from its checkpoint ends with the same model, bit for bit, as
 * a run never interrupted: killed after an epoch's checkpoint (kill -9), or stopped on request in
 * the middle of an epoch (SIGTERM).
 */
class CheckpointTest {
  private static final Dataset TRAIN = SyntheticImages.make(1000, 1);
  private static final Dataset TEST = SyntheticImages.make(200, 2);

  @TempDir
  Path dir;

  /** Stochastic activations and weights: the generator is drawn from in every step. */
  private static TrainConfig config(String method, String optimizer) {
    String weights = optimizer.equals("bop") ? "sign" : "stochastic";
    return RecipesTest.recipe(Configs.small("tfc", 4, 11, 1), method, optimizer, "stochastic", weights, 5e-2f);
  }

  private static TrainingResult train(TrainConfig c, TrainingListener listener, Checkpoints checkpoints) {
    return Trainer.train(c, TRAIN, TEST, Trainer.Options.defaults().withListener(listener).withCheckpoints(checkpoints));
  }

  private static byte[] model(TrainingResult r) {
    return DeployModelIo.toJson(Fold.toDeployModel(r.network(), "m", Map.of()));
  }

  /** Throws at the given batch: a process killed there (its last checkpoint is the previous epoch's). */
  private static TrainingListener killAt(int epoch, int batch) {
    return new TrainingListener() {
      @Override
      public void batchDone(int e, int b, double loss, double accuracy) {
        if (e == epoch && b == batch) {
          throw new IllegalStateException("killed");
        }
      }
    };
  }

  private static TrainingListener stopAt(Checkpoints checkpoints, int epoch, int batch) {
    return new TrainingListener() {
      @Override
      public void batchDone(int e, int b, double loss, double accuracy) {
        if (e == epoch && b == batch) {
          checkpoints.requestStop();
        }
      }
    };
  }

  private static void assertSameRun(TrainingResult expected, TrainingResult actual) {
    assertArrayEquals(model(expected), model(actual), "deploy model");
    assertArrayEquals(expected.testPredictions(), actual.testPredictions());
    assertEquals(expected.epochs().size(), actual.epochs().size());
    for (int i = 0; i < expected.epochs().size(); i++) {
      EpochMetrics a = expected.epochs().get(i);
      EpochMetrics b = actual.epochs().get(i);
      assertEquals(a.loss(), b.loss(), "loss of epoch " + (i + 1));
      assertEquals(a.testAccuracy(), b.testAccuracy());
      assertEquals(a.ffRatio(), b.ffRatio());
      assertEquals(a.c2iRatio(), b.c2iRatio());
    }
  }

  @Test
  void killedAfterAnEpochAndResumedIsTheUninterruptedRun() {
    TrainingResult whole = Trainer.train(config("ste", "adam"), TRAIN, TEST, TrainingListener.NONE);
    Path file = dir.resolve("m.checkpoint");
    assertThrows(IllegalStateException.class, () -> train(config("ste", "adam"), killAt(2, 7), Checkpoints.at(file, false)));
    assertTrue(Files.exists(file), "the checkpoint of epoch 2 survives the kill");
    TrainingResult resumed = train(config("ste", "adam"), TrainingListener.NONE, Checkpoints.at(file, true));
    assertSameRun(whole, resumed);
    assertFalse(Files.exists(file), "a completed run removes its checkpoint");
  }

  @Test
  void stoppedMidEpochAndResumedIsTheUninterruptedRunForEveryOptimizerState() {
    for (String[] recipe : new String[][] {{"two-stage", "sgd"}, {"ste", "adamax"}, {"ste", "bop"}}) {
      TrainConfig c = config(recipe[0], recipe[1]);
      TrainingResult whole = Trainer.train(c, TRAIN, TEST, TrainingListener.NONE);
      Path file = dir.resolve(recipe[0] + recipe[1] + ".checkpoint");
      Checkpoints first = Checkpoints.at(file, false);
      TrainingInterruptedException stop = assertThrows(TrainingInterruptedException.class,
          () -> train(c, stopAt(first, 2, 5), first));
      assertTrue(stop.getMessage().contains("epoch 3, batch 6"), stop.getMessage());
      TrainingResult resumed = train(c, TrainingListener.NONE, Checkpoints.at(file, true));
      assertSameRun(whole, resumed);
    }
  }

  /**
   * The Bernoulli method's state: the global step (temperature, regulariser schedule), the logits,
   * the binarised weights of the fraction schedule (which grows during the run), the learned
   * regulariser weight, the running BatchNorm statistics and the optimizer's moments; killed
   * after an epoch and stopped mid-epoch, on an MLP (with sampled hidden activations) and on a CNN
   * with max-pools (sampled from its second epoch, the regulariser's schedule over its
   * probabilistic epochs).
   */
  @Test
  void bernoulliResumedIsTheUninterruptedRun() {
    TrainConfig mlp = Configs.small("tfc", 3, 11, 1).with(TrainingMethods.REGISTRY.selector(), "bernoulli")
        .with(BernoulliMethod.REG_SCHEDULE, "learned").with(BernoulliMethod.BINARIZE_FROM, 0.25f)
        .with(BernoulliMethod.ACTIVATION, "sample");
    TrainConfig cnn = Configs.small(ConvTrainerTest.THRESHOLD, 3, 12, 1)
        .with(TrainingMethods.REGISTRY.selector(), "bernoulli").with(BernoulliMethod.SUM, "edgeworth")
        .with(BernoulliMethod.BINARIZE, "layerwise").with(BernoulliMethod.ACTIVATION, "binarization-sample")
        .with(BernoulliMethod.REG_SPAN, "probabilistic").with(BernoulliMethod.REG_WEIGHT_END, 1e-2f)
        .with(BernoulliMethod.BINARIZE_FROM, 0.5f).with(BernoulliMethod.SAMPLE_FROM, 0.25f);
    for (TrainConfig c : new TrainConfig[] {mlp, cnn}) {
      TrainingResult whole = Trainer.train(c, TRAIN, TEST, TrainingListener.NONE);
      Path killed = dir.resolve("killed" + c.architecture().name() + ".checkpoint");
      assertThrows(IllegalStateException.class, () -> train(c, killAt(2, 4), Checkpoints.at(killed, false)));
      assertSameRun(whole, train(c, TrainingListener.NONE, Checkpoints.at(killed, true)));
      Path stopped = dir.resolve("stopped" + c.architecture().name() + ".checkpoint");
      Checkpoints first = Checkpoints.at(stopped, false);
      assertThrows(TrainingInterruptedException.class, () -> train(c, stopAt(first, 1, 9), first));
      TrainingResult resumed = train(c, TrainingListener.NONE, Checkpoints.at(stopped, true));
      assertSameRun(whole, resumed);
      for (int e = 0; e < whole.epochs().size(); e++) {
        assertEquals(whole.epochs().get(e).method(), resumed.epochs().get(e).method(), "method figures of epoch " + e);
      }
    }
  }

  /**
   * A checkpoint written as a stage ended holds that stage's step: resumed there, the next stage
   * starts as in the uninterrupted run — two-stage's binary stage with a fresh optimizer (not the
   * real-weight stage's Adam moments), Bernoulli's straight-through stage ({@code --binarize ste})
   * with its latent weights handed over from the saved logits; and stopped inside that stage.
   */
  @Test
  void killedAtAStageBoundaryAndResumedIsTheUninterruptedRun() {
    TrainConfig twoStage = config("two-stage", "adam");
    TrainConfig ste = Configs.small("tfc", 4, 11, 1).with(TrainingMethods.REGISTRY.selector(), "bernoulli")
        .with(BernoulliMethod.BINARIZE, "ste").with(BernoulliMethod.BINARIZE_FROM, 0.5f);
    for (TrainConfig c : new TrainConfig[] {twoStage, ste}) {
      TrainingResult whole = Trainer.train(c, TRAIN, TEST, TrainingListener.NONE);
      assertEquals(java.util.List.of(2, 2), stageEpochs(whole), c.settings().toString());
      Path killed = dir.resolve("boundary.checkpoint");
      assertThrows(IllegalStateException.class, () -> train(c, killAt(2, 4), Checkpoints.at(killed, false)));
      assertSameRun(whole, train(c, TrainingListener.NONE, Checkpoints.at(killed, true)));
      Path stopped = dir.resolve("inside.checkpoint");
      Checkpoints first = Checkpoints.at(stopped, false);
      assertThrows(TrainingInterruptedException.class, () -> train(c, stopAt(first, 3, 5), first));
      assertSameRun(whole, train(c, TrainingListener.NONE, Checkpoints.at(stopped, true)));
    }
  }

  /** Epochs per stage, in order, from the history's stage names. */
  private static java.util.List<Integer> stageEpochs(TrainingResult r) {
    java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    for (EpochMetrics m : r.epochs()) {
      counts.merge(m.stage(), 1, Integer::sum);
    }
    return java.util.List.copyOf(counts.values());
  }

  @Test
  void gradientFreeMethodsStoppedMidEpochResumeBitForBit() {
    // the state each keeps: optimizer moments, the moving-average baseline and whether the policy
    // was set up (rl), the epoch's tallies (all), the draws' generator (rl, es, first-improvement search),
    // every flip's averaged gain (best-improvement search)
    for (TrainConfig c : new TrainConfig[] {
        GradientFreeTrainingTest.config("rl", 4, 11).with(RlMethod.ENTROPY_BONUS, 1e-3f)
            .with(RlMethod.NEURON_NOISE, 0.5f),
        GradientFreeTrainingTest.config("rl", 4, 11).with(GradientFreeSettings.POPULATION, 2)
            .with(GradientFreeSettings.ANTITHETIC, true).with(RlMethod.BASELINE, "moving-average"),
        GradientFreeTrainingTest.config("es", 4, 11).with(GradientFreeSettings.POPULATION, 4),
        GradientFreeTrainingTest.config(LocalSearchMethod.NAME, 4, 11).with(LocalSearchMethod.SEARCH, "first"),
        GradientFreeTrainingTest.config(LocalSearchMethod.NAME, 4, 11).with(LocalSearchMethod.FLIPS, 8)}) {
      TrainingResult whole = Trainer.train(c, TRAIN, TEST, TrainingListener.NONE);
      Path file = dir.resolve("gradient-free.checkpoint");
      Checkpoints first = Checkpoints.at(file, false);
      assertThrows(TrainingInterruptedException.class, () -> train(c, stopAt(first, 1, 4), first));
      TrainingResult resumed = train(c, TrainingListener.NONE, Checkpoints.at(file, true));
      assertSameRun(whole, resumed);
      for (int i = 0; i < whole.epochs().size(); i++) {
        assertEquals(whole.epochs().get(i).method(), resumed.epochs().get(i).method(), c.settings() + " epoch " + i);
      }
    }
  }

  @Test
  void aCheckpointOfAnotherRunOrACorruptOneIsRefused() throws Exception {
    Path file = dir.resolve("m.checkpoint");
    assertThrows(IllegalStateException.class, () -> train(config("ste", "adam"), killAt(1, 3), Checkpoints.at(file, false)));
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> train(
        config("ste", "adam").with(Trainer.SEED, 12L), TrainingListener.NONE, Checkpoints.at(file, true)));
    assertTrue(other.getMessage().contains("belongs to another run: it was written with '--seed 11' where this run has"
        + " '--seed 12'; resume with the run's own options"), other.getMessage());
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    IllegalArgumentException corrupt = assertThrows(IllegalArgumentException.class,
        () -> Checkpoints.at(file, true));
    assertTrue(corrupt.getMessage().contains("truncated or corrupt"), corrupt.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> Checkpoints.at(dir.resolve("none.checkpoint"), true));
    assertTrue(missing.getMessage().contains("no checkpoint"), missing.getMessage());
  }
}
