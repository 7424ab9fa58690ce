package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.aws.ElbctlRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code simulate --live} against the console-built ALB ({@link ConsoleBuiltAlb}) whose backend
 * target the proxy reports unhealthy: the explanation is the offline one for the same rules and
 * health, and a spec that routes differently is shown to.
 */
class SimulateLiveTest extends OnConsoleBuiltAlb {
  private static final String OAUTH = "/login/oauth2/code/google";

  private Path imported;

  @BeforeEach
  void importIt() {
    imported = dir.resolve("imported.json");
    Result result =
        run(
            "import",
            "--load-balancer",
            ConsoleBuiltAlb.NAME,
            "--region",
            ElbctlRun.REGION,
            "-o",
            imported.toString());
    assertThat(result.code()).as(result.toString()).isZero();
    proxy.faults(FaultProxy.Faults.NONE);
  }

  @Test
  void live_routesThroughTheLiveRulesAndHealth_explainedAsOffline() {
    Result live =
        run(
            "simulate",
            "--live",
            "--load-balancer",
            ConsoleBuiltAlb.NAME,
            "--region",
            ElbctlRun.REGION,
            OAUTH);
    assertThat(live.code()).as(live.toString()).isZero();
    assertThat(live.out()).contains("backend").contains("unhealthy");
    assertThat(proxy.calls()).as("read-only").noneMatch(FaultProxy.Call::mutating);

    Result offline =
        run("simulate", "-f", imported.toString(), "--target-health", "backend=unhealthy", OAUTH);
    assertThat(live.out()).isEqualTo(offline.out());

    Result frontend =
        run(
            "simulate",
            "--live",
            "--load-balancer",
            ConsoleBuiltAlb.NAME,
            "--region",
            ElbctlRun.REGION,
            "--output",
            "json",
            "/");
    assertThat(frontend.json().toString()).contains("\"frontend\"").contains("\"healthy\"");
  }

  @Test
  void loadBalancerWithoutLive_isAUsageError() {
    Result result = run("simulate", "--load-balancer", ConsoleBuiltAlb.NAME, "/");
    assertThat(result.code()).isEqualTo(4);
    assertThat(result.err().strip())
        .isEqualTo(
            "elbctl: --load-balancer and --hosted-zone name a live load balancer: add --live");
  }

  @Test
  void liveWithASpec_showsWhereTheSpecDecidesDifferently() throws Exception {
    ObjectNode spec = (ObjectNode) ElbctlRun.JSON.readTree(imported.toFile());
    ((ArrayNode) spec.at("/loadBalancer/listeners/1/rules")).remove(1);
    Path edited = dir.resolve("edited.json");
    Files.writeString(edited, spec.toString());

    Result same = run("simulate", "--live", "-f", imported.toString(), OAUTH);
    assertThat(same.code()).as(same.toString()).isZero();
    assertThat(same.out()).contains("live load balancer console-alb").contains("decides the same.");

    Result differs = run("simulate", "--live", "-f", edited.toString(), OAUTH);
    assertThat(differs.code()).as(differs.toString()).isZero();
    assertThat(differs.out())
        .contains("The spec console-alb decides differently:")
        .contains("matched: live rule 2, spec default action")
        .contains("outcome: live forward backend, spec forward frontend")
        .contains("fail-open: live true, spec false");

    Result json = run("simulate", "--live", "-f", edited.toString(), "--output", "json", OAUTH);
    JsonNode document = json.json();
    assertThat(document.get("differences")).hasSize(3);
    assertThat(document.at("/live/matched/priority").asInt()).isEqualTo(2);
    assertThat(document.at("/spec/matched/priority").asText()).isEqualTo("default");
  }
}
