package io.elbctl.aws;

import static io.elbctl.aws.ElbctlRun.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.aws.ElbctlRun.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;

/**
 * Stickiness (lb_cookie and app_cookie), routing algorithms and slow start provisioned as target
 * group attributes on the emulator, which stores them as sent (it checks app_cookie's name, not the
 * combinations AWS refuses, which the validator checks): apply converges, an edit in the console is
 * drift that apply repairs, and turning stickiness off is written back.
 */
class TargetGroupAttributesTest extends OnExampleAccount {
  private Path spec() {
    return elbctl.spec(
        s -> {
          ObjectNode client = (ObjectNode) s.at("/targetGroups/0");
          client.put("algorithm", "weighted_random").put("slowStartSeconds", 60);
          client.put("stickinessSeconds", 120);
          ObjectNode backend = (ObjectNode) s.at("/targetGroups/1");
          backend.put("algorithm", "least_outstanding_requests");
          backend.put("stickinessType", "app_cookie").put("stickinessCookieName", "JSESSIONID");
        });
  }

  private Map<String, String> attributes(ElasticLoadBalancingV2Client elb, String group) {
    String arn = arn(elb, group);
    Map<String, String> out = new HashMap<>();
    for (TargetGroupAttribute a :
        elb.describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).attributes()) {
      out.put(a.key(), a.value());
    }
    return out;
  }

  private static String arn(ElasticLoadBalancingV2Client elb, String group) {
    return elb.describeTargetGroups(r -> r.names(group)).targetGroups().get(0).targetGroupArn();
  }

  @Test
  void attributes_areProvisioned_converge_andConsoleEditsAreDriftThatApplyRepairs() {
    Path spec = account.apply(spec());
    assertThat(elbctl.run("plan", spec.toString(), "--detailed-exitcode").code()).isZero();

    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      assertThat(attributes(elb, "client"))
          .containsEntry("stickiness.enabled", "true")
          .containsEntry("stickiness.type", "lb_cookie")
          .containsEntry("stickiness.lb_cookie.duration_seconds", "120")
          .containsEntry("load_balancing.algorithm.type", "weighted_random")
          .containsEntry("load_balancing.algorithm.anomaly_mitigation", "off")
          .containsEntry("slow_start.duration_seconds", "60");
      assertThat(attributes(elb, "backend"))
          .containsEntry("stickiness.enabled", "true")
          .containsEntry("stickiness.type", "app_cookie")
          .containsEntry("stickiness.app_cookie.cookie_name", "JSESSIONID")
          .containsEntry("stickiness.app_cookie.duration_seconds", "86400")
          .containsEntry("load_balancing.algorithm.type", "least_outstanding_requests")
          .containsEntry("slow_start.duration_seconds", "0");

      elb.modifyTargetGroupAttributes(
          r ->
              r.targetGroupArn(arn(elb, "client"))
                  .attributes(
                      attribute("load_balancing.algorithm.anomaly_mitigation", "on"),
                      attribute("slow_start.duration_seconds", "30")));
      elb.modifyTargetGroupAttributes(
          r ->
              r.targetGroupArn(arn(elb, "backend"))
                  .attributes(
                      attribute("stickiness.app_cookie.cookie_name", "SESSION"),
                      attribute("load_balancing.algorithm.type", "round_robin")));
    }

    Result plan = elbctl.run("plan", spec.toString(), "--detailed-exitcode", "--output", "json");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(2);
    List<String> changes = new ArrayList<>();
    for (JsonNode change : plan.json().get("changes")) {
      assertThat(change.get("drift").asBoolean()).as(change.toString()).isTrue();
      changes.add(change.get("action").asText() + " " + change.get("resource").asText());
    }
    assertThat(changes)
        .containsExactlyInAnyOrder("update target group client", "update target group backend");
    Result text = elbctl.run("plan", spec.toString());
    assertThat(text.out())
        .contains("algorithm")
        .contains("weighted_random (anomaly mitigation on)")
        .contains("slowStartSeconds")
        .contains("stickinessCookieName");

    account.apply(spec);
    assertThat(elbctl.run("plan", spec.toString(), "--detailed-exitcode").code()).isZero();
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      assertThat(attributes(elb, "client"))
          .containsEntry("load_balancing.algorithm.anomaly_mitigation", "off")
          .containsEntry("slow_start.duration_seconds", "60");
      assertThat(attributes(elb, "backend"))
          .containsEntry("stickiness.app_cookie.cookie_name", "JSESSIONID")
          .containsEntry("load_balancing.algorithm.type", "least_outstanding_requests");
    }
  }

  @Test
  void removingStickinessAndTheAlgorithm_fromTheSpec_writesAwsDefaultsBack() {
    account.apply(spec());
    Path plain = account.applied();

    assertThat(elbctl.run("plan", plain.toString(), "--detailed-exitcode").code()).isZero();
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      assertThat(attributes(elb, "client"))
          .containsEntry("stickiness.enabled", "false")
          .containsEntry("load_balancing.algorithm.type", "round_robin")
          .containsEntry("slow_start.duration_seconds", "0");
      assertThat(attributes(elb, "backend"))
          .containsEntry("stickiness.enabled", "false")
          .containsEntry("load_balancing.algorithm.type", "round_robin");
    }
  }

  private static TargetGroupAttribute attribute(String key, String value) {
    return TargetGroupAttribute.builder().key(key).value(value).build();
  }
}
