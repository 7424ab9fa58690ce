package io.elbctl.live;

/**
 * Something the live load balancer has that the imported spec leaves out, at its place (e.g. {@code
 * listeners[443].rules[priority 3].actions[0]}).
 */
public record ImportWarning(String place, String message) {
  /** "place: message", as the spec's import notes and the command's warnings print it. */
  public String describe() {
    return place + ": " + message;
  }
}
