package io.onebit.trainer.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.BitplaneConvSignLayer;
import io.onebit.model.DeployModel;
import org.junit.jupiter.api.Test;

class RandomDeployModelsTest {
  @Test
  void cnnRefBecomesItsLayerList() {
    assertEquals("conv16k3x3s1same,conv32k3x3s1same,pool2s2,conv64k3x3s1same,conv64k3x3s1same,pool2s2,flatten,out10",
        RandomDeployModels.spec(Architecture.named("cnn-ref"), 10));
    assertEquals("conv8k6x6s2valid,conv32k10x10s2valid,flatten,dense64,dense80,out10",
        RandomDeployModels.spec(Architecture.named("seed-cnn"), 10));
  }

  @Test
  void everyShippedArchitectureGivesAValidModel() {
    for (String name : Architecture.names()) {
      DeployModel model = RandomDeployModels.of(Architecture.named(name), 28, 28, 1, 10, 1);
      assertEquals(10, model.classes(), name);
      assertEquals(Architecture.named(name).bitplanes(), model.layers().get(0) instanceof BitplaneConvSignLayer, name);
      assertTrue(model.binaryParameters() > 0, name);
    }
  }
}
