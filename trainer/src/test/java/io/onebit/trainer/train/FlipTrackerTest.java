package io.onebit.trainer.train;

import io.onebit.trainer.profile.TrainingProfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onebit.model.TensorShape;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.net.InputEncoding;
import io.onebit.trainer.net.Network;
import io.onebit.trainer.net.NetworkBuilder;
import io.onebit.trainer.quant.SteSign;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlipTrackerTest {
  @Test
  void flipFlopAndChangeToInitialOnAHandMadeCase() {
    // one layer of 2 inputs × 3 outputs (6 weights) + an output layer of 3 × 2 (6 weights)
    Network net = NetworkBuilder.build(Architecture.mlp("t", 3), TensorShape.vector(2), 2,
        new InputEncoding.Threshold(128), new SteSign(1f), false, new Random(1));
    float[] w = net.weightLayers().get(0).latent().value();
    float[] v = net.weightLayers().get(1).latent().value();
    java.util.Arrays.fill(w, 0.5f);
    java.util.Arrays.fill(v, 0.5f);
    net.refreshWeights();
    FlipTracker tracker = new FlipTracker(net.weightLayers(), TrainingProfile.off());

    // step 1: flip 3 of layer 0's 6 weights
    w[0] = -0.5f;
    w[1] = -0.5f;
    w[2] = -0.5f;
    net.refreshWeights();
    tracker.afterStep();
    // step 2: flip one of them back and one new: 2 flips; layer 0 differs from init at w1, w2, w3
    w[0] = 0.5f;
    w[3] = -0.5f;
    net.refreshWeights();
    tracker.afterStep();
    // step 3: no change
    tracker.afterStep();
    // step 4: a latent weight moves without changing sign: no flip
    w[5] = 0.1f;
    net.refreshWeights();
    tracker.afterStep();

    List<FlipTracker.LayerFlips> epoch = tracker.endEpoch();
    assertEquals(5.0 / (4 * 6), epoch.get(0).ffRatio(), 1e-12);
    assertEquals(3.0 / 6, epoch.get(0).c2iRatio(), 1e-12);
    assertEquals(0, epoch.get(1).ffRatio());
    assertEquals(0, epoch.get(1).c2iRatio());
    assertEquals(5.0 / (4 * 12), FlipTracker.overall(epoch, true), 1e-12);
    assertEquals(3.0 / 12, FlipTracker.overall(epoch, false), 1e-12);

    // the next epoch starts its FF average anew; C2I stays relative to the initialisation
    v[0] = -1f;
    net.refreshWeights();
    tracker.afterStep();
    List<FlipTracker.LayerFlips> next = tracker.endEpoch();
    assertEquals(0, next.get(0).ffRatio());
    assertEquals(3.0 / 6, next.get(0).c2iRatio(), 1e-12);
    assertEquals(1.0 / 6, next.get(1).ffRatio(), 1e-12);
    assertEquals(1.0 / 6, next.get(1).c2iRatio(), 1e-12);
  }
}
