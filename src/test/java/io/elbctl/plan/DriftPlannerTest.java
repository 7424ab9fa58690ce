package io.elbctl.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.plan.Inventory.ListenerState;
import io.elbctl.plan.Inventory.RuleState;
import io.elbctl.plan.Inventory.TargetGroupState;
import io.elbctl.spec.Conditions;
import io.elbctl.spec.Listener;
import io.elbctl.spec.Spec;
import io.elbctl.spec.TargetGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drift (live moved away from the spec it was applied from) versus spec changes, and --adopt. */
class DriftPlannerTest {
  private final Spec spec = PlannerTest.spec(s -> {});

  @Test
  void ruleEditedOutsideElbctl_isDrift_whenTheListenerWasAppliedFromThisSpec() {
    Inventory live = editRule10(stamped(spec, PlannerTest.converged(spec)), "/edited/*");
    Plan plan = Planner.plan(spec, live);
    assertThat(plan.changes()).hasSize(1).first().isInstanceOf(Change.ModifyRule.class);
    assertThat(plan.isDrift(plan.changes().get(0))).isTrue();
    assertThat(plan.stamps())
        .extracting(Plan.Stamp::arn, Plan.Stamp::hash)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "listener/443", SpecHash.of(spec, spec.loadBalancer().listeners().get(1))));
  }

  @Test
  void ruleChangedInTheSpec_isNotDrift() {
    Spec changed =
        PlannerTest.spec(
            s ->
                ((com.fasterxml.jackson.databind.node.ArrayNode)
                        s.at("/loadBalancer/listeners/1/rules/0/conditions/pathPatterns"))
                    .set(0, "/edited/*"));
    Plan plan = Planner.plan(changed, stamped(spec, PlannerTest.converged(spec)));
    assertThat(plan.changes()).hasSize(1).first().isInstanceOf(Change.ModifyRule.class);
    assertThat(plan.drift()).isEmpty();
  }

  @Test
  void resourcesWithoutAHashTag_showChangesAsSpecChanges() {
    Inventory live = editRule10(PlannerTest.converged(spec), "/edited/*");
    Plan plan = Planner.plan(spec, live);
    assertThat(plan.changes()).hasSize(1);
    assertThat(plan.drift()).isEmpty();
  }

  @Test
  void targetDeregisteredOutsideElbctl_isDrift() {
    Inventory base = stamped(spec, PlannerTest.converged(spec));
    List<TargetGroupState> groups = new ArrayList<>();
    for (TargetGroupState g : base.targetGroups()) {
      groups.add(
          g.name().equals("backend")
              ? InventoryEdit.targetGroup(g, g.port(), List.of(), g.tags())
              : g);
    }
    Inventory live = InventoryEdit.of(base, e -> e.targetGroups = groups);
    Plan plan = Planner.plan(spec, live);
    assertThat(plan.changes()).hasSize(1).first().isInstanceOf(Change.RegisterTargets.class);
    assertThat(plan.isDrift(plan.changes().get(0))).isTrue();
  }

  @Test
  void foreignLoadBalancer_isAdoptedWithAdopt_andRefusedWithout() {
    Inventory base = PlannerTest.converged(spec);
    Inventory live =
        InventoryEdit.of(
            base,
            e ->
                e.loadBalancer = InventoryEdit.loadBalancer(e.loadBalancer, Map.of("team", "web")));
    assertThat(Planner.plan(spec, live).refusals()).hasSize(1);
    Plan adopted = Planner.plan(spec, live, true);
    assertThat(adopted.refusals()).isEmpty();
    assertThat(adopted.changes())
        .extracting(Change::resource)
        .containsExactly("load balancer myapp-alb");
    assertThat(adopted.changes().get(0)).isInstanceOf(Change.Adopt.class);
    assertThat(adopted.stamps()).extracting(Plan.Stamp::arn).containsExactly("lb");
  }

  @Test
  void foreignRuleElsewhereOnTheListener_isLeftAlone_andParkingAvoidsIt() {
    Inventory base = PlannerTest.converged(spec);
    ListenerState https = base.listener(443).orElseThrow();
    List<RuleState> rules = new ArrayList<>(https.rules());
    RuleState ten = rules.get(0);
    rules.add(new RuleState("foreign", 50000, ten.conditions(), ten.action(), Map.of()));
    Inventory live = PlannerTest.withListener(base, https, rules);
    Spec swapped =
        PlannerTest.spec(
            s -> {
              ((ObjectNode) s.at("/loadBalancer/listeners/1/rules/0")).put("priority", 20);
              ((ObjectNode) s.at("/loadBalancer/listeners/1/rules/1")).put("priority", 10);
            });
    Plan plan = Planner.plan(swapped, live);
    assertThat(plan.refusals()).isEmpty();
    assertThat(plan.changes()).allSatisfy(c -> assertThat(c).isInstanceOf(Change.MoveRule.class));
    assertThat(plan.changes())
        .extracting(c -> ((Change.MoveRule) c).arn())
        .doesNotContain("foreign");
    assertThat(plan.changes()).extracting(c -> ((Change.MoveRule) c).to()).contains(49999);
  }

  @Test
  void priorityRange_confinesTemporaryPriorities() {
    Spec banded =
        PlannerTest.spec(
            s -> {
              ObjectNode listener = (ObjectNode) s.at("/loadBalancer/listeners/1");
              listener.putObject("priorityRange").put("from", 5).put("to", 30);
              ((ObjectNode) s.at("/loadBalancer/listeners/1/rules/0")).put("priority", 20);
              ((ObjectNode) s.at("/loadBalancer/listeners/1/rules/1")).put("priority", 10);
            });
    Plan plan = Planner.plan(banded, PlannerTest.converged(spec));
    assertThat(plan.changes()).hasSize(3);
    assertThat(plan.changes())
        .allSatisfy(c -> assertThat(((Change.MoveRule) c).to()).isBetween(5, 30));
  }

  // ---------------------------------------------------------------- fixtures

  /** The converged inventory with every resource carrying the hash of {@code applied}. */
  static Inventory stamped(Spec applied, Inventory inv) {
    List<TargetGroupState> groups = new ArrayList<>();
    for (TargetGroupState g : inv.targetGroups()) {
      TargetGroup group = applied.targetGroup(g.name()).orElseThrow();
      groups.add(
          InventoryEdit.targetGroup(
              g, g.port(), g.targets(), Ownership.tags(applied.name(), SpecHash.of(group))));
    }
    List<ListenerState> listeners = new ArrayList<>();
    for (ListenerState l : inv.listeners()) {
      Listener listener =
          applied.loadBalancer().listeners().stream()
              .filter(x -> x.port() == l.port())
              .findFirst()
              .orElseThrow();
      listeners.add(
          InventoryEdit.listener(
              l,
              l.certificateArn(),
              Ownership.tags(applied.name(), SpecHash.of(applied, listener)),
              l.rules()));
    }
    return InventoryEdit.of(
        inv,
        e -> {
          e.listeners = listeners;
          e.targetGroups = groups;
        });
  }

  private static Inventory editRule10(Inventory inv, String path) {
    ListenerState https = inv.listener(443).orElseThrow();
    List<RuleState> rules = new ArrayList<>();
    for (RuleState r : https.rules()) {
      rules.add(
          r.priority() == 10
              ? new RuleState(
                  r.arn(),
                  10,
                  new Conditions(List.of(path), null, null, null, null, null, null, null),
                  r.action(),
                  r.tags())
              : r);
    }
    return PlannerTest.withListener(inv, https, rules);
  }
}
