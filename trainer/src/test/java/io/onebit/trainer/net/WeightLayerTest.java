package io.onebit.trainer.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.onebit.model.ConvGeometry;
import io.onebit.model.TensorShape;
import io.onebit.trainer.optim.Param;
import io.onebit.trainer.quant.StochasticSign;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What every weight layer shares: stochastic draws, given signs, and a replaced parametrisation. */
class WeightLayerTest {
  private static List<WeightLayer> layers(Random random) {
    return List.of(new Dense("d", 70, 9, random),
        new Conv2d("c", new ConvGeometry(6, 5, 3, 2, 1, "same"), 3, 7, 1f, random));
  }

  private static float[] forward(WeightLayer layer, Activations x) {
    return layer.forward(x, true, null).values().clone();
  }

  @Test
  void drawsOfSaturatedWeightsAreTheirSigns() {
    Random random = new Random(4);
    for (WeightLayer layer : layers(random)) {
      float[] w = layer.latent().value();
      for (int i = 0; i < w.length; i++) {
        w[i] = random.nextBoolean() ? 1f : -1f;
      }
      layer.refresh();
      Activations x = Batches.signs(layer.inputShape(), 3, random);
      float[] deterministic = forward(layer, x);
      layer.sampleSigns(new StochasticSign(), random);
      assertArrayEquals(deterministic, forward(layer, x), layer.name());
    }
  }

  @Test
  void givenSignsAreWhatTheForwardMultipliesByUntilRefresh() {
    Random random = new Random(5);
    for (WeightLayer layer : layers(random)) {
      Activations x = Batches.signs(layer.inputShape(), 2, random);
      float[] own = forward(layer, x);
      long[] negated = layer.packedSigns().clone();
      for (int o = 0; o < layer.outputs; o++) {
        for (int k = 0; k < layer.fanIn; k++) {
          negated[o * layer.rowLongs + (k >>> 6)] ^= 1L << (k & 63);
        }
      }
      layer.setSigns(negated);
      float[] flipped = forward(layer, x);
      for (int i = 0; i < own.length; i++) {
        assertEquals(0f - own[i], flipped[i] + 0f, layer.name() + " output " + i);
      }
      layer.refresh();
      assertArrayEquals(own, forward(layer, x));
    }
  }

  @Test
  void aNewParametrisationDrivesTheSigns() {
    Random random = new Random(6);
    WeightLayer layer = new Dense("d", 10, 2, random);
    float[] logits = new float[20];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = i % 3 == 0 ? -5f : 5f;
    }
    layer.setLatent(Param.real("d.logits", logits));
    Activations ones = new Activations(TensorShape.vector(10));
    float[] plus = new float[10];
    java.util.Arrays.fill(plus, 1f);
    ones.setSigns(plus, 1);
    float[] z = forward(layer, ones);
    assertEquals(10 - 2 * 4, z[0]);
    assertEquals(10 - 2 * 3, z[1]);
    assertThrows(IllegalArgumentException.class, () -> layer.setLatent(Param.real("x", new float[3])));
  }
}
