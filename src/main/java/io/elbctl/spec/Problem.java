package io.elbctl.spec;

/**
 * One finding about a spec: the JSON path it concerns, a message, its severity and, when the value
 * is in the file, its line and column (0 when unknown).
 */
public record Problem(Severity severity, String path, String message, int line, int column) {

  /** How bad a problem is: errors stop every command, warnings only inform. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public static Problem error(String path, String message) {
    return new Problem(Severity.ERROR, path, message, 0, 0);
  }

  public static Problem warning(String path, String message) {
    return new Problem(Severity.WARNING, path, message, 0, 0);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  public Problem at(int atLine, int atColumn) {
    return new Problem(severity, path, message, atLine, atColumn);
  }

  /** {@code path: message}, the form every test and user sees. */
  public String describe() {
    return path.isEmpty() ? message : path + ": " + message;
  }

  /** {@code file:line:column: severity: path: message}, as compilers print it. */
  public String format(String file) {
    StringBuilder out = new StringBuilder();
    if (file != null) {
      out.append(file).append(':');
      if (line > 0) {
        out.append(line).append(':').append(column).append(':');
      }
      out.append(' ');
    }
    out.append(severity == Severity.ERROR ? "error: " : "warning: ").append(describe());
    return out.toString();
  }
}
