package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * An authenticate-oidc action provisioned end to end against the emulator (moto keeps authenticate
 * actions), with the calls recorded by {@link RuleFeaturesAws}: the client secret is read from the
 * environment variable the spec names and sent only in CreateRule/ModifyRule, never printed; the
 * setup converges; a console edit is drift that apply repairs; a missing variable is one sentence
 * with exit code 4. An authenticate-cognito action is created from its user pool, converges, and a
 * console edit of its client id is drift that apply repairs.
 */
class AuthenticateProvisioningTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "s3cr3t-never-printed";
  private static final Map<String, String> ENV = Map.of("OIDC_SECRET", SECRET);

  @TempDir Path dir;

  @Test
  void oidcRule_isCreatedWithTheSecret_converges_andDriftIsRepaired() throws IOException {
    RuleFeaturesAws aws = new RuleFeaturesAws();
    Path spec = spec("openid");
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(0), spec).withZone()) {
      sandbox.proxy.behave(aws);
      Cli.Result created = sandbox.run(ENV, "apply", spec.toString(), "--yes");
      assertThat(created.exitCode()).as(created.toString()).isZero();
      assertThat(created.toString()).doesNotContain(SECRET);
      Map<String, String> create =
          aws.sent().stream()
              .filter(c -> "CreateRule".equals(c.get("Action")) && "10".equals(c.get("Priority")))
              .findFirst()
              .orElseThrow();
      assertThat(create)
          .containsEntry("Actions.member.1.Type", "authenticate-oidc")
          .containsEntry("Actions.member.1.Order", "1")
          .containsEntry("Actions.member.1.AuthenticateOidcConfig.ClientSecret", SECRET)
          .containsEntry(
              "Actions.member.1.AuthenticateOidcConfig.OnUnauthenticatedRequest", "authenticate")
          .containsEntry("Actions.member.2.Type", "forward")
          .containsEntry("Actions.member.2.Order", "2");

      Cli.Result plan =
          sandbox.run(ENV, "plan", spec.toString(), "--detailed-exitcode", "--output", "json");
      assertThat(plan.exitCode()).as(plan.toString()).isZero();

      // A console edit of the action is drift of the rule, shown without the secret.
      editAuthenticateAction(
          sandbox,
          a ->
              a.authenticateOidcConfig() == null
                  ? a
                  : a.toBuilder()
                      .authenticateOidcConfig(
                          a.authenticateOidcConfig().toBuilder()
                              .onUnauthenticatedRequest("deny")
                              .clientSecret(null)
                              .useExistingClientSecret(true)
                              .build())
                      .build());
      Cli.Result drift =
          sandbox.run(ENV, "plan", spec.toString(), "--detailed-exitcode", "--output", "json");
      assertThat(drift.exitCode()).as(drift.toString()).isEqualTo(2);
      assertThat(drift.toString()).doesNotContain(SECRET);
      JsonNode change = JSON.readTree(drift.out()).at("/changes/0");
      assertThat(change.at("/resource").asText()).isEqualTo("rule 10 on HTTPS:443");
      assertThat(change.at("/fields/0/name").asText()).isEqualTo("authenticate");
      assertThat(change.at("/fields/0/old").asText()).contains("unauthenticated: deny");
      assertThat(change.at("/fields/0/new").asText())
          .contains("unauthenticated: authenticate")
          .contains("secret $OIDC_SECRET");
      Cli.Result repaired = sandbox.run(ENV, "apply", spec.toString(), "--yes");
      assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
      assertThat(repaired.toString()).doesNotContain(SECRET);
      assertThat(sandbox.run(ENV, "plan", spec.toString(), "--detailed-exitcode").exitCode())
          .isZero();

      // A change to make without the variable: one sentence, exit code 4.
      Path scoped = spec("openid email");
      Cli.Result missing = sandbox.run("apply", scoped.toString(), "--yes");
      assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(4);
      assertThat(missing.err())
          .contains(
              "the environment variable OIDC_SECRET that holds the OIDC client secret for"
                  + " elbctl-app is not set");
    }
  }

  @Test
  void oidcRule_readsItsSecretFromSecretsManager_converges_andAMissingSecretIsOneSentence()
      throws IOException {
    RuleFeaturesAws aws = new RuleFeaturesAws();
    Path spec = spec("openid", "secretsManager", "oidc/elbctl-app");
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(0), spec).withZone();
        SecretsManagerClient secrets =
            AwsSnapshot.client(
                    SecretsManagerClient.builder(),
                    Region.of(sandbox.region),
                    sandbox.proxy.endpoint(),
                    sandbox.proxy.account())
                .build()) {
      sandbox.proxy.behave(aws);
      secrets.createSecret(r -> r.name("oidc/elbctl-app").secretString(SECRET));

      Cli.Result created = sandbox.run(Map.of(), "apply", spec.toString(), "--yes");
      assertThat(created.exitCode()).as(created.toString()).isZero();
      assertThat(created.toString())
          .doesNotContain(SECRET)
          .contains("secret from Secrets Manager oidc/elbctl-app");
      assertThat(
              aws.sent().stream()
                  .filter(
                      c -> "CreateRule".equals(c.get("Action")) && "10".equals(c.get("Priority")))
                  .findFirst()
                  .orElseThrow())
          .containsEntry("Actions.member.1.AuthenticateOidcConfig.ClientSecret", SECRET);
      Cli.Result plan = sandbox.run(Map.of(), "plan", spec.toString(), "--detailed-exitcode");
      assertThat(plan.exitCode()).as(plan.toString()).isZero();

      // A change to make while the secret it names does not exist: one sentence, exit code 4.
      Path missing = spec("openid email", "secretsManager", "oidc/missing");
      Cli.Result refused = sandbox.run(Map.of(), "apply", missing.toString(), "--yes");
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(4);
      assertThat(refused.err())
          .contains(
              "the Secrets Manager secret oidc/missing that holds the OIDC client secret for"
                  + " elbctl-app does not exist in "
                  + sandbox.region)
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
    }
  }

  /** The example spec with an authenticate-oidc action on rule 10, asking for {@code scope}. */
  @Test
  void cognitoRule_isCreatedFromItsUserPool_converges_andDriftIsRepaired() throws IOException {
    RuleFeaturesAws aws = new RuleFeaturesAws();
    JsonNode tree = JSON.readTree(Path.of("examples/oauth2-split.json").toFile());
    ObjectNode auth =
        ((ObjectNode) tree.at("/loadBalancer/listeners/1/rules/0")).putObject("authenticate");
    auth.put("type", "cognito")
        .put("userPoolArn", "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123")
        .put("userPoolClientId", "abc")
        .put("userPoolDomain", "myapp")
        .put("sessionTimeoutSeconds", 3600);
    Path spec = Files.createTempFile(dir, "spec", ".json");
    Files.writeString(spec, JSON.writeValueAsString(tree));
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(0), spec).withZone()) {
      sandbox.proxy.behave(aws);
      Cli.Result created = sandbox.run("apply", spec.toString(), "--yes");
      assertThat(created.exitCode()).as(created.toString()).isZero();
      assertThat(
              aws.sent().stream()
                  .filter(
                      c -> "CreateRule".equals(c.get("Action")) && "10".equals(c.get("Priority")))
                  .findFirst()
                  .orElseThrow())
          .containsEntry("Actions.member.1.Type", "authenticate-cognito")
          .containsEntry("Actions.member.1.AuthenticateCognitoConfig.UserPoolClientId", "abc")
          .containsEntry("Actions.member.1.AuthenticateCognitoConfig.UserPoolDomain", "myapp")
          .containsEntry("Actions.member.1.AuthenticateCognitoConfig.SessionTimeout", "3600")
          .containsEntry("Actions.member.2.Type", "forward");
      assertThat(sandbox.run("plan", spec.toString(), "--detailed-exitcode").exitCode())
          .as("converged")
          .isZero();

      editAuthenticateAction(
          sandbox,
          a ->
              a.authenticateCognitoConfig() == null
                  ? a
                  : a.toBuilder()
                      .authenticateCognitoConfig(
                          a.authenticateCognitoConfig().toBuilder()
                              .userPoolClientId("other")
                              .build())
                      .build());
      Cli.Result drift = sandbox.run("plan", spec.toString(), "--detailed-exitcode");
      assertThat(drift.exitCode()).as(drift.toString()).isEqualTo(2);
      assertThat(drift.out()).contains("rule 10 on HTTPS:443").contains("authenticate");
      Cli.Result repaired = sandbox.run("apply", spec.toString(), "--yes");
      assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
      assertThat(sandbox.run("plan", spec.toString(), "--detailed-exitcode").exitCode()).isZero();
    }
  }

  /**
   * A console edit of rule 10's actions on the HTTPS listener, each one changed by {@code edit}.
   */
  private static void editAuthenticateAction(Sandbox sandbox, UnaryOperator<Action> edit) {
    try (ElasticLoadBalancingV2Client elb = sandbox.elb()) {
      Rule rule = Sandbox.httpsRule(elb, "10");
      List<Action> edited = rule.actions().stream().map(edit).toList();
      elb.modifyRule(r -> r.ruleArn(rule.ruleArn()).conditions(rule.conditions()).actions(edited));
    }
  }

  private Path spec(String scope) throws IOException {
    return spec(scope, "env", "OIDC_SECRET");
  }

  /** As {@link #spec(String)}, its client secret read from {@code source} named {@code name}. */
  private Path spec(String scope, String source, String name) throws IOException {
    JsonNode tree = JSON.readTree(Path.of("examples/oauth2-split.json").toFile());
    ObjectNode rule = (ObjectNode) tree.at("/loadBalancer/listeners/1/rules/0");
    ObjectNode auth = rule.putObject("authenticate");
    auth.put("type", "oidc")
        .put("issuer", "https://idp.example.net")
        .put("authorizationEndpoint", "https://idp.example.net/authorize")
        .put("tokenEndpoint", "https://idp.example.net/token")
        .put("userInfoEndpoint", "https://idp.example.net/userinfo")
        .put("clientId", "elbctl-app")
        .put("scope", scope);
    auth.putObject("clientSecret").put(source, name);
    Path file = Files.createTempFile(dir, "spec", ".json");
    Files.writeString(file, JSON.writeValueAsString(tree));
    return file;
  }
}
