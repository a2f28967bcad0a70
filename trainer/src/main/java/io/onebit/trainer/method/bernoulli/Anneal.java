package io.onebit.trainer.method.bernoulli;

import java.util.List;
import java.util.Locale;

/**
 * How a quantity goes from a start to an end value over the run, as a function of the position
 * t ∈ [0, 1] (step / (steps − 1)): the temperature T and the regulariser's weight.
 *
 * <pre>
 *   constant: start     linear: start + (end − start)·t     exponential: start·(end/start)^t
 *   cosine:   end + (start − end)·(1 + cos(π·t))/2
 * </pre>
 */
public enum Anneal {
  CONSTANT, LINEAR, EXPONENTIAL, COSINE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static List<String> ids() {
    return List.of(EXPONENTIAL.id(), LINEAR.id(), COSINE.id(), CONSTANT.id());
  }

  public static Anneal of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  /** The value at position t ∈ [0, 1]. */
  public double at(double start, double end, double t) {
    return switch (this) {
      case CONSTANT -> start;
      case LINEAR -> start + (end - start) * t;
      case EXPONENTIAL -> start * Math.pow(end / start, t);
      case COSINE -> end + (start - end) * (1 + Math.cos(Math.PI * t)) / 2;
    };
  }
}
