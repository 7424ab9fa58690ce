package io.elbctl.sim;

/**
 * One rule the evaluator tried: its priority, whether it matched, and the first condition that
 * failed (or, for a match, what matched).
 */
public record TraceEntry(int priority, boolean matched, String reason) {
  @Override
  public String toString() {
    return "priority " + priority + ": " + (matched ? "matched (" + reason + ")" : reason);
  }
}
