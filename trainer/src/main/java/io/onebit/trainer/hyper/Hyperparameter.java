package io.onebit.trainer.hyper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One training knob, declared once by the algorithm that reads it: its name, type, default, help
 * line and valid range. The command line ({@code --lr-end}), experiment configs ({@code lr_end})
 * and {@link Settings} all derive from this one declaration, so a name, a default or a range
 * cannot drift between them.
 *
 * @param <T> Float, Integer, Long, Boolean (a flag), String (a choice or free text), Path or Duration
 */
public final class Hyperparameter<T> {
  /** A predicate over values with the text that describes it in help and errors ("> 0", "[0, 1)"). */
  public record Range<T>(String text, java.util.function.Predicate<T> accepts) {}

  private final String name;
  private final Class<T> type;
  private final T defaultValue;
  private final String help;
  private final Range<T> range;
  private final Supplier<List<String>> choices;
  private final String noun;

  private Hyperparameter(String name, Class<T> type, T defaultValue, String help, Range<T> range,
      Supplier<List<String>> choices) {
    this(name, type, defaultValue, help, range, choices, name.replace('-', ' '));
  }

  private Hyperparameter(String name, Class<T> type, T defaultValue, String help, Range<T> range,
      Supplier<List<String>> choices, String noun) {
    if (!name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("hyperparameter names are kebab-case words, got '" + name + "'");
    }
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.help = help;
    this.range = range;
    this.choices = choices;
    this.noun = noun;
  }

  /** A finite float in a range. */
  public static Hyperparameter<Float> real(String name, Float defaultValue, Range<Float> range, String help) {
    return new Hyperparameter<>(name, Float.class, defaultValue, help, range, null);
  }

  /** An int in a range. */
  public static Hyperparameter<Integer> integer(String name, Integer defaultValue, Range<Integer> range, String help) {
    return new Hyperparameter<>(name, Integer.class, defaultValue, help, range, null);
  }

  /** A long (seeds: any value). */
  public static Hyperparameter<Long> longValue(String name, long defaultValue, String help) {
    return new Hyperparameter<>(name, Long.class, defaultValue, help, null, null);
  }

  /** A switch, off by default. */
  public static Hyperparameter<Boolean> flag(String name, String help) {
    return new Hyperparameter<>(name, Boolean.class, false, help, null, null);
  }

  /**
   * One of a list of names, e.g. the algorithms of a {@link Registry}.
   *
   * @param noun what the names are, for "unknown NOUN 'x'" errors, e.g. "learning-rate schedule"
   */
  public static Hyperparameter<String> choice(String name, String noun, String defaultValue,
      Supplier<List<String>> choices, String help) {
    return new Hyperparameter<>(name, String.class, defaultValue, help, null, choices, noun);
  }

  /** A file; null by default (not given). */
  public static Hyperparameter<Path> path(String name, String help) {
    return new Hyperparameter<>(name, Path.class, null, help, null, null);
  }

  /** A positive length of time (e.g. 30m, 1h30m, 90s); null by default (no limit). */
  public static Hyperparameter<Duration> duration(String name, String help) {
    return new Hyperparameter<>(name, Duration.class, null, help,
        new Range<>("> 0", d -> !d.isNegative() && !d.isZero()), null);
  }

  // ranges -------------------------------------------------------------------------------------

  public static Range<Float> positive() {
    return new Range<>("> 0", v -> v > 0);
  }

  public static Range<Float> atLeast(float lo) {
    return new Range<>(">= " + number(lo), v -> v >= lo);
  }

  /** [lo, hi] closed. */
  public static Range<Float> closed(float lo, float hi) {
    return new Range<>("[" + number(lo) + ", " + number(hi) + "]", v -> v >= lo && v <= hi);
  }

  /** [lo, hi) half open. */
  public static Range<Float> closedOpen(float lo, float hi) {
    return new Range<>("[" + number(lo) + ", " + number(hi) + ")", v -> v >= lo && v < hi);
  }

  /** (lo, hi] half open. */
  public static Range<Float> openClosed(float lo, float hi) {
    return new Range<>("(" + number(lo) + ", " + number(hi) + "]", v -> v > lo && v <= hi);
  }

  public static Range<Integer> intRange(int lo, int hi) {
    return new Range<>(hi == Integer.MAX_VALUE ? ">= " + lo : "[" + lo + ", " + hi + "]", v -> v >= lo && v <= hi);
  }

  private static String number(float v) {
    return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v) : String.valueOf(v);
  }

  // accessors ----------------------------------------------------------------------------------

  /** The kebab-case name; the command-line option is {@code --name}. */
  public String name() {
    return name;
  }

  public String option() {
    return "--" + name;
  }

  /** The key in experiment configs: the name in snake_case. */
  public String configKey() {
    return name.replace('-', '_');
  }

  public Class<T> type() {
    return type;
  }

  /** The default, or null where "not given" means something (no teacher, the method's own default). */
  public T defaultValue() {
    return defaultValue;
  }

  public String help() {
    return help;
  }

  /** The allowed names of a choice (empty otherwise). */
  public List<String> choices() {
    return choices == null ? List.of() : choices.get();
  }

  public boolean isFlag() {
    return type == Boolean.class;
  }

  /** The help line with its range or choices appended. */
  public String describe() {
    String text = help;
    if (range != null) {
      text += " (" + range.text() + ")";
    }
    if (choices != null) {
      text += " (" + String.join(", ", choices.get()) + ")";
    }
    return text;
  }

  /**
   * The value if it is valid; otherwise an {@link IllegalArgumentException} saying which knob
   * ({@code display}, e.g. "--momentum" or "momentum") wants what: non-finite numbers are refused
   * everywhere, ranges and choices are checked.
   */
  public T check(T value, String display) {
    if (value == null) {
      return null;
    }
    if (value instanceof Float f && !Float.isFinite(f)) {
      throw new IllegalArgumentException(display + " must be a finite number, got " + f);
    }
    if (range != null && !range.accepts().test(value)) {
      throw new IllegalArgumentException(display + " must be " + range.text() + ", got " + value);
    }
    if (choices != null && !choices.get().contains(value)) {
      throw new IllegalArgumentException("unknown " + noun + " '" + value + "' (known: "
          + String.join(", ", choices.get()) + ")");
    }
    return value;
  }

  /** Converts a text value (command line or config string) to T; errors name {@code display}. */
  public T parse(String text, String display) {
    Object v;
    try {
      if (type == Float.class) {
        v = Float.parseFloat(text.strip());
      } else if (type == Integer.class) {
        v = Integer.parseInt(text.strip());
      } else if (type == Long.class) {
        v = Long.parseLong(text.strip());
      } else if (type == Boolean.class) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
          throw new NumberFormatException();
        }
        v = Boolean.parseBoolean(t);
      } else if (type == Path.class) {
        v = Path.of(text);
      } else if (type == Duration.class) {
        v = Durations.parse(text);
      } else {
        v = text;
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(display + ": '" + text + "' is not " + typeName());
    }
    return check(type.cast(v), display);
  }

  /** "a number", "a whole number", ... for error messages. */
  public String typeName() {
    if (type == Float.class) {
      return "a number";
    }
    if (type == Integer.class || type == Long.class) {
      return "a whole number";
    }
    if (type == Boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "a duration such as 30m, 90s or 1h30m";
    }
    return "text";
  }

  @Override
  public String toString() {
    return option();
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(name);
  }
}
