package io.onebit.codegen;

import io.onebit.model.AtomicFiles;
import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What a real board must print, from the golden model: the harness's {@code R <index> <class>
 * <scores...>} lines without the final ticks field (a real core's timing is its own), then
 * {@code END <count>}. Compare with {@code cut -d' ' -f1-N} of the serial capture, N = classes + 3.
 */
public final class ExpectedResults {
  private ExpectedResults() {}

  /** The expected lines, one per sample, then END. */
  public static String text(DeployModel model, TestVectors vectors) {
    GoldenModel golden = new GoldenModel(model);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < vectors.samples().length; i++) {
      GoldenModel.Result r = golden.infer(vectors.samples()[i]);
      out.append("R ").append(i).append(' ').append(r.predictedClass());
      for (int s : r.scores()) {
        out.append(' ').append(s);
      }
      out.append('\n');
    }
    return out.append("END ").append(vectors.samples().length).append('\n').toString();
  }

  /** Writes {@link #text} to {@code file} atomically. */
  public static void write(DeployModel model, TestVectors vectors, Path file) {
    try {
      AtomicFiles.writeString(file, text(model, vectors));
    } catch (IOException e) {
      throw new CodegenException("cannot write " + file + ": " + AtomicFiles.rootReason(e), e);
    }
  }
}
