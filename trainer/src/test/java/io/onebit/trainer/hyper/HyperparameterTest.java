package io.onebit.trainer.hyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onebit.trainer.train.TrainingHyperparameters;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HyperparameterTest {
  private static final Hyperparameter<Float> RATE = Hyperparameter.real("rate", 0.5f, Hyperparameter.closedOpen(0, 1),
      "a rate");

  @Test
  void valuesAreCheckedFiniteAndInRangeWithTheOptionInTheMessage() {
    assertEquals(0.25f, RATE.parse("0.25", "--rate"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RATE.parse("NaN", "--rate")).getMessage()
        .contains("--rate must be a finite number, got NaN"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RATE.parse("Infinity", "--rate")).getMessage()
        .contains("finite"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RATE.parse("1", "--rate")).getMessage()
        .contains("--rate must be [0, 1), got 1.0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RATE.parse("fast", "--rate")).getMessage()
        .contains("is not a number"));
    assertEquals("a rate ([0, 1))", RATE.describe());
    assertThrows(IllegalArgumentException.class, () -> Settings.defaults().with(RATE, -0.1f));
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    Hyperparameter<Duration> d = Hyperparameter.duration("budget", "time");
    assertEquals(Duration.ofMinutes(30), d.parse("30m", "--budget"));
    assertEquals(Duration.ofMinutes(90), d.parse("1h30m", "--budget"));
    assertEquals(Duration.ofSeconds(45), d.parse("45s", "--budget"));
    assertEquals(Duration.ofMinutes(2), d.parse("PT2M", "--budget"));
    assertThrows(IllegalArgumentException.class, () -> d.parse("30 minutes", "--budget"));
    assertThrows(IllegalArgumentException.class, () -> d.parse("0s", "--budget"));
  }

  @Test
  void everyTrainingHyperparameterIsDeclaredOnceWithAUniqueName() {
    List<Hyperparameter<?>> all = TrainingHyperparameters.all();
    Set<String> names = new HashSet<>();
    for (Hyperparameter<?> h : all) {
      assertTrue(names.add(h.name()), "declared twice: " + h.option());
      assertFalse(h.help().isBlank(), h.option() + " has no help");
      checkDefault(h);
    }
    assertTrue(names.containsAll(List.of("epochs", "lr", "lr-end", "method", "optimizer", "quantizer",
        "weight-quantizer", "momentum", "bop-threshold", "ste-clip", "teacher", "time-budget")), names.toString());
  }

  /** A declared default is itself a valid value. */
  private static <T> void checkDefault(Hyperparameter<T> h) {
    if (h.defaultValue() != null) {
      assertEquals(h.defaultValue(), h.check(h.defaultValue(), h.option()));
    }
  }

  @Test
  void jsonValuesAreTypedStrictly() throws Exception {
    ObjectMapper m = new ObjectMapper();
    Hyperparameter<Integer> n = Hyperparameter.integer("count", 3, Hyperparameter.intRange(1, 10), "n");
    Settings s = JsonSettings.read(m.readTree("{\"rate\": 0.5, \"count\": 4, \"name\": \"x\"}"), List.of(RATE, n),
        Set.of("name"), "run 'x'");
    assertEquals(0.5f, s.get(RATE));
    assertEquals(4, s.get(n));
    for (String bad : List.of("{\"count\": 4.5}", "{\"count\": \"4\"}", "{\"rate\": true}", "{\"rate\": \"0.5\"}")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> JsonSettings.read(m.readTree(bad), List.of(RATE, n), Set.of(), "run 'x'"), bad);
      assertTrue(e.getMessage().startsWith("run 'x': "), e.getMessage());
    }
    assertTrue(assertThrows(IllegalArgumentException.class, () -> JsonSettings.read(m.readTree("{\"lr_ned\": 1}"),
        List.of(RATE), Set.of(), "top level")).getMessage().contains("unknown key 'lr_ned'"));
  }
}
