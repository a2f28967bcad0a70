package io.onebit.cli;

import io.onebit.trainer.arch.Architecture;
import java.util.Iterator;

/** The shipped architecture names (archs/*.json), for picocli's help text and completion. */
final class ArchitectureNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Architecture.names().iterator();
  }
}
