package io.onebit.trainer.hyper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The algorithms of one kind by name, and the hyperparameter that selects one ({@code --optimizer},
 * {@code --quantizer}, ...). Building checks that no hyperparameter of another algorithm of this
 * kind was given: {@code --bop-gamma} with {@code --optimizer adam} is refused, not ignored.
 */
public final class Registry<T> {
  private final String kind;
  private final Map<String, Algorithm<T>> byName = new LinkedHashMap<>();
  private final Hyperparameter<String> selector;

  /**
   * @param option the selecting option's name, e.g. "optimizer"
   * @param kind what the algorithms are, for messages, e.g. "optimizer"
   */
  @SafeVarargs
  public Registry(String option, String kind, String defaultName, String help, Algorithm<T>... algorithms) {
    this.kind = kind;
    for (Algorithm<T> a : algorithms) {
      if (byName.put(a.name(), a) != null) {
        throw new IllegalArgumentException(kind + " '" + a.name() + "' registered twice");
      }
    }
    if (!byName.containsKey(defaultName)) {
      throw new IllegalArgumentException("default " + kind + " '" + defaultName + "' is not registered");
    }
    this.selector = Hyperparameter.choice(option, kind, defaultName, this::names, help);
  }

  /** The option that picks the algorithm. */
  public Hyperparameter<String> selector() {
    return selector;
  }

  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  public Algorithm<T> algorithm(String name) {
    Algorithm<T> a = byName.get(name);
    if (a == null) {
      throw new IllegalArgumentException("unknown " + kind + " '" + name + "' (known: " + String.join(", ", names())
          + ")");
    }
    return a;
  }

  /** The algorithm the settings select. */
  public Algorithm<T> selected(Settings settings) {
    return algorithm(settings.get(selector));
  }

  /** Builds the selected algorithm after refusing hyperparameters that belong only to the others. */
  public T create(Settings settings) {
    Algorithm<T> chosen = selected(settings);
    checkApplicable(settings, chosen);
    return chosen.factory().apply(settings);
  }

  private void checkApplicable(Settings settings, Algorithm<T> chosen) {
    Set<Hyperparameter<?>> given = settings.given();
    for (Algorithm<T> other : byName.values()) {
      for (Hyperparameter<?> h : other.hyperparameters()) {
        if (given.contains(h) && !chosen.hyperparameters().contains(h)) {
          throw new IllegalArgumentException(h.option() + " applies to " + selector.option() + " "
              + String.join("|", owners(h)) + ", not " + chosen.name());
        }
      }
    }
  }

  private List<String> owners(Hyperparameter<?> h) {
    List<String> owners = new ArrayList<>();
    for (Algorithm<T> a : byName.values()) {
      if (a.hyperparameters().contains(h)) {
        owners.add(a.name());
      }
    }
    return owners;
  }

  /** The selector and every algorithm's hyperparameters, each once, in declaration order. */
  public List<Hyperparameter<?>> hyperparameters() {
    List<Hyperparameter<?>> all = new ArrayList<>();
    all.add(selector);
    for (Algorithm<T> a : byName.values()) {
      for (Hyperparameter<?> h : a.hyperparameters()) {
        if (!all.contains(h)) {
          all.add(h);
        }
      }
    }
    return all;
  }
}
