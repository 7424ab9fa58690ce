package io.elbctl.aws;

import static io.elbctl.aws.ElbctlRun.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The six steps, plan and apply, end to end against the AWS API emulator, through the real command
 * line with captured streams; call budgets come from the SDK call counter (--stats).
 */
class ProvisioningTest extends OnExampleAccount {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void apply_fromHostedZone_buildsTheSetup_andASecondApplyMakesNoMutatingCall() throws Exception {
    Path spec = elbctl.spec(s -> {});

    ElbctlRun.Result first =
        elbctl.run("apply", spec.toString(), "--yes", "--stats", "--output", "json");
    assertThat(first.code()).as(first.toString()).isZero();
    JsonNode firstJson = JSON.readTree(first.out());
    assertThat(firstJson.get("applied").asBoolean()).isTrue();
    assertThat(firstJson.at("/stats/calls").asInt()).as(first.toString()).isLessThanOrEqualTo(45);

    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      List<LoadBalancer> albs = elb.describeLoadBalancers().loadBalancers();
      assertThat(albs).extracting(LoadBalancer::loadBalancerName).containsExactly("myapp-alb");
      LoadBalancer alb = albs.get(0);
      assertThat(firstJson.get("loadBalancerDnsName").asText()).isEqualTo(alb.dnsName());
      List<Listener> listeners =
          elb.describeListeners(r -> r.loadBalancerArn(alb.loadBalancerArn())).listeners();
      assertThat(listeners).extracting(Listener::port).containsExactlyInAnyOrder(80, 443);
      Listener http = listeners.stream().filter(l -> l.port() == 80).findFirst().orElseThrow();
      assertThat(http.protocolAsString()).isEqualTo("HTTP");
      var redirect = http.defaultActions().get(0).redirectConfig();
      assertThat(redirect.protocol()).isEqualTo("HTTPS");
      assertThat(redirect.port()).isEqualTo("443");
      assertThat(redirect.statusCodeAsString()).isEqualTo("HTTP_301");

      Listener https = listeners.stream().filter(l -> l.port() == 443).findFirst().orElseThrow();
      assertThat(https.protocolAsString()).isEqualTo("HTTPS");
      assertThat(https.sslPolicy()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09");
      String certificateArn = https.certificates().get(0).certificateArn();
      try (var acm = emulator.acm(REGION)) {
        assertThat(
                acm.describeCertificate(r -> r.certificateArn(certificateArn))
                    .certificate()
                    .statusAsString())
            .isEqualTo("ISSUED");
      }
      assertThat(groupOf(elb, https.defaultActions().get(0).targetGroupArn()))
          .isEqualTo("client:3000");

      List<Rule> rules =
          elb.describeRules(r -> r.listenerArn(https.listenerArn())).rules().stream()
              .filter(r -> !r.isDefault())
              .toList();
      assertThat(rules).extracting(Rule::priority).containsExactlyInAnyOrder("10", "20");
      for (Rule rule : rules) {
        String path = rule.conditions().get(0).pathPatternConfig().values().get(0);
        assertThat(path)
            .isEqualTo(
                rule.priority().equals("10") ? "/oauth2/authorization/*" : "/login/oauth2/code/*");
        assertThat(groupOf(elb, rule.actions().get(0).targetGroupArn())).isEqualTo("backend:8080");
      }

      List<ResourceRecordSet> records = records();
      assertThat(records)
          .filteredOn(r -> r.typeAsString().equals("CNAME"))
          .hasSize(1)
          .allSatisfy(r -> assertThat(r.name()).startsWith("_").endsWith(".example.com."));
      for (String name : List.of("example.com.", "www.example.com.")) {
        ResourceRecordSet alias =
            records.stream()
                .filter(r -> r.name().equals(name) && r.typeAsString().equals("A"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no A record " + name));
        assertThat(alias.aliasTarget().hostedZoneId()).isEqualTo(alb.canonicalHostedZoneId());
        assertThat(alias.aliasTarget().dnsName())
            .isEqualTo("dualstack." + alb.dnsName().toLowerCase());
      }
    }

    ElbctlRun.Result second =
        elbctl.run("apply", spec.toString(), "--yes", "--stats", "--output", "json");
    assertThat(second.code()).as(second.toString()).isZero();
    JsonNode secondJson = JSON.readTree(second.out());
    assertThat(secondJson.get("applied").asBoolean()).isFalse();
    assertThat(secondJson.at("/stats/mutating").asInt()).as(second.toString()).isZero();
    assertThat(secondJson.at("/stats/calls").asInt()).isLessThanOrEqualTo(15);
    assertThat(second.err()).contains("No changes.");

    ElbctlRun.Result plan =
        elbctl.run("plan", spec.toString(), "--detailed-exitcode", "--stats", "--output", "json");
    assertThat(plan.code()).as(plan.toString()).isZero();
    JsonNode planJson = JSON.readTree(plan.out());
    assertThat(planJson.get("changes")).isEmpty();
    assertThat(planJson.at("/stats/calls").asInt()).isLessThanOrEqualTo(15);
    assertThat(planJson.at("/stats/mutating").asInt()).isZero();
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      assertThat(elb.describeLoadBalancers().loadBalancers()).hasSize(1);
    }
  }

