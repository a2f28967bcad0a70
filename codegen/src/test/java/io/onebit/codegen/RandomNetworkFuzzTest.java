package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.model.RandomArchitectures;
import io.onebit.model.RandomArchitectures.Blueprint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random networks (see {@link RandomArchitectures}): golden model vs the generated C on the host,
 * every int32 score of every (architecture, input) pair. Models go in batches linked into one
 * program ({@link MultiModelHost}); batches take the optimised and the reference kernels in turn, and
 * two of every five run under AddressSanitizer and UndefinedBehaviorSanitizer. All builds use
 * {@code -std=c99 -pedantic -Wall -Wextra -Werror}.
 *
 * <p>{@code -Donebit.fuzz.pairs=N} sets the number of pairs (default 10,000; {@code ./run-tests
 * -Donebit.fuzz.pairs=100000} for the long run), {@code -Donebit.fuzz.seed=S} the seed. A failing
 * case is shrunk ({@link FuzzShrinker}) and written as a regression file to
 * {@code codegen/src/test/resources/fuzz-regressions/}, which {@link FuzzRegressionsTest} runs from then on.
 */
class RandomNetworkFuzzTest {
  static final int PAIRS = Integer.getInteger("onebit.fuzz.pairs", 10_000);
  static final long SEED = Long.getLong("onebit.fuzz.seed", 20261130L);
  private static final int SAMPLES_PER_MODEL = 50;
  private static final int MODELS_PER_BATCH = 40;
  /**
   * Kernels per batch, in turn; the last two of every five run under the sanitizers (at -O1, as
   * AddressSanitizer recommends; the others at the Makefile's -O2).
   */
  private static final Kernels[] SCHEDULE =
      {Kernels.OPTIMISED, Kernels.REFERENCE, Kernels.OPTIMISED, Kernels.OPTIMISED, Kernels.REFERENCE};

  @TempDir Path dir;

  @Test
  void goldenModelEqualsHostCOnRandomNetworks() throws IOException {
    Random random = new Random(SEED);
    int models = (PAIRS + SAMPLES_PER_MODEL - 1) / SAMPLES_PER_MODEL;
    int pairs = 0;
    int built = 0;
    long start = System.nanoTime();
    for (int batch = 0; built < models; batch++) {
      List<Blueprint> blueprints = new ArrayList<>();
      List<MultiModelHost.Case> cases = new ArrayList<>();
      for (int i = 0; i < MODELS_PER_BATCH && built < models; i++, built++) {
        Blueprint b = RandomArchitectures.random(random);
        DeployModel model = b.build("fz" + built);
        blueprints.add(b);
        cases.add(new MultiModelHost.Case(model, samples(model, random)));
      }
      Kernels kernels = SCHEDULE[batch % SCHEDULE.length];
      boolean sanitize = batch % SCHEDULE.length >= 3;
      List<List<ResultLine>> results;
      try {
        results = MultiModelHost.run(cases, dir.resolve("b" + batch), kernels, sanitize);
      } catch (CodegenException e) {
        failAlone(blueprints, cases, kernels, e);
        return;
      }
      for (int m = 0; m < cases.size(); m++) {
        MultiModelHost.Case c = cases.get(m);
        int mismatch = firstMismatch(c.model(), c.samples(), results.get(m));
        if (mismatch >= 0) {
          Path kept = FuzzShrinker.shrinkAndKeep(blueprints.get(m), c.samples()[mismatch], kernels, sanitize,
              dir.resolve("shrink"));
          fail("C differs from the golden model (" + kernels.makeValue() + " kernels) on " + blueprints.get(m)
              + ", sample " + mismatch + "; shrunk to " + kept);
        }
        pairs += c.samples().length;
      }
      io.onebit.model.AtomicFiles.deleteTree(dir.resolve("b" + batch)); // a passed batch: 100,000 pairs need no 1 GB
    }
    System.out.printf(Locale.ROOT, "[fuzz] %,d (architecture, input) pairs on %,d random architectures: golden model"
        + " = host C, 0 mismatches, 0 build failures (seed %d, %.0f s)%n", pairs, built, SEED,
        (System.nanoTime() - start) / 1e9);
    assertTrue(pairs >= PAIRS, pairs + " pairs");
  }

  /** A batch failed to build or run: finds a model that fails on its own, shrinks it and fails the test. */
  private void failAlone(List<Blueprint> blueprints, List<MultiModelHost.Case> cases, Kernels kernels,
      CodegenException batchFailure) throws IOException {
    for (int m = 0; m < cases.size(); m++) {
      try {
        MultiModelHost.run(List.of(cases.get(m)), dir.resolve("alone" + m), kernels, true);
      } catch (CodegenException e) {
        Path kept = FuzzShrinker.shrinkAndKeep(blueprints.get(m), cases.get(m).samples()[0], kernels, true,
            dir.resolve("shrink"));
        fail("valid model " + blueprints.get(m) + " fails to build or run with " + kernels.makeValue() + " kernels: "
            + e.getMessage() + "; shrunk to " + kept + "\n" + e.details());
      }
    }
    fail("batch failed, but no model fails alone: " + batchFailure.getMessage() + "\n" + batchFailure.details());
  }

  /** The model's samples: random kinds from {@link RandomArchitectures#sample}. */
  static byte[][] samples(DeployModel model, Random random) {
    byte[][] samples = new byte[SAMPLES_PER_MODEL][];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = RandomArchitectures.sample(model.input(), random);
    }
    return samples;
  }

  /** Index of the first sample whose C scores or class differ from the golden model's, or -1. */
  static int firstMismatch(DeployModel model, byte[][] samples, List<ResultLine> results) {
    assertEquals(samples.length, results.size(), model.name());
    GoldenModel golden = new GoldenModel(model);
    for (int i = 0; i < samples.length; i++) {
      GoldenModel.Result expected = golden.infer(samples[i]);
      ResultLine actual = results.get(i);
      if (expected.predictedClass() != actual.predictedClass() || !Arrays.equals(expected.scores(), actual.scores())) {
        return i;
      }
    }
    return -1;
  }
}
