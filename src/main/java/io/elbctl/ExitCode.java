package io.elbctl;

/**
 * The exit codes of every elbctl command; the help footer and the README's table are both made from
 * these meanings.
 */
public enum ExitCode {
  OK(0, "success, or no changes"),
  ERROR(1, "an error (AWS refused a call, a file could not be written, ...)"),
  CHANGES(
      2,
      "changes present (plan --detailed-exitcode), a target not healthy or a target group empty"
          + " (status --detailed-exitcode), or route expectations failed (test)"),
  INVALID_SPEC(3, "the spec is invalid; nothing was contacted"),
  USAGE(4, "wrong command-line usage"),
  TIMEOUT(
      5,
      "timed out waiting for AWS (certificate, load balancer, DNS, a resource destroy waits for);"
          + " the same command run again continues"),
  NOT_OWNED(6, "refused: a resource exists that this spec does not own (see --adopt)");

  public final int code;
  public final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** One line per code for the help footer: " 3 the spec is invalid; ...". */
  public static String[] helpLines() {
    return java.util.Arrays.stream(values())
        .map(c -> "  " + c.code + "  " + c.meaning)
        .toArray(String[]::new);
  }

  /** The README's exit-code table, in Markdown. */
  public static String markdownTable() {
    StringBuilder table = new StringBuilder("| code | meaning |\n|---|---|\n");
    for (ExitCode c : values()) {
      table.append("| ").append(c.code).append(" | ").append(c.meaning).append(" |\n");
    }
    return table.toString();
  }
}