  @Test
  void plan_textOutput_showsCreatesThenNoChanges_withStats() {
    Path spec = elbctl.spec(s -> {});
    ElbctlRun.Result before = elbctl.run("plan", spec.toString(), "--detailed-exitcode", "--stats");
    assertThat(before.code()).as(before.toString()).isEqualTo(2);
    assertThat(before.out())
        .contains("+ load balancer myapp-alb")
        .contains("+ rule 10 on HTTPS:443")
        .contains("Plan: 13 to create, 0 to update, 0 to delete.")
        .contains("AWS calls:")
        .contains("0 mutating");
    assertThat(elbctl.run("apply", spec.toString(), "--yes").code()).isZero();
    ElbctlRun.Result after = elbctl.run("plan", spec.toString(), "--detailed-exitcode");
    assertThat(after.code()).as(after.toString()).isZero();
    assertThat(after.out()).contains("No changes.");
  }

  @Test
  void addingARule_isPlannedAsOneCreate_andConverges() throws Exception {
    applyBase();
    Path changed =
        elbctl.spec(
            s -> {
              ObjectNode rule = rules(s).addObject();
              rule.put("priority", 30);
              rule.putObject("conditions").putArray("pathPatterns").add("/api/*");
              rule.putObject("action").put("type", "forward").put("targetGroup", "backend");
            });
    assertSingleChange(changed, "rules", "create", "rule 30 on HTTPS:443");
    converge(changed);
    assertThat(livePriorities()).containsExactlyInAnyOrder("10", "20", "30");
  }

  @Test
  void changingAHealthCheckPath_isPlannedAsOneUpdate_andConverges() throws Exception {
    applyBase();
    Path changed =
        elbctl.spec(s -> ((ObjectNode) s.at("/targetGroups/1/healthCheck")).put("path", "/health"));
    JsonNode change =
        assertSingleChange(changed, "target-groups", "update", "target group backend");
    assertThat(change.get("fields"))
        .hasSize(1)
        .first()
        .satisfies(
            f -> {
              assertThat(f.get("name").asText()).isEqualTo("healthCheck.path");
              assertThat(f.get("old").asText()).isEqualTo("/actuator/health");
              assertThat(f.get("new").asText()).isEqualTo("/health");
            });
    converge(changed);
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      assertThat(
              elb.describeTargetGroups(r -> r.names("backend"))
                  .targetGroups()
                  .get(0)
                  .healthCheckPath())
          .isEqualTo("/health");
    }
  }

  @Test
  void changingAPriority_movesTheRule_andConverges() throws Exception {
    applyBase();
    String before = ruleArnAt("20");
    Path changed = elbctl.spec(s -> ((ObjectNode) rules(s).get(1)).put("priority", 30));
    JsonNode change = assertSingleChange(changed, "rules", "update", "rule 20 on HTTPS:443");
    assertThat(change.at("/fields/0/old").asText()).isEqualTo("20");
    assertThat(change.at("/fields/0/new").asText()).isEqualTo("30");
    converge(changed);
    assertThat(livePriorities()).containsExactlyInAnyOrder("10", "30");
    assertThat(ruleArnAt("30")).as("the same rule moved").isEqualTo(before);
  }

