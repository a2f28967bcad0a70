package io.onebit.trainer.train;

/** The loss became NaN or infinite: nothing trained is worth keeping. */
public final class TrainingDivergedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  TrainingDivergedException(int epoch, int step, double loss) {
    super("training diverged at epoch " + epoch + ", step " + step + " (loss " + loss
        + "): lower the learning rate or check the options");
  }
}
