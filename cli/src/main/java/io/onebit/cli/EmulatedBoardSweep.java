package io.onebit.cli;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.CodegenException;
import io.onebit.codegen.DoesNotFitException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one job on every emulated board (every board with a QEMU machine). A board the model does
 * not fit is skipped with the fit check's line; any other failure is recorded and the sweep goes
 * on, so one table shows every board.
 */
final class EmulatedBoardSweep {
  /** One board's outcome: a result, or why there is none. */
  record Outcome<T>(String board, T result, String skipped, String error) {
    static <T> Outcome<T> of(String board, T result) {
      return new Outcome<>(board, result, null, null);
    }

    /** "does not fit: ..." or "failed: ..." for a board without a result, else null. */
    String note() {
      return skipped != null ? "does not fit: " + skipped : error != null ? "failed: " + error : null;
    }
  }

  /** The work done on one board. */
  @FunctionalInterface
  interface Job<T> {
    T run(Board board) throws IOException;
  }

  private EmulatedBoardSweep() {}

  static <T> List<Outcome<T>> run(Job<T> job) throws IOException {
    return run(job, "boards", false);
  }

  /** As {@link #run(Job)}; with {@code progress}, a bar over the emulated boards named {@code task}. */
  static <T> List<Outcome<T>> run(Job<T> job, String task, boolean progress) throws IOException {
    List<Board> boards = emulatedBoards();
    List<Outcome<T>> outcomes = new ArrayList<>();
    try (Progress bar = Progress.start(task, boards.size(), progress)) {
      for (Board board : boards) {
        String name = board.name();
        bar.message(name);
        try {
          outcomes.add(Outcome.of(name, job.run(board)));
        } catch (DoesNotFitException e) {
          Console.log("skipped " + name + ": " + e.getMessage());
          outcomes.add(new Outcome<>(name, null, e.getMessage(), null));
        } catch (CodegenException e) {
          Console.log("FAILED " + name + ": " + e.getMessage());
          outcomes.add(new Outcome<>(name, null, null, e.getMessage().lines().findFirst().orElse("")));
        }
        bar.step();
      }
    }
    return outcomes;
  }

  /** Every board with a QEMU machine, in name order. */
  static List<Board> emulatedBoards() {
    return Boards.names().stream().map(Boards::load).filter(Board::emulated).toList();
  }
}
