package io.onebit.codegen;

/**
 * The model (or the built firmware) needs more flash or RAM than the board has. A regression over
 * many boards skips such a board instead of failing; the message gives the numbers.
 */
public final class DoesNotFitException extends CodegenException {
  private static final long serialVersionUID = 1L;

  public DoesNotFitException(String message) {
    super(message);
  }
}
