package io.elbctl.aws;

import static io.elbctl.aws.ElbctlRun.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.aws.ElbctlRun.Result;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The desync mitigation mode and invalid-header dropping against the emulator: applied as ALB
 * attributes, a spec change planned as exactly that change, an edit outside elbctl shown as drift.
 */
class RequestHandlingAttributesTest extends OnExampleAccount {
  private static final String MODE = "routing.http.desync_mitigation_mode";
  private static final String DROP = "routing.http.drop_invalid_header_fields.enabled";

  @Test
  void modeChange_isPlannedAsExactlyThatChange_appliedAndConverged() {
    Path monitor = elbctl.spec(s -> loadBalancer(s).put("desyncMitigationMode", "monitor"));
    Result created = elbctl.run("apply", monitor.toString(), "--yes");
    assertThat(created.code()).as(created.toString()).isZero();
    assertThat(attributes()).containsEntry(MODE, "monitor");
    assertThat(elbctl.run("plan", monitor.toString(), "--detailed-exitcode").code()).isZero();

    Path strictest =
        elbctl.spec(
            s ->
                loadBalancer(s)
                    .put("desyncMitigationMode", "strictest")
                    .put("dropInvalidHeaderFields", true));
    Result plan =
        elbctl.run("plan", strictest.toString(), "--detailed-exitcode", "--output", "json");

    assertThat(plan.code()).as(plan.toString()).isEqualTo(2);
    JsonNode changes = plan.json().get("changes");
    assertThat(changes).hasSize(1);
    assertThat(changes.at("/0/action").asText()).isEqualTo("update");
    assertThat(changes.at("/0/resource").asText()).isEqualTo("load balancer myapp-alb");
    assertThat(changes.at("/0/drift").asBoolean()).isFalse();
    assertThat(fields(changes.get(0)))
        .containsExactly(
            Map.entry("desyncMitigationMode", "monitor → strictest"),
            Map.entry("dropInvalidHeaderFields", "false → true"));

    Result applied = elbctl.run("apply", strictest.toString(), "--yes");
    assertThat(applied.code()).as(applied.toString()).isZero();
    assertThat(attributes()).containsEntry(MODE, "strictest").containsEntry(DROP, "true");
    Result after = elbctl.run("plan", strictest.toString(), "--detailed-exitcode");
    assertThat(after.code()).as(after.toString()).isZero();
  }

  @Test
  void modeChangedOutsideElbctl_isDrift_andApplyRestoresIt() {
    Path spec = elbctl.spec(s -> {});
    account.apply(spec);
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      elb.modifyLoadBalancerAttributes(
          r -> r.loadBalancerArn(arn(elb)).attributes(a -> a.key(MODE).value("monitor")));
    }

    Result plan = elbctl.run("plan", spec.toString(), "--detailed-exitcode", "--output", "json");

    assertThat(plan.code()).as(plan.toString()).isEqualTo(2);
    assertThat(plan.json().get("changes")).hasSize(1);
    assertThat(plan.json().at("/changes/0/drift").asBoolean()).isTrue();
    assertThat(fields(plan.json().at("/changes/0")))
        .containsExactly(Map.entry("desyncMitigationMode", "monitor → defensive"));
    account.apply(spec);
    assertThat(attributes()).containsEntry(MODE, "defensive");
    assertThat(elbctl.run("plan", spec.toString(), "--detailed-exitcode").code()).isZero();
  }

  private static ObjectNode loadBalancer(JsonNode spec) {
    return (ObjectNode) spec.get("loadBalancer");
  }

  private static Map<String, String> fields(JsonNode change) {
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    change
        .get("fields")
        .forEach(
            f ->
                fields.put(
                    f.get("name").asText(), f.get("old").asText() + " → " + f.get("new").asText()));
    return fields;
  }

  private Map<String, String> attributes() {
    Map<String, String> values = new HashMap<>();
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn(elb)))
          .attributes()
          .forEach(a -> values.put(a.key(), a.value()));
    }
    return values;
  }

  private static String arn(ElasticLoadBalancingV2Client elb) {
    return elb.describeLoadBalancers(r -> r.names("myapp-alb"))
        .loadBalancers()
        .get(0)
        .loadBalancerArn();
  }
}
