package io.onebit.trainer.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.train.TrainingListener;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The experiment grid takes CNN architectures as it takes MLPs. */
class CnnExperimentTest {
  @Test
  void gridRunsAShippedCnn() throws Exception {
    ExperimentConfig grid = ExperimentConfig.parse("""
        {"dataset": "mnist", "seeds": [1],
         "architectures": [{"name": "seed-cnn", "epochs": 1}],
         "runs": [{"name": "ste+adam"}]}
        """.getBytes(StandardCharsets.UTF_8));
    assertFalse(grid.trainConfig(grid.cells().get(0).architecture(), grid.cells().get(0).run(), 1)
        .architecture().isFullyConnected());
    Dataset train = noise(200, 1);
    Dataset test = noise(50, 2);
    List<RunResult> results = ExperimentRunner.run(grid, train, test, TrainingListener.NONE, (cell, r, all) -> {});
    assertEquals(1, results.size());
    assertEquals("seed-cnn", results.get(0).architecture());
  }

  /** MNIST-shaped random images (28×28, 10 classes): only the plumbing is under test. */
  private static Dataset noise(int count, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[count * 784];
    byte[] labels = new byte[count];
    random.nextBytes(pixels);
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) random.nextInt(10);
    }
    return new Dataset("noise", count, 28, 28, pixels, labels, 10);
  }
}
