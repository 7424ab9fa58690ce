package io.elbctl.sim;

import io.elbctl.spec.Action;
import io.elbctl.spec.Authenticate;
import java.util.List;

/**
 * A listener rule compiled for evaluation: conditions in cheap-first order, its transforms and its
 * action.
 */
public record CompiledRule(
    int priority,
    int specIndex,
    List<Condition> conditions,
    RuleTransforms transforms,
    Authenticate authenticate,
    Action action) {

  /** A rule without transforms or authentication. */
  public CompiledRule(int priority, int specIndex, List<Condition> conditions, Action action) {
    this(priority, specIndex, conditions, RuleTransforms.NONE, null, action);
  }

  /** True when every condition matches. */
  public boolean matches(PreparedRequest request) {
    List<Condition> all = conditions;
    for (int i = 0, n = all.size(); i < n; i++) {
      if (!all.get(i).matches(request)) {
        return false;
      }
    }
    return true;
  }

  /** The trace entry for this rule: the first failing condition, or what matched. */
  public TraceEntry trace(PreparedRequest request) {
    for (Condition condition : conditions) {
      if (!condition.matches(request)) {
        return new TraceEntry(priority, false, condition.whyNot(request));
      }
    }
    if (conditions.isEmpty()) {
      return new TraceEntry(priority, true, "no conditions");
    }
    StringBuilder matched = new StringBuilder();
    for (Condition condition : conditions) {
      if (matched.length() > 0) {
        matched.append("; ");
      }
      matched.append(condition.describe());
    }
    return new TraceEntry(priority, true, matched.toString());
  }

  /** The condition of the given type, if the rule has one. */
  public java.util.Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
  }
}
