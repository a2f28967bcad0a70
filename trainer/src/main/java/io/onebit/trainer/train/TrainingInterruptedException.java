package io.onebit.trainer.train;

import java.nio.file.Path;

/** Training stopped on request after saving a checkpoint to resume from. */
public final class TrainingInterruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TrainingInterruptedException(Path checkpoint, int epoch, int batch) {
    super("training stopped at epoch " + epoch + ", batch " + batch + "; checkpoint saved to " + checkpoint
        + " (resume with --resume)");
  }
}
