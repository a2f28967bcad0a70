package io.onebit.trainer.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingMethodsTest {
  @Test
  void binaryNetIsOneBinaryStage() {
    List<Stage> s = TrainingMethods.named("ste").stages(20, null, 0);
    assertEquals(List.of(new Stage("binary", 20, true, 0f)), s);
    assertEquals(1e-4f, TrainingMethods.named("ste").stages(20, 1e-4f, 0).get(0).weightDecay());
  }

  @Test
  void twoStageSplitsTheEpochsAndDecaysOnlyTheFirstStage() {
    List<Stage> s = TrainingMethods.named("two-stage").stages(11, null, 0);
    assertEquals(new Stage("real-weights", 5, false, 5e-6f), s.get(0));
    assertEquals(new Stage("binary", 6, true, 0f), s.get(1));
    List<Stage> custom = TrainingMethods.named("two-stage").stages(10, 1e-3f, 3);
    assertEquals(3, custom.get(0).epochs());
    assertEquals(1e-3f, custom.get(0).weightDecay());
    assertEquals(7, custom.get(1).epochs());
    assertEquals(0f, custom.get(1).weightDecay());
    assertThrows(IllegalArgumentException.class, () -> TrainingMethods.named("two-stage").stages(1, null, 0));
    assertThrows(IllegalArgumentException.class, () -> TrainingMethods.named("two-stage").stages(4, null, 4));
  }

  @Test
  void unknownMethodNamesTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingMethods.named("rl"));
    assertTrue(e.getMessage().contains("ste, two-stage"), e.getMessage());
  }
}
