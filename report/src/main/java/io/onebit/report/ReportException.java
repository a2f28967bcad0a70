package io.onebit.report;

/** A report input that cannot be used (a metrics or results file, an output directory); the message is one line. */
public class ReportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReportException(String message) {
    super(message);
  }

  public ReportException(String message, Throwable cause) {
    super(message, cause);
  }
}
