package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.elbctl.Await;
import io.elbctl.LoopbackDns;
import io.elbctl.aws.ElbctlRun.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code elbctl status} of the console-built ALB ({@link ConsoleBuiltAlb}), through a proxy that
 * answers DescribeTargetHealth for the backend group as AWS does when its checks fail.
 */
class StatusTest extends OnConsoleBuiltAlb {

  @Test
  void status_showsEachTargetsHealthWithReason_certificate_andAliases() {
    Result status =
        run("status", "--load-balancer", ConsoleBuiltAlb.NAME, "--region", ElbctlRun.REGION);
    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(status.out())
        .contains("load balancer console-alb  active")
        .contains("target group backend")
        .contains(
            ConsoleBuiltAlb.TARGET
                + ":8080  unhealthy  "
                + UnhealthyTargets.REASON
                + "  "
                + UnhealthyTargets.DESCRIPTION)
        .contains(ConsoleBuiltAlb.TARGET + ":3000  healthy")
        .contains("certificate example.com  ISSUED")
        .contains("renewal")
        .contains("alias example.com. A  not checked")
        .doesNotContain("drift");
    assertThat(proxy.calls()).noneMatch(FaultProxy.Call::mutating);
  }

  @Test
  void aliases_areResolvedThroughTheDnsServerNamed_andOneElsewhereIsFlagged() throws Exception {
    try (LoopbackDns dns = new LoopbackDns()) {
      dns.a(alb.dnsName, "127.0.0.10", "127.0.0.11")
          .a("example.com", "127.0.0.11", "127.0.0.10")
          .a("www.example.com", "127.0.0.99");

      Result status =
          elbctl.runWithEnv(
              Map.of("AWS_ENDPOINT_URL", proxy.endpoint(), "ELBCTL_DNS_SERVER", dns.server()),
              "status",
              "--load-balancer",
              ConsoleBuiltAlb.NAME,
              "--region",
              ElbctlRun.REGION);

      assertThat(status.out())
          .as(status.toString())
          .containsPattern("alias example\\.com\\. A +resolves to it +127\\.0\\.0\\.1[01], 127")
          .containsPattern(
              "alias www\\.example\\.com\\. A +does not +127\\.0\\.0\\.99 \\(the load balancer"
                  + " has \\[127\\.0\\.0\\.10, 127\\.0\\.0\\.11\\]\\)");
    }
  }

  @Test
  void detailedExitcode_isTwoWithAnUnhealthyTarget_andJsonNamesIt() {
    Result status =
        run(
            "status",
            "--load-balancer",
            ConsoleBuiltAlb.NAME,
            "--region",
            ElbctlRun.REGION,
            "--detailed-exitcode",
            "--output",
            "json");
    assertThat(status.code()).as(status.toString()).isEqualTo(2);
    JsonNode json = status.json();
    JsonNode backend =
        json.get("targetGroups").findParents("name").stream()
            .filter(g -> g.get("name").asText().equals("backend"))
            .findFirst()
            .orElseThrow();
    assertThat(backend.at("/targets/0/state").asText()).isEqualTo("unhealthy");
    assertThat(backend.at("/targets/0/reason").asText()).isEqualTo(UnhealthyTargets.REASON);
    assertThat(json.get("problems").toString())
        .isEqualTo("[\"target " + ConsoleBuiltAlb.TARGET + ":8080 of backend is unhealthy\"]");
    assertThat(json.at("/loadBalancer/state").asText()).isEqualTo("active");
    assertThat(json.at("/certificates/0/status").asText()).isEqualTo("ISSUED");

    proxy.behave(FaultProxy.Behaviour.MOTO);
    Result healthy =
        run(
            "status",
            "--load-balancer",
            ConsoleBuiltAlb.NAME,
            "--region",
            ElbctlRun.REGION,
            "--detailed-exitcode");
    assertThat(healthy.code()).as(healthy.toString()).isZero();
  }

  @Test
  void status_withTheImportedSpec_summarisesDrift() throws Exception {
    Path spec = dir.resolve("imported.json");
    Result imported =
        run(
            "import",
            "--load-balancer",
            ConsoleBuiltAlb.NAME,
            "--region",
            ElbctlRun.REGION,
            "-o",
            spec.toString());
    assertThat(imported.code()).as(imported.toString()).isZero();
    Result adopt = run("status", "-f", spec.toString());
    assertThat(adopt.code()).as(adopt.toString()).isZero();
    assertThat(adopt.out()).contains("drift  ").doesNotContain("drift  none");
    assertThat(run("apply", spec.toString(), "--yes", "--adopt").code()).isZero();

    Result status = run("status", "-f", spec.toString());
    assertThat(status.out()).as(status.toString()).contains("drift  none: the live setup matches");
  }

  @ParameterizedTest(name = "on a terminal: {0}")
  @ValueSource(booleans = {true, false})
  void watch_readsAgainEverySecond_untilStopped_redrawingInPlaceOnATerminal(boolean terminal)
      throws Exception {
    StringWriter out = new StringWriter();
    Thread watcher =
        new Thread(
            () ->
                io.elbctl.cli.Main.run(
                    new String[] {
                      "status",
                      "--load-balancer",
                      ConsoleBuiltAlb.NAME,
                      "--region",
                      ElbctlRun.REGION,
                      "--watch",
                      "1"
                    },
                    new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true),
                    Map.of("AWS_ENDPOINT_URL", proxy.endpoint()),
                    new io.elbctl.cli.Terminal(terminal, false)));
    int before = calls("DescribeTargetHealth");
    watcher.start();
    Await.until(() -> count(out.toString(), "load balancer console-alb") >= 2, "two status frames");
    watcher.interrupt();
    watcher.join(10_000);
    assertThat(watcher.isAlive()).isFalse();
    String frames = out.toString();
    int drawn = count(frames, "load balancer console-alb");
    assertThat(drawn).isGreaterThanOrEqualTo(2);
    assertThat(calls("DescribeTargetHealth") - before).isGreaterThanOrEqualTo(2 * drawn);
    if (terminal) {
      // Each frame clears the screen and starts at its top left corner instead of scrolling.
      assertThat(frames).startsWith("\u001b[H\u001b[2J");
      assertThat(count(frames, "\u001b[H\u001b[2J")).isEqualTo(drawn);
    } else {
      // Into a file or a pipe: frames one after the other, a blank line between, no escapes.
      assertThat(frames).doesNotContain("\u001b");
      assertThat(frames.split("\n\n(?=load balancer console-alb)", -1)).hasSize(drawn);
    }
  }

  private int calls(String operation) {
    return (int) proxy.calls().stream().filter(c -> c.operation().equals(operation)).count();
  }

  @Test
  void status_ofNoSuchLoadBalancer_isOneSentenceExitOne() {
    Result missing = run("status", "--load-balancer", "nope", "--region", ElbctlRun.REGION);
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err().lines().toList())
        .isEqualTo(
            List.of(
                "elbctl: no load balancer nope in region "
                    + ElbctlRun.REGION
                    + " (check the name and --region)."));
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
