package io.elbctl.plan;

import io.elbctl.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A plan while the planner makes it, and the one rule for a resource this spec may not own: manage
 * it when owned, tag it when adopting, else refuse.
 */
final class PlanDraft {
  final List<Change> changes = new ArrayList<>();
  final List<Refusal> refusals = new ArrayList<>();
  final List<Change> drift = new ArrayList<>();
  final List<Plan.Stamp> stamps = new ArrayList<>();
  private final String specName;
  private final boolean adopt;

  PlanDraft(String specName, boolean adopt) {
    this.specName = specName;
    this.adopt = adopt;
  }

  String specName() {
    return specName;
  }

  boolean adopting() {
    return adopt;
  }

  void add(Change change) {
    changes.add(change);
  }

  void refuse(StepKind step, ExitCode code, String message) {
    refusals.add(new Refusal(step, code, message));
  }

  /**
   * True when the spec may manage {@code resource}: it owns it, or adopts it (an {@link
   * Change.Adopt} is planned); otherwise refuses, saying {@code subject} exists, and returns false.
   */
  /**
   * Refuses a resource whose attributes that ALB cannot change in place differ; true when it did.
   */
  boolean refuseImmutable(StepKind step, String resource, List<String> immutable, String remedy) {
    if (immutable.isEmpty()) {
      return false;
    }
    refuse(
        step,
        ExitCode.ERROR,
        resource + " cannot change " + String.join(", ", immutable) + " in place; " + remedy);
    return true;
  }

  boolean claim(
      StepKind step,
      String resource,
      String subject,
      String id,
      String service,
      Map<String, String> tags) {
    if (Ownership.owns(specName, tags)) {
      return true;
    }
    if (adopt) {
      add(new Change.Adopt(step, resource, id, service, tagText(tags)));
      return true;
    }
    refuse(
        step,
        ExitCode.NOT_OWNED,
        subject + " exists but was not created for spec " + specName + notOwnedTail(tags));
    return false;
  }

  /** {@link #claim} for a resource whose refusal names it as the adoption does. */
  boolean claim(
      StepKind step, String resource, String id, String service, Map<String, String> tags) {
    return claim(step, resource, resource, id, service, tags);
  }

  /**
   * Marks the changes made since index {@code first} as drift when the resource was last applied
   * from the current spec, and asks for its hash tag to be rewritten once they are made.
   */
  void settle(StepKind step, int first, boolean drifted, String arn, String resource, String hash) {
    List<Change> made = changes.subList(first, changes.size());
    if (made.isEmpty()) {
      return;
    }
    if (drifted) {
      drift.addAll(made);
    }
    stamps.add(new Plan.Stamp(step, arn, resource, hash));
  }

  Plan plan() {
    return new Plan(changes, refusals, drift, stamps);
  }

  private static String tagText(Map<String, String> tags) {
    return tags.isEmpty() ? "no tags" : String.join(", ", Ownership.describe(tags));
  }

  private static String notOwnedTail(Map<String, String> tags) {
    return " (tags: "
        + (tags.isEmpty() ? "none" : String.join(", ", Ownership.describe(tags)))
        + "); elbctl does not take over resources it did not create: rename it in the spec,"
        + " or delete or re-tag the existing one";
  }
}
