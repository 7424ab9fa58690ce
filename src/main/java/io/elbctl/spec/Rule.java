package io.elbctl.spec;

/** A listener rule: a priority, conditions that must all match, and one action. */
public record Rule(
    @Required @Doc("1-50000, unique on the listener; lower is evaluated first.") Integer priority,
    @Required @Doc("Conditions; all must match (values inside one condition are alternatives).")
        Conditions conditions,
    @Required @Doc("What happens to a matching request.") Action action) {

  /** The highest priority a listener rule may have. */
  public static final int MAX_PRIORITY = 50_000;
}
