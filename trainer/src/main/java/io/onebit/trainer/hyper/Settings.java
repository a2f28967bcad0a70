package io.onebit.trainer.hyper;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values given for some {@link Hyperparameter}s; every other one reads as its default.
 * Immutable; {@link #with} returns a copy. Values are checked when they are set, so a Settings
 * object never holds an out-of-range or non-finite value.
 */
public final class Settings {
  private static final Settings EMPTY = new Settings(Map.of());
  private final Map<Hyperparameter<?>, Object> given;

  private Settings(Map<Hyperparameter<?>, Object> given) {
    this.given = given;
  }

  /** Nothing given: every hyperparameter at its default. */
  public static Settings defaults() {
    return EMPTY;
  }

  /** This plus {@code h = value} (checked; the message names the option). */
  public <T> Settings with(Hyperparameter<T> h, T value) {
    Map<Hyperparameter<?>, Object> copy = new LinkedHashMap<>(given);
    if (value == null) {
      copy.remove(h);
    } else {
      copy.put(h, h.check(value, h.option()));
    }
    return new Settings(Collections.unmodifiableMap(copy));
  }

  /** This with every value of {@code other} put over it. */
  public Settings overriddenBy(Settings other) {
    Map<Hyperparameter<?>, Object> copy = new LinkedHashMap<>(given);
    copy.putAll(other.given);
    return new Settings(Collections.unmodifiableMap(copy));
  }

  /** The given value, or the default. */
  public <T> T get(Hyperparameter<T> h) {
    Object v = given.get(h);
    return v == null ? h.defaultValue() : h.type().cast(v);
  }

  /** True when the value was given (even if equal to the default). */
  public boolean isSet(Hyperparameter<?> h) {
    return given.containsKey(h);
  }

  /** The hyperparameters given explicitly. */
  public Set<Hyperparameter<?>> given() {
    return given.keySet();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    given.forEach((h, v) -> out.append(out.length() == 0 ? "" : " ").append(h.option()).append(' ').append(v));
    return out.toString();
  }
}
