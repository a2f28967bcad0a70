package io.onebit.cli;

import io.onebit.codegen.ExportFormat;
import java.util.Arrays;
import java.util.Iterator;

/** The export formats' names, for picocli's help text and completion. */
final class ExportFormatNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Arrays.stream(ExportFormat.values()).map(ExportFormat::cliName).iterator();
  }
}
