package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.ExitCode;
import io.elbctl.cli.Cli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each wait of {@code apply} and {@code destroy} ends, at the command level, with exit code 5 and
 * one line on stderr that says what it waited for and what to run next, when AWS (moto behind
 * {@link RealisticAws}, with the awaited state held far beyond {@code --wait-timeout}) never gets
 * there; and running that command again, once AWS got there, finishes the job. It catches a timeout
 * message that does not say what to run next.
 */
class WaitTimeoutTest {
  private static final Path SPEC = Path.of("examples/oauth2-split.json");
  private static final Duration FOREVER = Duration.ofHours(1);
  private static final String APPLY_AGAIN =
      "run the same elbctl command again; it continues where this run stopped";
  private static final String DESTROY_AGAIN =
      "run elbctl destroy again; it continues where this run stopped";

  private static List<String> cleanApply;
  private static List<String> cleanDestroy;

  @BeforeAll
  static void cleanRuns() {
    cleanApply = CleanRuns.apply(SPEC, MotoPool.endpoint(1)).snapshot();
    cleanDestroy = CleanRuns.destroy(SPEC, MotoPool.endpoint(1)).snapshot();
  }

  @Test
  void apply_loadBalancerNeverActive_exits5_andApplyAgainConverges() {
    applyTimesOut(
        RealisticAws.Timing.NONE.withProvisioning(FOREVER),
        RealisticAws.PROVISIONING,
        "timed out after 2s waiting for load balancer myapp-alb to become active (last status:"
            + " provisioning); ");
  }

  @Test
  void apply_certificateNeverIssued_exits5_andApplyAgainConverges() {
    applyTimesOut(
        RealisticAws.Timing.NONE.withIssuance(FOREVER),
        RealisticAws.VALIDATING,
        "timed out after 2s waiting for ACM to issue the certificate for example.com,"
            + " *.example.com (DNS validation) (last status: PENDING_VALIDATION); ");
  }

  @Test
  void apply_dnsChangeNeverInsync_exits5_andApplyAgainConverges() {
    applyTimesOut(
        RealisticAws.Timing.NONE.withDnsPropagation(FOREVER),
        RealisticAws.PENDING,
        "timed out after 2s waiting for Route 53 to apply change ");
  }

  @Test
  void destroy_securityGroupStaysInUse_exits5_andDestroyAgainFinishes() {
    destroyTimesOut(
        RealisticAws.Timing.NONE.withInterfacesRelease(FOREVER),
        RealisticAws.DEPENDENCY,
        "the deleted load balancer's network interfaces still use it");
  }

  @Test
  void destroy_targetGroupStaysInUse_exits5_andDestroyAgainFinishes() {
    destroyTimesOut(
        RealisticAws.Timing.NONE.withListenerRelease(FOREVER),
        RealisticAws.IN_USE,
        "a listener or rule still forwards to it");
  }

  /**
   * A fresh apply under {@code timing} stops at the wait {@code sentence} starts with; a second
   * apply with AWS there leaves the clean run's account.
   */
  private static void applyTimesOut(RealisticAws.Timing timing, String met, String sentence) {
    RealisticAws aws = new RealisticAws(timing);
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(0), SPEC).withZone()) {
      sandbox.proxy.behave(aws);
      Cli.Result timedOut = sandbox.apply("--wait-timeout", "2s");
      assertTimedOut(timedOut, sentence, APPLY_AGAIN);
      assertThat(aws.met()).containsKey(met);

      sandbox.proxy.behave(new RealisticAws(RealisticAws.Timing.NONE));
      Cli.Result again = sandbox.apply();
      assertThat(again.exitCode()).as(again.toString()).isZero();
      assertThat(sandbox.snapshot()).isEqualTo(cleanApply);
    }
  }

  /**
   * A destroy under {@code timing} waits for the resource AWS calls in use ({@code why}), stops at
   * its wait timeout, and a second destroy with AWS done leaves what a clean destroy leaves.
   */
  private static void destroyTimesOut(RealisticAws.Timing timing, String met, String why) {
    try (Sandbox sandbox = CleanRuns.applied(SPEC, MotoPool.endpoint(0))) {
      RealisticAws aws = new RealisticAws(timing);
      sandbox.proxy.behave(aws);
      Cli.Result timedOut =
          sandbox.run("destroy", SPEC.toString(), "--yes", "--wait-timeout", "2s");
      assertThat(timedOut.out()).as(timedOut.toString()).contains("is still in use: " + why);
      assertTimedOut(timedOut, "timed out after 2s waiting for ", DESTROY_AGAIN);
      assertThat(timedOut.err()).contains("to be released (" + why);
      assertThat(aws.met()).containsKey(met);

      sandbox.proxy.behave(new RealisticAws(RealisticAws.Timing.NONE));
      Cli.Result again = sandbox.destroy();
      assertThat(again.exitCode()).as(again.toString()).isZero();
      assertThat(sandbox.snapshot()).isEqualTo(cleanDestroy);
      Cli.Result third = sandbox.destroy();
      assertThat(third.out()).as(third.toString()).contains("Nothing to destroy.");
    }
  }

  /**
   * Exit code 5 and, besides the spec's and doctor's warnings printed before the run, one line on
   * stderr: what timed out, and the command to run next.
   */
  private static void assertTimedOut(Cli.Result result, String sentence, String next) {
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.TIMEOUT.code);
    List<String> errors =
        result.err().lines().filter(l -> !l.isBlank() && !l.contains("warning: ")).toList();
    assertThat(errors).as(result.toString()).hasSize(1);
    assertThat(errors.get(0))
        .as(result.toString())
        .startsWith("elbctl: " + sentence)
        .contains(next)
        .endsWith(".");
  }
}
