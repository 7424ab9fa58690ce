package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.cli.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * elbctl against moto behind {@link RealisticAws}: load balancers provisioning, validation records
 * late, new resources briefly invisible, Route 53 changes PENDING, security groups and target
 * groups in use for a while after what used them went. A fresh apply, a converged apply, each spec
 * change of {@link ProvisioningTest} and a destroy converge with the call budgets of the emulator
 * tests (polls are counted apart), and each behaviour was met. It catches a wait that takes AWS's
 * NotFound for a resource created moments ago as a refusal instead of polling on.
 */
class RealisticAwsTest {
  private static final Path SPEC = Path.of("examples/oauth2-split.json");

  /** The budgets of {@link ProvisioningTest}: calls outside waits. */
  private static final int FRESH_APPLY_CALLS = 45;

  private static final int CONVERGED_CALLS = 15;

  @TempDir Path dir;

  @Test
  void freshApply_convergedApply_andDestroy_copeWithAwsTiming() throws IOException {
    CleanRuns.Clean cleanApply = CleanRuns.apply(SPEC, MotoPool.endpoint(1));
    CleanRuns.Clean cleanDestroy = CleanRuns.destroy(SPEC, MotoPool.endpoint(1));
    RealisticAws aws = new RealisticAws(RealisticAws.Timing.SHORT);
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(0), SPEC).withZone()) {
      sandbox.proxy.behave(aws);

      JsonNode fresh = stats(sandbox.apply("--stats", "--output", "json"));
      assertThat(fresh.at("/calls").asInt()).isLessThanOrEqualTo(FRESH_APPLY_CALLS);
      assertThat(aws.met())
          .containsKeys(
              RealisticAws.PROVISIONING,
              RealisticAws.NO_RECORD,
              RealisticAws.NOT_FOUND,
              RealisticAws.PENDING);
      assertThat(sandbox.snapshot()).isEqualTo(cleanApply.snapshot());

      JsonNode converged = stats(sandbox.apply("--stats", "--output", "json"));
      assertThat(converged.at("/mutating").asInt()).isZero();
      assertThat(converged.at("/calls").asInt()).isLessThanOrEqualTo(CONVERGED_CALLS);

      sandbox.withForeign();
      Cli.Result destroy = sandbox.destroy();
      assertThat(destroy.exitCode()).as(destroy.toString()).isZero();
      assertThat(aws.met()).containsKeys(RealisticAws.DEPENDENCY, RealisticAws.IN_USE);
      assertThat(destroy.out())
          .contains("is still in use: the deleted load balancer's network interfaces still use it")
          .contains("is still in use: a listener or rule still forwards to it");
      assertThat(sandbox.snapshot()).isEqualTo(cleanDestroy.snapshot());
      Cli.Result again = sandbox.destroy();
      assertThat(again.out()).as(again.toString()).contains("Nothing to destroy.");
    }
  }

  @Test
  void eachSpecChange_convergesWithAwsTiming() {
    RealisticAws aws = new RealisticAws(RealisticAws.Timing.SHORT);
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(1), SPEC).withZone()) {
      sandbox.proxy.behave(aws);
      Cli.Result base = sandbox.apply();
      assertThat(base.exitCode()).as(base.toString()).isZero();
      converge(sandbox, spec(s -> addRule(s)));
      converge(
          sandbox,
          spec(
              s -> {
                addRule(s);
                ((ObjectNode) s.at("/targetGroups/1/healthCheck")).put("path", "/health");
              }));
      converge(sandbox, spec(s -> ((ObjectNode) rules(s).get(1)).put("priority", 30)));
      converge(
          sandbox,
          spec(
              s -> {
                ((ObjectNode) rules(s).get(0)).put("priority", 20);
                ((ObjectNode) rules(s).get(1)).put("priority", 10);
              }));
      converge(sandbox, spec(s -> rules(s).remove(1)));
    }
  }

  /** Applies {@code spec}, then plan shows no change and a second apply changes nothing. */
  private static void converge(Sandbox sandbox, Path spec) {
    Cli.Result apply =
        sandbox.run("apply", spec.toString(), "--yes", "--stats", "--output", "json");
    stats(apply);
    Cli.Result plan = sandbox.run("plan", spec.toString(), "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.toString()).isZero();
    JsonNode again =
        stats(sandbox.run("apply", spec.toString(), "--yes", "--stats", "--output", "json"));
    assertThat(again.at("/mutating").asInt()).isZero();
    assertThat(again.at("/calls").asInt()).isLessThanOrEqualTo(CONVERGED_CALLS);
  }

  private static JsonNode stats(Cli.Result result) {
    assertThat(result.exitCode()).as(result.toString()).isZero();
    try {
      return ElbctlRun.JSON.readTree(result.out()).get("stats");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void addRule(JsonNode spec) {
    ObjectNode rule = rules(spec).addObject();
    rule.put("priority", 40);
    rule.putObject("conditions").putArray("pathPatterns").add("/api/*");
    rule.putObject("action").put("type", "forward").put("targetGroup", "backend");
  }

  private static ArrayNode rules(JsonNode spec) {
    return (ArrayNode) spec.at("/loadBalancer/listeners/1/rules");
  }

  private Path spec(Consumer<JsonNode> edit) {
    try {
      JsonNode tree = ElbctlRun.JSON.readTree(SPEC.toFile());
      edit.accept(tree);
      Path file = Files.createTempFile(dir, "spec", ".json");
      Files.writeString(
          file, ElbctlRun.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
