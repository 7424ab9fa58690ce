package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.cli.Cli;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * With a share of calls answered by AWS throttling errors, 5xx errors or dropped connections
 * (injected by {@link FaultProxy} before the call reaches moto, in each service's own protocol),
 * apply and plan still converge, destroy removes exactly what a clean destroy does, and every retry
 * is announced on stderr.
 */
class ThrottlingTest {
  static final double RATE = 0.30;

  /** The band the share of faulted calls is kept in, and asserted to be in, in each run. */
  static final double MIN_SHARE = 0.25;

  static final double MAX_SHARE = 0.35;

  /** Enough calls for the share to mean something. */
  static final int MIN_CALLS = 40;

  private static final Path SPEC = Path.of("examples/canary-maintenance.json");

  @Test
  void apply_with25To35PercentOfCallsThrottledOrFailed_convergesAndSaysItIsRetrying() {
    CleanRuns.Clean clean = CleanRuns.apply(SPEC, MotoPool.endpoint(1));
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(0), SPEC).withZone()) {
      sandbox.proxy.faults(steady(new Random(0x7A11L)));

      Cli.Result apply = sandbox.apply();
      List<FaultProxy.Call> calls = sandbox.proxy.calls();
      long faulted = calls.stream().filter(c -> !c.fate().equals("forwarded")).count();

      assertThat(apply.exitCode()).as(apply.toString()).isZero();
      assertThat(apply.err())
          .containsPattern(
              "elbctl: AWS throttled \\w+ \\((Throttling|ThrottlingException"
                  + "|PriorRequestNotComplete|RequestLimitExceeded)\\); retrying \\(attempt 2 of 10\\)"
                  + " in \\d+\\.\\ds")
          .doesNotContain("\tat ");
      assertThat(sandbox.snapshot()).isEqualTo(clean.snapshot());
      Cli.Result plan = sandbox.run("plan", SPEC.toString(), "--detailed-exitcode");
      assertThat(plan.exitCode()).as(plan.toString()).isZero();
      long retries = apply.err().lines().filter(l -> l.contains("; retrying (attempt ")).count();
      assertThat(retries).as("one announced retry per injected error").isEqualTo(faulted);
      assertShare(faulted, calls);
    }
  }

  @Test
  void destroy_with25To35PercentOfCallsThrottledOrFailed_convergesAndSaysItIsRetrying() {
    CleanRuns.Clean clean = CleanRuns.destroy(SPEC, MotoPool.endpoint(1));
    try (Sandbox sandbox = CleanRuns.applied(SPEC, MotoPool.endpoint(0))) {
      sandbox.proxy.faults(steady(new Random(0xDE57L)));

      Cli.Result destroy = sandbox.destroy();
      List<FaultProxy.Call> calls = sandbox.proxy.calls();
      long faulted = calls.stream().filter(c -> !c.fate().equals("forwarded")).count();

      assertThat(destroy.exitCode()).as(destroy.toString()).isZero();
      assertThat(destroy.err()).contains("; retrying (attempt 2 of 10)").doesNotContain("\tat ");
      assertThat(sandbox.snapshot()).isEqualTo(clean.snapshot());
      sandbox.proxy.faults(FaultProxy.Faults.NONE);
      Cli.Result again = sandbox.destroy();
      assertThat(again.exitCode()).as(again.toString()).isZero();
      assertThat(again.out()).contains("Nothing to destroy.");
      // Every AWS error is announced once. A dropped connection is announced when the SDK sees
      // it; the JDK's HTTP client first re-sends a GET once, unseen, when the connection it reused
      // closes without an answer, so resets are announced at most once each.
      long errors = calls.stream().filter(c -> c.fate().endsWith(" before")).count();
      long resets = calls.stream().filter(c -> c.fate().equals("reset")).count();
      long retries = destroy.err().lines().filter(l -> l.contains("; retrying (attempt ")).count();
      long errorRetries =
          destroy.err().lines().filter(l -> l.matches("elbctl: AWS (throttled|failed) .*")).count();
      assertThat(errorRetries)
          .as("one announced retry per injected error\n" + calls + "\n" + destroy)
          .isEqualTo(errors);
      assertThat(retries - errorRetries).isBetween(0L, resets);
      assertShare(faulted, calls);
    }
  }

  /**
   * Faults drawn at random at {@link #RATE}, steered so that after every call the share of calls
   * faulted so far stays between {@link #MIN_SHARE} and {@link #MAX_SHARE}: the number of calls
   * varies from run to run (polls, retries), and the suite asserts the share it injected.
   */
  static FaultProxy.Faults steady(Random random) {
    int[] counts = new int[2];
    return (service, operation, mutating, index) -> {
      synchronized (counts) {
        int calls = ++counts[0];
        boolean fault =
            counts[1] < MIN_SHARE * calls
                || (random.nextDouble() < RATE && counts[1] + 1 <= MAX_SHARE * calls);
        if (!fault) {
          return FaultProxy.Decision.FORWARD;
        }
        counts[1]++;
        return transientError(service, random);
      }
    };
  }

  /** The share of calls the proxy answered with a fault, as counted in its log. */
  private static void assertShare(long faulted, List<FaultProxy.Call> calls) {
    assertThat(calls).as("calls").hasSizeGreaterThanOrEqualTo(MIN_CALLS);
    assertThat((double) faulted / calls.size())
        .as("share of calls faulted: %d of %d", faulted, calls.size())
        .isBetween(MIN_SHARE, MAX_SHARE);
  }

  /** Mostly the service's throttling errors, some 5xx answers and dropped connections. */
  static FaultProxy.Decision transientError(String service, Random random) {
    int kind = random.nextInt(10);
    if (kind < 6) {
      String code =
          switch (service) {
            case "acm" -> "ThrottlingException";
            case "ec2" -> "RequestLimitExceeded";
            case "route53" -> kind % 2 == 0 ? "Throttling" : "PriorRequestNotComplete";
            default -> "Throttling";
          };
      int status = service.equals("ec2") ? 503 : 400;
      return new FaultProxy.Decision(FaultProxy.Fate.ERROR_BEFORE, status, code, "Rate exceeded");
    }
    if (kind < 8) {
      return new FaultProxy.Decision(
          FaultProxy.Fate.ERROR_BEFORE,
          kind == 6 ? 500 : 503,
          kind == 6 ? "InternalFailure" : "ServiceUnavailable",
          "We encountered an internal error. Please try again.");
    }
    return new FaultProxy.Decision(FaultProxy.Fate.RESET, 0, null, null);
  }
}
