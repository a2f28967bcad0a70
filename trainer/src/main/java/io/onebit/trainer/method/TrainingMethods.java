package io.onebit.trainer.method;

import java.util.List;

/** Training methods by their command-line name. */
public final class TrainingMethods {
  public static final List<String> NAMES = List.of(BinaryNetMethod.NAME, TwoStageMethod.NAME);

  private TrainingMethods() {}

  public static TrainingMethod named(String name) {
    return switch (name) {
      case BinaryNetMethod.NAME -> new BinaryNetMethod();
      case TwoStageMethod.NAME -> new TwoStageMethod();
      default -> throw new IllegalArgumentException(
          "unknown method '" + name + "' (known: " + String.join(", ", NAMES) + ")");
    };
  }
}
