package io.onebit.trainer.data;

/**
 * No source could supply a verified copy of a dataset. The message is one line listing every
 * source tried and why it failed, because "could not get MNIST" alone leaves the user guessing
 * which of five places to fix.
 */
public final class DatasetUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatasetUnavailableException(String message) {
    super(message);
  }
}
