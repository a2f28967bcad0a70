package io.onebit.trainer.data;

/**
 * A data file that is missing, unreadable or not what the catalog promises. The message is one
 * line, "file: problem", so the CLI can print it as it is and exit non-zero.
 *
 * <p>Not to be confused with {@code java.util.zip.DataFormatException}, which the JDK's inflater
 * throws and which never leaves this package.
 */
public final class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataFormatException(String file, String problem) {
    super(file + ": " + problem);
  }
}
