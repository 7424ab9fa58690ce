package io.elbctl.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.spec.Spec;
import org.junit.jupiter.api.Test;

/** The desync mitigation mode and invalid-header dropping: drift versus spec changes. */
class RequestHandlingDriftTest {
  private final Spec spec = PlannerTest.spec(s -> {});

  @Test
  void modeChangedOutsideElbctl_isDrift_whenTheLoadBalancerWasAppliedFromThisSpec() {
    Inventory live = stamped(PlannerTest.withRequestHandling(converged(), "monitor", false), spec);

    Plan plan = Planner.plan(spec, live);

    assertThat(plan.changes())
        .extracting(PlannerTest::describe)
        .containsExactly("~ load balancer myapp-alb [desyncMitigationMode: monitor → defensive]");
    assertThat(plan.isDrift(plan.changes().get(0))).isTrue();
  }

  @Test
  void modeChangedInTheSpec_isNotDrift() {
    Spec strictest =
        PlannerTest.spec(
            s -> ((ObjectNode) s.get("loadBalancer")).put("desyncMitigationMode", "strictest"));
    Inventory live = stamped(converged(), spec);

    Plan plan = Planner.plan(strictest, live);

    assertThat(plan.changes())
        .extracting(PlannerTest::describe)
        .containsExactly("~ load balancer myapp-alb [desyncMitigationMode: defensive → strictest]");
    assertThat(plan.drift()).isEmpty();
    assertThat(plan.stamps())
        .extracting(Plan.Stamp::hash)
        .containsExactly(SpecHash.of(strictest, strictest.loadBalancer()));
  }

  @Test
  void hash_ofDefaultsWrittenOut_isTheHashWithoutThem_andNonDefaultsChangeIt() {
    Spec explicit =
        PlannerTest.spec(
            s ->
                ((ObjectNode) s.get("loadBalancer"))
                    .put("desyncMitigationMode", "defensive")
                    .put("dropInvalidHeaderFields", false));
    Spec dropping =
        PlannerTest.spec(
            s -> ((ObjectNode) s.get("loadBalancer")).put("dropInvalidHeaderFields", true));
    Spec monitor =
        PlannerTest.spec(
            s -> ((ObjectNode) s.get("loadBalancer")).put("desyncMitigationMode", "monitor"));

    String base = SpecHash.of(spec, spec.loadBalancer());
    assertThat(SpecHash.of(explicit, explicit.loadBalancer())).isEqualTo(base);
    assertThat(SpecHash.of(dropping, dropping.loadBalancer())).isNotEqualTo(base);
    assertThat(SpecHash.of(monitor, monitor.loadBalancer()))
        .isNotEqualTo(base)
        .isNotEqualTo(SpecHash.of(dropping, dropping.loadBalancer()));
  }

  private Inventory converged() {
    return PlannerTest.converged(spec);
  }

  private static Inventory stamped(Inventory inv, Spec applied) {
    return InventoryEdit.of(
        inv,
        e ->
            e.loadBalancer =
                InventoryEdit.loadBalancer(
                    e.loadBalancer,
                    Ownership.tags(applied.name(), SpecHash.of(applied, applied.loadBalancer()))));
  }
}