  @Test
  void swappingTwoPriorities_goesThroughAFreePriority_andConverges() throws Exception {
    applyBase();
    String ten = ruleArnAt("10");
    String twenty = ruleArnAt("20");
    Path changed =
        elbctl.spec(
            s -> {
              ((ObjectNode) rules(s).get(0)).put("priority", 20);
              ((ObjectNode) rules(s).get(1)).put("priority", 10);
            });
    ElbctlRun.Result plan =
        elbctl.run("plan", changed.toString(), "--detailed-exitcode", "--output", "json");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(2);
    assertThat(JSON.readTree(plan.out()).get("changes")).hasSize(3);
    converge(changed);
    assertThat(ruleArnAt("20")).isEqualTo(ten);
    assertThat(ruleArnAt("10")).isEqualTo(twenty);
  }

  @Test
  void removingARule_deletesOnlyThatRule_andConverges() throws Exception {
    applyBase();
    Path changed = elbctl.spec(s -> rules(s).remove(1));
    assertSingleChange(changed, "rules", "delete", "rule 20 on HTTPS:443");
    converge(changed);
    assertThat(livePriorities()).containsExactly("10");
  }

  @Test
  void theSixStepsRunAloneInOrder_reachTheSameStateAsApply() throws Exception {
    Path spec = elbctl.spec(s -> {});
    for (String step :
        List.of("domain", "certificate", "target-groups", "load-balancer", "rules", "dns")) {
      ElbctlRun.Result result = elbctl.run(step, spec.toString());
      assertThat(result.code()).as(step + "\n" + result).isZero();
    }
    ElbctlRun.Result plan = elbctl.run("plan", spec.toString(), "--detailed-exitcode");
    assertThat(plan.code()).as(plan.toString()).isZero();
    ElbctlRun.Result again = elbctl.run("rules", spec.toString(), "--stats");
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("no changes").contains(" 0 mutating");
  }

