package io.elbctl.aws;

import static io.elbctl.aws.ElbctlRun.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.aws.ElbctlRun.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Out-of-band edits show as drift and are restored; resources in the spec's place that it did not
 * create are refused (exit 6) unless --adopt; foreign rules on the listener are left alone.
 */
class DriftAndOwnershipTest extends OnExampleAccount {
  @Test
  void outOfBandEdits_showAsDrift_apartFromSpecChanges_andApplyRestoresThem() {
    Path spec = account.applied();

    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      var rule10 =
          elbctl.rules(elb, 443).stream().filter(r -> r.priority().equals("10")).findFirst();
      elb.modifyRule(
          r ->
              r.ruleArn(rule10.orElseThrow().ruleArn())
                  .conditions(
                      RuleCondition.builder()
                          .field("path-pattern")
                          .pathPatternConfig(p -> p.values("/edited-in-console/*"))
                          .build())
                  .actions(rule10.get().actions()));
      var backend = elb.describeTargetGroups(r -> r.names("backend")).targetGroups().get(0);
      elb.modifyTargetGroup(r -> r.targetGroupArn(backend.targetGroupArn()).healthCheckPath("/x"));
      var client = elb.describeTargetGroups(r -> r.names("client")).targetGroups().get(0);
      elb.deregisterTargets(
          r ->
              r.targetGroupArn(client.targetGroupArn())
                  .targets(
                      TargetDescription.builder().id("i-0123456789abcdef0").port(3000).build()));
    }
    account.upsert(
        ResourceRecordSet.builder()
            .name("www.example.com.")
            .type(RRType.A)
            .aliasTarget(
                a ->
                    a.dnsName("elsewhere.example.net.")
                        .hostedZoneId("Z2P70J7EXAMPLE")
                        .evaluateTargetHealth(false))
            .build());

    Result plan = elbctl.run("plan", spec.toString(), "--detailed-exitcode", "--output", "json");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(2);
    JsonNode changes = plan.json().get("changes");
    List<String> drifted = new ArrayList<>();
    changes.forEach(
        c -> {
          assertThat(c.get("drift").asBoolean()).as(c.toString()).isTrue();
          drifted.add(c.get("action").asText() + " " + c.get("resource").asText());
        });
    assertThat(drifted)
        .containsExactlyInAnyOrder(
            "update target group backend",
            "create targets of client",
            "update rule 10 on HTTPS:443",
            "update alias record www.example.com A");
    assertThat(plan.json().at("/summary/drift").asInt()).isEqualTo(4);

    Result text = elbctl.run("plan", spec.toString());
    assertThat(text.out())
        .contains("~ rule 10 on HTTPS:443 (drift: changed outside elbctl)")
        .contains("4 of them restore what was changed outside elbctl (drift).");

    Result apply = elbctl.run("apply", spec.toString(), "--yes");
    assertThat(apply.code()).as(apply.toString()).isZero();
    Result after = elbctl.run("plan", spec.toString(), "--detailed-exitcode");
    assertThat(after.code()).as(after.toString()).isZero();

