package io.elbctl.sim;

/**
 * The result of one health check: an HTTP status (with the Location of a redirect), a timeout, or a
 * connection that failed or answered something that is not HTTP.
 */
public record ProbeOutcome(Kind kind, int status, String location, String detail) {

  /** What happened to the check. */
  public enum Kind {
    RESPONSE,
    TIMEOUT,
    FAILED
  }

  public static ProbeOutcome response(int status) {
    return new ProbeOutcome(Kind.RESPONSE, status, null, null);
  }

  public static ProbeOutcome response(int status, String location) {
    return new ProbeOutcome(Kind.RESPONSE, status, location, null);
  }

  public static ProbeOutcome timeout() {
    return new ProbeOutcome(Kind.TIMEOUT, 0, null, null);
  }

  public static ProbeOutcome failed(String detail) {
    return new ProbeOutcome(Kind.FAILED, 0, null, detail);
  }

  /**
   * Parses one scripted outcome: a status code, {@code timeout}, or {@code error}/{@code refused}.
   */
  public static ProbeOutcome parse(String text) {
    String item = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (item.equals("timeout")) {
      return timeout();
    }
    if (item.equals("error") || item.equals("refused") || item.equals("reset")) {
      return failed(item.equals("error") ? "connection failed" : "connection " + item);
    }
    try {
      int status = Integer.parseInt(item);
      if (status >= 100 && status <= 599) {
        return response(status);
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a probe outcome (an HTTP status, timeout, refused or error)");
  }

  @Override
  public String toString() {
    switch (kind) {
      case RESPONSE:
        return location == null ? String.valueOf(status) : status + " → " + location;
      case TIMEOUT:
        return "timeout";
      default:
        return detail == null ? "failed" : detail;
    }
  }
}
