package io.onebit.report;

import io.onebit.model.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The report's files: {@code index.html} and each plot's PNG beside it. */
public final class ReportFiles {
  private ReportFiles() {}

  /** Writes the page and the plots into {@code dir} (use with {@link io.onebit.model.AtomicDirectories}). */
  public static void write(Path dir, String html, List<Plot> plots) throws IOException {
    AtomicFiles.write(dir.resolve("index.html"), html.getBytes(StandardCharsets.UTF_8));
    for (Plot p : plots) {
      AtomicFiles.write(dir.resolve(p.fileName()), p.png());
    }
  }
}