  @Test
  void apply_refusesAForeignTargetGroup_withExitCode6() {
    String vpc;
    try (Ec2Client ec2 =
        Ec2Client.builder()
            .region(Region.of(REGION))
            .endpointOverride(java.net.URI.create(emulator.endpoint()))
            .build()) {
      vpc =
          ec2.describeVpcs(r -> r.filters(f -> f.name("isDefault").values("true")))
              .vpcs()
              .get(0)
              .vpcId();
    }
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      elb.createTargetGroup(r -> r.name("backend").protocol("HTTP").port(8080).vpcId(vpc));
    }
    ElbctlRun.Result result = elbctl.run("apply", elbctl.spec(s -> {}).toString(), "--yes");
    assertThat(result.code()).as(result.toString()).isEqualTo(6);
    assertThat(result.err())
        .contains("refused: target group backend exists but was not created for spec myapp");
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
    }
  }

  @Test
  void apply_withoutHostedZone_failsWithOneSentence() {
    Path spec = specText(text -> text.replace("example.com", "example.org"));
    ElbctlRun.Result result = elbctl.run("apply", spec.toString(), "--yes");
    assertThat(result.code()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .contains("elbctl: refused: no public Route 53 hosted zone is named example.org.")
        .doesNotContain("Exception");
  }

  @Test
  void apply_notOnATerminal_needsYes() {
    ElbctlRun.Result result = elbctl.run("apply", elbctl.spec(s -> {}).toString());
    assertThat(result.code()).isEqualTo(4);
    assertThat(result.err()).contains("apply needs --yes");
  }

  @Test
  void endpointUrlFlag_overridesTheEnvironment_andAwsErrorsAreOneSentence() {
    ElbctlRun.Result result =
        elbctl.runWithEnv(
            Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
            "plan",
            elbctl.spec(s -> {}).toString(),
            "--endpoint-url",
            emulator.endpoint());
    assertThat(result.code()).as(result.toString()).isZero();
  }

  @Test
  void anAwsError_isOneSentenceWithTheErrorCode_andExitCode1() {
    Path spec =
        elbctl.spec(
            s ->
                ((ObjectNode) s.get("network"))
                    .putArray("subnets")
                    .add("subnet-0000000000000000a")
                    .add("subnet-0000000000000000b"));
    ElbctlRun.Result result = elbctl.run("apply", spec.toString(), "--yes");
    assertThat(result.code()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .containsPattern("elbctl: AWS refused CreateLoadBalancer: .* \\([\\w.]+\\)\\.")
        .doesNotContain("\tat ");
  }

  @Test
  void anUnknownProfile_failsBeforeAnyCall() {
    ElbctlRun.Result result =
        elbctl.run("plan", elbctl.spec(s -> {}).toString(), "--profile", "no-such-profile-here");
    assertThat(result.code()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .contains("elbctl: no AWS credentials found: use --profile NAME")
        .doesNotContain("\tat ");
  }

  // ---------------------------------------------------------------- helpers

  private void applyBase() {
    ElbctlRun.Result result = elbctl.run("apply", elbctl.spec(s -> {}).toString(), "--yes");
    assertThat(result.code()).as(result.toString()).isZero();
  }

  private JsonNode assertSingleChange(Path spec, String step, String action, String resource)
      throws IOException {
    ElbctlRun.Result plan =
        elbctl.run("plan", spec.toString(), "--detailed-exitcode", "--output", "json");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(2);
    JsonNode changes = JSON.readTree(plan.out()).get("changes");
    assertThat(changes).as(plan.out()).hasSize(1);
    JsonNode change = changes.get(0);
    assertThat(change.get("step").asText()).isEqualTo(step);
    assertThat(change.get("action").asText()).isEqualTo(action);
    assertThat(change.get("resource").asText()).isEqualTo(resource);
    return change;
  }

  private void converge(Path spec) throws IOException {
    ElbctlRun.Result apply =
        elbctl.run("apply", spec.toString(), "--yes", "--stats", "--output", "json");
    assertThat(apply.code()).as(apply.toString()).isZero();
    ElbctlRun.Result plan = elbctl.run("plan", spec.toString(), "--detailed-exitcode");
    assertThat(plan.code()).as(plan.toString()).isZero();
    ElbctlRun.Result again =
        elbctl.run("apply", spec.toString(), "--yes", "--stats", "--output", "json");
    assertThat(JSON.readTree(again.out()).at("/stats/mutating").asInt()).isZero();
  }

  private List<String> livePriorities() {
    return liveRules().stream().map(Rule::priority).toList();
  }

  private String ruleArnAt(String priority) {
    return liveRules().stream()
        .filter(r -> r.priority().equals(priority))
        .findFirst()
        .orElseThrow()
        .ruleArn();
  }

  private List<Rule> liveRules() {
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      String lb = elb.describeLoadBalancers().loadBalancers().get(0).loadBalancerArn();
      String listener =
          elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().stream()
              .filter(l -> l.port() == 443)
              .findFirst()
              .orElseThrow()
              .listenerArn();
      return elb.describeRules(r -> r.listenerArn(listener)).rules().stream()
          .filter(r -> !r.isDefault())
          .toList();
    }
  }

  private static String groupOf(ElasticLoadBalancingV2Client elb, String arn) {
    var group = elb.describeTargetGroups(r -> r.targetGroupArns(arn)).targetGroups().get(0);
    return group.targetGroupName() + ":" + group.port();
  }

  private List<ResourceRecordSet> records() {
    try (var route53 = emulator.route53()) {
      return route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)).resourceRecordSets();
    }
  }

  private static ArrayNode rules(JsonNode spec) {
    return (ArrayNode) spec.at("/loadBalancer/listeners/1/rules");
  }

  private Path specText(java.util.function.UnaryOperator<String> edit) {
    try {
      Path file = Files.createTempFile(dir, "spec", ".json");
      Files.writeString(file, edit.apply(Files.readString(Path.of("examples/oauth2-split.json"))));
      return file;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
