package io.onebit.trainer.hyper;

import java.util.List;
import java.util.function.Function;

/**
 * A named algorithm (a quantizer, an optimizer, a training method, a schedule) as a
 * {@link Registry} offers it: its name at the edge (command line, configs; Larq style, e.g.
 * {@code ste-sign}), a one-line summary, the hyperparameters it reads, and how to build it.
 *
 * @param factory builds the algorithm from the settings (reading only {@code hyperparameters})
 */
public record Algorithm<T>(String name, String summary, List<Hyperparameter<?>> hyperparameters,
    Function<Settings, T> factory) {
  public Algorithm {
    hyperparameters = List.copyOf(hyperparameters);
  }
}
