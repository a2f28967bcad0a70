package io.onebit.cli;

import io.onebit.codegen.Boards;
import java.util.Iterator;

/** The shipped board names, for picocli's help text and completion. */
final class BoardNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Boards.names().iterator();
  }
}
