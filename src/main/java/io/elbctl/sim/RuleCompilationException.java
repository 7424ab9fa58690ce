package io.elbctl.sim;

/**
 * A spec value (a rule's regex or source IP, a health check's matcher) that cannot be compiled for
 * simulation; its message is one sentence naming the value. Any other exception from compiling is a
 * bug, not a bad spec.
 */
public final class RuleCompilationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RuleCompilationException(String message) {
    super(message);
  }

  public RuleCompilationException(String message, Throwable cause) {
    super(message, cause);
  }
}
