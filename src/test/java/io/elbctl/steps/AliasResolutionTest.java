package io.elbctl.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.live.LiveAlb;
import io.elbctl.live.LiveAlbs;
import io.elbctl.live.StatusReport.AliasStatus;
import io.elbctl.plan.Inventory.RecordSet;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whether alias names answer with the load balancer's own addresses, asked of a fake DNS. */
class AliasResolutionTest {
  private static final String LB = "shop-alb-1.eu-west-1.elb.amazonaws.com";

  private static LiveAlb withAliases(String... names) {
    LiveAlb alb = LiveAlbs.alb(Map.of());
    List<RecordSet> aliases =
        java.util.Arrays.stream(names)
            .map(n -> new RecordSet(n, "A", "dualstack." + LB, "Z32O12XQLNTSW2", List.of()))
            .toList();
    return new LiveAlb(
        alb.region(),
        alb.loadBalancer(),
        alb.vpcId(),
        alb.attributes(),
        alb.listeners(),
        alb.targetGroups(),
        alb.certificates(),
        alb.zone(),
        aliases);
  }

  @Test
  void check_comparesEachNamesAnswerWithTheLoadBalancers() {
    Map<String, List<String>> dns =
        Map.of(
            LB,
            List.of("192.0.2.1", "192.0.2.2"),
            "shop.example.",
            List.of("192.0.2.2"),
            "old.shop.example.",
            List.of("198.51.100.7"));
    Resolver resolver = (name, type) -> dns.getOrDefault(name, List.of());

    List<AliasStatus> statuses =
        AliasResolution.check(
            withAliases("shop.example.", "old.shop.example.", "new.shop.example."), resolver);

    assertThat(statuses)
        .containsExactly(
            new AliasStatus("shop.example.", "A", true, "192.0.2.2"),
            new AliasStatus(
                "old.shop.example.",
                "A",
                false,
                "198.51.100.7 (the load balancer has [192.0.2.1, 192.0.2.2])"),
            new AliasStatus("new.shop.example.", "A", false, "no A answer"));
  }

  @Test
  void check_withoutDns_saysWhyItCouldNotTell() {
    Resolver offline =
        (name, type) -> {
          throw new IOException("DNS unreachable");
        };
    assertThat(AliasResolution.check(withAliases("shop.example."), offline))
        .containsExactly(new AliasStatus("shop.example.", "A", null, "DNS unreachable"));
  }
}
