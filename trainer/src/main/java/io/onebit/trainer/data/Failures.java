package io.onebit.trainer.data;

/** Turns exceptions into the short, single-line reasons that logs and error lines carry. */
final class Failures {
  private Failures() {}

  /**
   * The first message along the cause chain, or else the root cause's class name: the JDK's HTTP
   * client reports an unknown host as a message-less ConnectException around a message-less
   * UnresolvedAddressException, and only the latter says what went wrong.
   */
  static String describe(Throwable t) {
    Throwable root = t;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        return oneLine(c.getMessage());
      }
      root = c;
    }
    return root.getClass().getSimpleName();
  }

  /** Collapses line breaks and runs of blanks, so tool output fits in one error line. */
  static String oneLine(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }
}