    // A spec edit of the same rule is a change, not drift.
    Path edited =
        elbctl.spec(
            s ->
                ((ArrayNode) s.at("/loadBalancer/listeners/1/rules/0/conditions/pathPatterns"))
                    .set(0, "/oauth2/start/*"));
    Result specChange =
        elbctl.run("plan", edited.toString(), "--detailed-exitcode", "--output", "json");
    assertThat(specChange.code()).isEqualTo(2);
    assertThat(specChange.json().get("changes")).hasSize(1);
    assertThat(specChange.json().at("/changes/0/drift").asBoolean()).isFalse();
    account.apply(edited);
    assertThat(elbctl.run("plan", edited.toString(), "--detailed-exitcode").code()).isZero();
  }

  @Test
  void foreignTargetGroup_isRefused_thenAdopted() {
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      elb.createTargetGroup(
          r -> r.name("backend").protocol("HTTP").port(8080).vpcId(elbctl.defaultVpc()));
    }
    assertRefusedThenAdopted(
        elbctl.spec(s -> {}),
        "target group backend exists but was not created for spec myapp (tags: none)");
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      String arn =
          elb.describeTargetGroups(r -> r.names("backend")).targetGroups().get(0).targetGroupArn();
      assertThat(tags(elb, arn)).containsEntry("elbctl:spec", "myapp");
    }
  }

  @Test
  void foreignLoadBalancer_isRefused_thenAdopted() {
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      elb.createLoadBalancer(
          r ->
              r.name("myapp-alb")
                  .scheme("internet-facing")
                  .subnets(elbctl.defaultSubnets())
                  .tags(t -> t.key("team").value("web")));
    }
    assertRefusedThenAdopted(
        elbctl.spec(s -> {}),
        "load balancer myapp-alb exists but was not created for spec myapp (tags: team=web)");
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      var albs = elb.describeLoadBalancers().loadBalancers();
      assertThat(albs).hasSize(1);
      assertThat(tags(elb, albs.get(0).loadBalancerArn()))
          .containsEntry("elbctl:spec", "myapp")
          .containsEntry("team", "web");
    }
  }

  @Test
  void foreignARecord_isRefused_neverOverwritten_thenAdopted() {
    account.upsert("www.example.com.", RRType.A, "192.0.2.7");
    Path spec = elbctl.spec(s -> {});
    Result refused = elbctl.run("apply", spec.toString(), "--yes");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(6);
    assertThat(refused.err())
        .contains(
            "refused: the A record www.example.com. (192.0.2.7) exists but was not created for"
                + " spec myapp");
    assertThat(recordValues("www.example.com.", "A")).containsExactly("192.0.2.7");

    assertRefusedThenAdopted(spec, "the A record www.example.com. (192.0.2.7)");
    assertThat(recordValues("_elbctl.www.example.com.", "TXT"))
        .containsExactly("\"elbctl:spec=myapp\"");
  }

  @Test
  void foreignRules_atASpecPriorityAreRefused_elsewhereSurviveApply_andAreAvoided() {
    Path spec = account.applied();
    String foreign5;
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      String listener = elbctl.listenerArn(elb, 443);
      foreign5 = createRule(elb, listener, 5, "/team-b/*");
      createRule(elb, listener, 30, "/team-c/*");
    }
    // The spec now wants priority 30, which another team's rule holds, and swaps 10 and 20.
    Path wants30 =
        elbctl.spec(
            s -> {
              ArrayNode rules = (ArrayNode) s.at("/loadBalancer/listeners/1/rules");
              ((ObjectNode) rules.get(0)).put("priority", 20);
              ((ObjectNode) rules.get(1)).put("priority", 10);
              ObjectNode rule = rules.addObject();
              rule.put("priority", 30);
              rule.putObject("conditions").putArray("pathPatterns").add("/api/*");
              rule.putObject("action").put("type", "forward").put("targetGroup", "backend");
            });
    Result refused = elbctl.run("apply", wants30.toString(), "--yes");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(6);
    assertThat(refused.err())
        .contains("refused: a rule at priority 30 on HTTPS:443 exists but was not created");

    Result adopted = elbctl.run("apply", wants30.toString(), "--yes", "--adopt");
    assertThat(adopted.code()).as(adopted.toString()).isZero();
    assertThat(elbctl.run("plan", wants30.toString(), "--detailed-exitcode").code()).isZero();
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      Map<String, String> paths = new HashMap<>();
      for (var rule : elbctl.rules(elb, 443)) {
        paths.put(rule.priority(), rule.conditions().get(0).pathPatternConfig().values().get(0));
      }
      assertThat(paths)
          .containsEntry("5", "/team-b/*")
          .containsEntry("10", "/login/oauth2/code/*")
          .containsEntry("20", "/oauth2/authorization/*")
          .containsEntry("30", "/api/*")
          .hasSize(4);
      assertThat(tags(elb, foreign5)).doesNotContainKey("elbctl:spec");
    }
  }

  // ---------------------------------------------------------------- helpers

  private void assertRefusedThenAdopted(Path spec, String sentence) {
    Result plan = elbctl.run("plan", spec.toString());
    assertThat(plan.code()).as(plan.toString()).isEqualTo(6);
    assertThat(plan.out()).contains(sentence);
    Result refused = elbctl.run("apply", spec.toString(), "--yes");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(6);
    assertThat(refused.err()).contains("elbctl: refused: " + sentence);
    Result adopt = elbctl.run("plan", spec.toString(), "--adopt");
    assertThat(adopt.out()).as(adopt.toString()).contains("owner (adopt)");
    Result applied = elbctl.run("apply", spec.toString(), "--yes", "--adopt");
    assertThat(applied.code()).as(applied.toString()).isZero();
    Result after = elbctl.run("plan", spec.toString(), "--detailed-exitcode");
    assertThat(after.code()).as(after.toString()).isZero();
  }

  private static Map<String, String> tags(ElasticLoadBalancingV2Client elb, String arn) {
    Map<String, String> tags = new HashMap<>();
    elb.describeTags(r -> r.resourceArns(arn))
        .tagDescriptions()
        .get(0)
        .tags()
        .forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  private static String createRule(
      ElasticLoadBalancingV2Client elb, String listener, int priority, String path) {
    return elb.createRule(
            r ->
                r.listenerArn(listener)
                    .priority(priority)
                    .conditions(
                        RuleCondition.builder()
                            .field("path-pattern")
                            .pathPatternConfig(p -> p.values(path))
                            .build())
                    .actions(
                        Action.builder()
                            .type("fixed-response")
                            .fixedResponseConfig(f -> f.statusCode("204"))
                            .build())
                    .tags(t -> t.key("team").value("other")))
        .rules()
        .get(0)
        .ruleArn();
  }

  private List<String> recordValues(String name, String type) {
    try (var route53 = emulator.route53()) {
      List<String> values = new ArrayList<>();
      route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)).resourceRecordSets().stream()
          .filter(s -> s.name().equals(name) && s.typeAsString().equals(type))
          .forEach(
              s -> {
                if (s.aliasTarget() != null) {
                  values.add("alias " + s.aliasTarget().dnsName());
                }
                s.resourceRecords().forEach(v -> values.add(v.value()));
              });
      return values;
    }
  }
}
