package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.elbctl.aws.ElbctlRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code elbctl import} of an ALB built the way the console builds it ({@link ConsoleBuiltAlb}),
 * and the round trip: the imported spec validates, plan --adopt shows only adoptions, apply --adopt
 * then plan shows no change, and simulate routes as the live rules do.
 */
class ImportTest extends OnExampleAccount {
  private ConsoleBuiltAlb alb;

  @BeforeEach
  void buildAlb() {
    alb = ConsoleBuiltAlb.build(account);
  }

  private Result importTo(Path file, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "import",
                "--load-balancer",
                ConsoleBuiltAlb.NAME,
                "--region",
                ElbctlRun.REGION,
                "-o",
                file.toString()));
    args.addAll(List.of(extra));
    return elbctl.run(args.toArray(String[]::new));
  }

  @Test
  void import_consoleBuiltAlb_writesAValidSpecOfItsRoutingAndNames() throws Exception {
    Path file = dir.resolve("imported.json");
    Result imported = importTo(file);
    assertThat(imported.code()).as(imported.toString()).isZero();
    assertThat(imported.err()).contains("Wrote " + file + ".").doesNotContain("warning");

    JsonNode spec = ElbctlRun.JSON.readTree(file.toFile());
    assertThat(spec.has("importNotes")).as("a complete import has no notes").isFalse();
    assertThat(spec.get("name").asText()).isEqualTo(ConsoleBuiltAlb.NAME);
    assertThat(spec.get("region").asText()).isEqualTo(ElbctlRun.REGION);
    assertThat(spec.at("/domain/hostedZone").asText()).isEqualTo("example.com");
    assertThat(spec.at("/domain/records").toString())
        .isEqualTo("[\"example.com\",\"www.example.com\"]");
    assertThat(spec.at("/certificate/domainName").asText()).isEqualTo("example.com");
    assertThat(spec.at("/certificate/subjectAlternativeNames").toString())
        .isEqualTo("[\"*.example.com\"]");
    JsonNode https = spec.at("/loadBalancer/listeners/1");
    assertThat(https.get("port").asInt()).isEqualTo(443);
    assertThat(https.get("sslPolicy").asText()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
    assertThat(https.at("/defaultAction/targetGroup").asText()).isEqualTo("frontend");
    assertThat(https.at("/rules/0/priority").asInt()).isEqualTo(1);
    assertThat(https.at("/rules/0/conditions/pathPatterns/0").asText())
        .isEqualTo("/oauth2/authorization/*");
    assertThat(https.at("/rules/1/priority").asInt()).isEqualTo(2);
    assertThat(https.at("/rules/1/action/targetGroup").asText()).isEqualTo("backend");
    assertThat(spec.at("/loadBalancer/listeners/0/defaultAction/type").asText())
        .isEqualTo("redirect");
    assertThat(spec.get("targetGroups"))
        .hasSize(2)
        .anySatisfy(
            g -> {
              assertThat(g.get("name").asText()).isEqualTo("backend");
              assertThat(g.get("port").asInt()).isEqualTo(8080);
              assertThat(g.at("/healthCheck/path").asText()).isEqualTo("/actuator/health");
              assertThat(g.at("/targets/0/id").asText()).isEqualTo(ConsoleBuiltAlb.TARGET);
            });
    assertThat(spec.at("/network/securityGroups")).hasSize(1);

    Result validate = elbctl.run("validate", file.toString());
    assertThat(validate.code()).as(validate.toString()).isZero();
  }

  @Test
  void importedSpec_roundTrips_adoptOnly_thenNoChanges_andRoutesLikeTheLiveRules()
      throws Exception {
    Path file = dir.resolve("imported.json");
    assertThat(importTo(file).code()).isZero();

    Result adoptPlan = elbctl.run("plan", file.toString(), "--adopt", "--output", "json");
    assertThat(adoptPlan.code()).as(adoptPlan.toString()).isZero();
    JsonNode changes = adoptPlan.json().get("changes");
    assertThat(changes).as(adoptPlan.toString()).isNotEmpty();
    for (JsonNode change : changes) {
      assertThat(change.get("fields"))
          .as("only adoptions: %s", change)
          .allSatisfy(f -> assertThat(f.get("name").asText()).isEqualTo("owner (adopt)"));
    }
    assertThat(adoptPlan.json().at("/summary/create").asInt()).isZero();
    assertThat(adoptPlan.json().at("/summary/delete").asInt()).isZero();

    Result apply = elbctl.run("apply", file.toString(), "--yes", "--adopt");
    assertThat(apply.code()).as(apply.toString()).isZero();
    Result plan = elbctl.run("plan", file.toString(), "--detailed-exitcode");
    assertThat(plan.code()).as(plan.toString()).isZero();
    assertThat(plan.out()).contains("No changes.");

    Result oauth = elbctl.run("simulate", "-f", file.toString(), "/login/oauth2/code/google");
    assertThat(oauth.out()).as(oauth.toString()).contains("backend").contains("priority 2");
    Result root = elbctl.run("simulate", "-f", file.toString(), "/");
    assertThat(root.out()).as(root.toString()).contains("frontend");
    Result http = elbctl.run("simulate", "-f", file.toString(), "http://example.com/x");
    assertThat(http.out()).as(http.toString()).contains("https://example.com:443/x");
  }

  @Test
  void import_keepsAnSniCertificate_andAnAuthenticateAction_namingTheSecretsVariable()
      throws Exception {
    try (var acm = emulator.acm(ElbctlRun.REGION);
        var elb = emulator.elb(ElbctlRun.REGION)) {
      String admin =
          acm.requestCertificate(r -> r.domainName("admin.example.com").validationMethod("DNS"))
              .certificateArn();
      elb.addListenerCertificates(
          r -> r.listenerArn(alb.httpsListenerArn).certificates(c -> c.certificateArn(admin)));
      elb.createRule(
          r ->
              r.listenerArn(alb.httpsListenerArn)
                  .priority(3)
                  .conditions(
                      c -> c.field("path-pattern").pathPatternConfig(v -> v.values("/account/*")))
                  .actions(
                      a ->
                          a.type("authenticate-oidc")
                              .order(1)
                              .authenticateOidcConfig(
                                  o ->
                                      o.issuer("https://idp.example.com")
                                          .authorizationEndpoint("https://idp.example.com/auth")
                                          .tokenEndpoint("https://idp.example.com/token")
                                          .userInfoEndpoint("https://idp.example.com/userinfo")
                                          .clientId("shop")
                                          .clientSecret("never-returned")
                                          .onUnauthenticatedRequest("deny")),
                      a -> a.type("forward").order(2).targetGroupArn(alb.backendArn)));
    }
    Path file = dir.resolve("imported.json");
    Result imported = importTo(file);
    assertThat(imported.code()).as(imported.toString()).isZero();

    JsonNode spec = ElbctlRun.JSON.readTree(file.toFile());
    assertThat(spec.get("importNotes").toString())
        .as(imported.toString())
        .isEqualTo(
            "[\"listeners[443].rules[priority 3].authenticate.clientSecret: AWS does not return"
                + " the client secret; OIDC_CLIENT_SECRET must hold it before apply\"]");
    JsonNode https = spec.at("/loadBalancer/listeners/1");
    assertThat(https.at("/certificates/0/domainName").asText()).isEqualTo("admin.example.com");
    JsonNode rule = https.at("/rules/2");
    assertThat(rule.get("priority").asInt()).isEqualTo(3);
    assertThat(rule.at("/authenticate/type").asText()).isEqualTo("oidc");
    assertThat(rule.at("/authenticate/issuer").asText()).isEqualTo("https://idp.example.com");
    assertThat(rule.at("/authenticate/onUnauthenticatedRequest").asText()).isEqualTo("deny");
    assertThat(rule.at("/authenticate/clientSecret").toString())
        .isEqualTo("{\"env\":\"OIDC_CLIENT_SECRET\"}");
    assertThat(rule.at("/action/targetGroup").asText()).isEqualTo("backend");
    assertThat(imported.toString()).doesNotContain("never-returned");
    Result validate = elbctl.run("validate", file.toString());
    assertThat(validate.code()).as(validate.toString()).isZero();
  }

  @Test
  void import_neverOverwritesWithoutForce_andWritesToStdoutWithoutAFile() throws Exception {
    Path file = dir.resolve("taken.json");
    Files.writeString(file, "mine");
    Result refused = importTo(file);
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err().strip())
        .isEqualTo("elbctl: " + file + " exists; use --force to overwrite it.");
    assertThat(Files.readString(file)).isEqualTo("mine");

    assertThat(importTo(file, "--force").code()).isZero();
    assertThat(Files.readString(file)).contains("\"console-alb\"");
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .as("no temporary file left behind")
          .noneMatch(n -> n.endsWith(".tmp"));
    }

    Result stdout =
        elbctl.run("import", "--load-balancer", alb.loadBalancerArn, "--region", ElbctlRun.REGION);
    assertThat(stdout.code()).as(stdout.toString()).isZero();
    assertThat(stdout.json().get("name").asText()).isEqualTo(ConsoleBuiltAlb.NAME);
  }

  @Test
  void import_ofNoSuchLoadBalancer_isOneSentenceExitOne() {
    Result missing = elbctl.run("import", "--load-balancer", "nope", "--region", ElbctlRun.REGION);
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err().strip())
        .isEqualTo(
            "elbctl: no load balancer nope in region "
                + ElbctlRun.REGION
                + " (check the name and --region).");
    assertThat(missing.out()).isEmpty();
  }
}
