package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * Rule transforms provisioned end to end. moto drops {@code Transforms} silently, so the calls go
 * through {@link RuleFeaturesAws}, which keeps them as AWS documents; moto still holds the rules.
 */
class RuleTransformsProvisioningTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STRIP =
      "{\"urlRewrite\": {\"regex\": \"^/oauth2/(.*)$\", \"replace\": \"/auth/$1\"},"
          + " \"hostHeaderRewrite\": {\"regex\": \"^example\\\\.com$\", \"replace\": \"backend.internal\"}}";

  @TempDir Path dir;

  @Test
  void transformsAreCreated_converge_driftIsRepaired_andRemovalResetsThem() throws IOException {
    RuleFeaturesAws aws = new RuleFeaturesAws();
    Path spec = spec(STRIP);
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(0), spec).withZone()) {
      sandbox.proxy.behave(aws);
      Cli.Result created = sandbox.apply();
      assertThat(created.exitCode()).as(created.toString()).isZero();
      Map<String, String> create =
          aws.sent().stream()
              .filter(c -> "CreateRule".equals(c.get("Action")) && "10".equals(c.get("Priority")))
              .findFirst()
              .orElseThrow();
      assertThat(create)
          .containsEntry("Transforms.member.1.Type", "host-header-rewrite")
          .containsEntry(
              "Transforms.member.1.HostHeaderRewriteConfig.Rewrites.member.1.Regex",
              "^example\\.com$")
          .containsEntry("Transforms.member.2.Type", "url-rewrite")
          .containsEntry(
              "Transforms.member.2.UrlRewriteConfig.Rewrites.member.1.Replace", "/auth/$1");
      assertThat(aws.sent().stream().filter(c -> "CreateRule".equals(c.get("Action"))))
          .as("a rule without transforms sends none")
          .anySatisfy(c -> assertThat(c.keySet()).noneMatch(k -> k.startsWith("Transforms")));
      assertConverged(sandbox, spec);

      // A console edit of the rewrite is drift, planned as one ModifyRule and repaired.
      try (ElasticLoadBalancingV2Client elb = sandbox.elb()) {
        Rule rule = Sandbox.httpsRule(elb, "10");
        assertThat(rule.transforms()).hasSize(2);
        elb.modifyRule(
            r ->
                r.ruleArn(rule.ruleArn())
                    .conditions(rule.conditions())
                    .transforms(
                        t ->
                            t.type("url-rewrite")
                                .urlRewriteConfig(
                                    u -> u.rewrites(w -> w.regex("^/(.*)$").replace("/x/$1")))));
      }
      Cli.Result drift =
          sandbox.run("plan", spec.toString(), "--detailed-exitcode", "--output", "json");
      assertThat(drift.exitCode()).as(drift.toString()).isEqualTo(2);
      JsonNode changes = JSON.readTree(drift.out()).get("changes");
      assertThat(changes).hasSize(1);
      assertThat(changes.at("/0/resource").asText()).isEqualTo("rule 10 on HTTPS:443");
      assertThat(changes.at("/0/fields/0/name").asText()).isEqualTo("transforms");
      assertThat(changes.at("/0/fields/0/old").asText()).isEqualTo("url ^/(.*)$ => /x/$1");
      assertThat(changes.at("/0/fields/0/new").asText())
          .isEqualTo("host ^example\\.com$ => backend.internal; url ^/oauth2/(.*)$ => /auth/$1");
      assertConverged(sandbox, spec);

      // Dropping the transforms from the spec resets them on the rule.
      Path plain = spec(null);
      Cli.Result reset = sandbox.run("apply", plain.toString(), "--yes");
      assertThat(reset.exitCode()).as(reset.toString()).isZero();
      assertThat(aws.sent().stream().filter(c -> "ModifyRule".equals(c.get("Action"))))
          .anySatisfy(c -> assertThat(c).containsEntry("ResetTransforms", "true"));
      try (ElasticLoadBalancingV2Client elb = sandbox.elb()) {
        assertThat(Sandbox.httpsRule(elb, "10").transforms()).isEmpty();
      }
      Cli.Result after = sandbox.run("plan", plain.toString(), "--detailed-exitcode");
      assertThat(after.exitCode()).as(after.toString()).isZero();
    }
  }

  @Test
  void import_writesTheLiveRulesTransformsIntoTheSpec() throws IOException {
    RuleFeaturesAws aws = new RuleFeaturesAws();
    Path spec = spec(STRIP);
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(0), spec).withZone()) {
      sandbox.proxy.behave(aws);
      Cli.Result created = sandbox.apply();
      assertThat(created.exitCode()).as(created.toString()).isZero();
      String name = JSON.readTree(spec.toFile()).at("/loadBalancer/name").asText();
      Cli.Result imported =
          sandbox.run("import", "--load-balancer", name, "--region", sandbox.region);
      assertThat(imported.exitCode()).as(imported.toString()).isZero();
      JsonNode tree = JSON.readTree(imported.out());
      assertThat(tree.at("/loadBalancer/listeners/1/rules/0/transforms"))
          .as(imported.out())
          .isEqualTo(JSON.readTree(STRIP));
      assertThat(tree.path("importNotes").toString()).doesNotContain("transform");
    }
  }

  private static void assertConverged(Sandbox sandbox, Path spec) {
    Cli.Result apply = sandbox.run("apply", spec.toString(), "--yes");
    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    Cli.Result plan = sandbox.run("plan", spec.toString(), "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.toString()).isZero();
  }

  /** The example spec, with {@code transforms} (JSON, or null for none) on rule 10. */
  private Path spec(String transforms) throws IOException {
    JsonNode tree = JSON.readTree(Path.of("examples/oauth2-split.json").toFile());
    ObjectNode rule = (ObjectNode) tree.at("/loadBalancer/listeners/1/rules/0");
    if (transforms != null) {
      rule.set("transforms", JSON.readTree(transforms));
    }
    Path file = Files.createTempFile(dir, "spec", ".json");
    Files.writeString(file, JSON.writeValueAsString(tree));
    return file;
  }
}
