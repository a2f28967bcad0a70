package io.onebit.codegen;

/**
 * A failure of code generation, firmware build or emulation. {@link #getMessage()} is one line a
 * user can act on (it names the file, board or tool); {@link #details()} holds the tool output
 * behind it (compiler diagnostics, QEMU console), empty when there is none.
 */
public class CodegenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String details;

  public CodegenException(String message) {
    this(message, "", null);
  }

  public CodegenException(String message, Throwable cause) {
    this(message, "", cause);
  }

  public CodegenException(String message, String details) {
    this(message, details, null);
  }

  public CodegenException(String message, String details, Throwable cause) {
    super(message, cause);
    this.details = details == null ? "" : details;
  }

  /** The output of the tool that failed (may be long), or "". */
  public String details() {
    return details;
  }
}
