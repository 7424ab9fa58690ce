package io.elbctl;

/** A failure to report to the user as one sentence with an exit code, never a stack trace. */
public class ElbctlException extends RuntimeException {
  private final ExitCode exitCode;

  public ElbctlException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public ElbctlException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
