package io.onebit.trainer.train;

import io.onebit.model.AtomicFiles;
import io.onebit.trainer.state.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Where a training run keeps its checkpoint, and whether it resumes from one. The loop writes the
 * whole state (parameters, optimizer moments, generator, flip counts, history, position) after
 * every epoch, atomically, and at the next batch boundary when a stop is requested (SIGTERM); a
 * run resumed from it ends with the same model, bit for bit, as one never interrupted. The file
 * is deleted when training completes.
 */
public final class Checkpoints {
  private static final Checkpoints NONE = new Checkpoints(null, null);
  private final Path file;
  private final TrainingState resumeFrom;
  private volatile boolean stopRequested;
  private volatile boolean running;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private Checkpoints(Path file, TrainingState resumeFrom) {
    this.file = file;
    this.resumeFrom = resumeFrom;
  }

  /** No checkpoints. */
  public static Checkpoints none() {
    return NONE;
  }

  /**
   * Checkpoints in {@code file}; with {@code resume} the run continues from it (refused in one line
   * when it is missing or unreadable).
   */
  public static Checkpoints at(Path file, boolean resume) {
    if (!resume) {
      return new Checkpoints(file, null);
    }
    try {
      return new Checkpoints(file, TrainingState.fromBytes(Files.readAllBytes(file)));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no checkpoint " + file + " to resume from");
    } catch (IOException e) {
      throw new IllegalArgumentException("checkpoint " + file + ": cannot read (" + e.getMessage() + ")");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("checkpoint " + file + ": " + e.getMessage());
    }
  }

  /** The checkpoint file (null: none). */
  public Path file() {
    return file;
  }

  /** The state to resume from, or null. */
  TrainingState resumeFrom() {
    return resumeFrom;
  }

  boolean enabled() {
    return file != null;
  }

  void save(TrainingState state) {
    if (file == null) {
      return;
    }
    try {
      AtomicFiles.write(file, state.toBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
    }
  }

  /** Asks the loop to checkpoint at the next batch boundary and stop (from another thread, e.g. on SIGTERM). */
  public void requestStop() {
    stopRequested = true;
  }

  boolean stopRequested() {
    return stopRequested;
  }

  void started() {
    running = true;
  }

  /** The loop saved and stopped, or ended. */
  void stopped() {
    running = false;
    stopped.countDown();
  }

  /**
   * After {@link #requestStop}: waits until the loop has written its checkpoint (true), or returns
   * false when no loop is running or the wait times out.
   */
  public boolean awaitStop(long seconds) {
    if (!running) {
      return false;
    }
    try {
      return stopped.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Training completed: the checkpoint is no longer needed. */
  void completed() {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete checkpoint " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
