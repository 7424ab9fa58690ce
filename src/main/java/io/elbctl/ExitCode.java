package io.elbctl;

/** The exit codes of every elbctl command; the README's table is generated from the same facts. */
public enum ExitCode {
  OK(0, "success, or no changes"),
  ERROR(1, "an error (AWS refused a call, a file could not be written, ...)"),
  CHANGES(2, "changes present (plan --detailed-exitcode) or route expectations failed"),
  INVALID_SPEC(3, "the spec is invalid; nothing was contacted"),
  USAGE(4, "wrong command-line usage"),
  TIMEOUT(5, "timed out waiting for AWS (certificate, load balancer, DNS)"),
  NOT_OWNED(6, "refused: a resource exists that this spec does not own (see --adopt)");

  public final int code;
  public final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }
}
