package io.elbctl.plan;

import io.elbctl.plan.Inventory.TargetGroupState;
import io.elbctl.spec.HealthCheck;
import io.elbctl.spec.Spec;
import io.elbctl.spec.Target;
import io.elbctl.spec.TargetGroup;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The target-group pass of {@link Planner}: creates missing groups, updates health checks and
 * attributes in place, refuses changes ALB cannot make in place, and registers or deregisters
 * targets.
 */
record TargetGroupPlanner(Spec spec, Inventory inventory, PlanDraft draft) {
  void plan() {
    for (TargetGroup group : spec.targetGroups()) {
      Optional<TargetGroupState> found = inventory.targetGroup(group.name());
      List<Target> wanted = group.resolvedTargets();
      if (found.isEmpty()) {
        draft.add(new Change.CreateTargetGroup(group));
        if (!wanted.isEmpty()) {
          draft.add(new Change.RegisterTargets(group.name(), wanted));
        }
        continue;
      }
      TargetGroupState live = found.get();
      int first = draft.changes.size();
      String hash = SpecHash.of(group);
      boolean drifted = Ownership.appliedFrom(spec.name(), live.tags(), hash);
      if (!draft.claim(
          StepKind.TARGET_GROUPS, "target group " + group.name(), live.arn(), "elb", live.tags())) {
        continue;
      }
      List<String> immutable = new ArrayList<>();
      if (!group.protocol().equals(live.protocol())) {
        immutable.add("protocol " + live.protocol() + " → " + group.protocol());
      }
      if (group.port() != live.port()) {
        immutable.add("port " + live.port() + " → " + group.port());
      }
      if (!group.targetType().equals(live.targetType())) {
        immutable.add("targetType " + live.targetType() + " → " + group.targetType());
      }
      if (draft.refuseImmutable(
          StepKind.TARGET_GROUPS,
          "target group " + group.name(),
          immutable,
          "give the group a new name so a new one is created")) {
        continue;
      }
      List<Field> fields = new ArrayList<>();
      HealthCheck want = group.healthCheck();
      HealthCheck have = live.healthCheck();
      String wantProtocol = want.protocol() == null ? group.protocol() : want.protocol();
      String haveProtocol = have.protocol() == null ? live.protocol() : have.protocol();
      Field.diff(fields, "healthCheck.path", have.path(), want.path());
      Field.diff(fields, "healthCheck.matcher", have.matcher(), want.matcher());
      Field.diff(
          fields, "healthCheck.intervalSeconds", have.intervalSeconds(), want.intervalSeconds());
      Field.diff(
          fields, "healthCheck.timeoutSeconds", have.timeoutSeconds(), want.timeoutSeconds());
      Field.diff(
          fields, "healthCheck.healthyThreshold", have.healthyThreshold(), want.healthyThreshold());
      Field.diff(
          fields,
          "healthCheck.unhealthyThreshold",
          have.unhealthyThreshold(),
          want.unhealthyThreshold());
      Field.diff(fields, "healthCheck.port", have.port(), want.port());
      Field.diff(fields, "healthCheck.protocol", haveProtocol, wantProtocol);
      boolean healthCheck = !fields.isEmpty();
      Field.diff(
          fields,
          "deregistrationDelaySeconds",
          live.deregistrationDelaySeconds(),
          group.deregistrationDelaySeconds());
      Field.diff(fields, "stickinessSeconds", live.stickinessSeconds(), group.stickinessSeconds());
      Field.diff(fields, "stickinessType", live.stickinessType(), group.stickinessType());
      Field.diff(
          fields,
          "stickinessCookieName",
          live.stickinessCookieName(),
          group.stickinessCookieName());
      Field.diff(fields, "algorithm", live.algorithm(), group.algorithm());
      Field.diff(fields, "slowStartSeconds", live.slowStartSeconds(), group.slowStartSeconds());
      if (!fields.isEmpty()) {
        draft.add(
            new Change.UpdateTargetGroup(
                live.arn(), group, fields, healthCheck, fields.size() > countHealth(fields)));
      }
      Set<Target> have_ = new LinkedHashSet<>(live.targets());
      List<Target> register = wanted.stream().filter(t -> !have_.contains(t)).toList();
      List<Target> deregister = live.targets().stream().filter(t -> !wanted.contains(t)).toList();
      if (!register.isEmpty()) {
        draft.add(new Change.RegisterTargets(group.name(), register));
      }
      if (!deregister.isEmpty()) {
        draft.add(new Change.DeregisterTargets(group.name(), deregister));
      }
      draft.settle(
          StepKind.TARGET_GROUPS, first, drifted, live.arn(), "target group " + group.name(), hash);
    }
  }

  private static long countHealth(List<Field> fields) {
    return fields.stream().filter(f -> f.name().startsWith("healthCheck.")).count();
  }
}
