package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.cli.Cli;
import io.elbctl.steps.SpecLock;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The spec's lock (a Route 53 TXT lease) as other runs left it: a lease of a live run on another
 * host stops apply until {@code --force-unlock}; an expired one, or one of a process on this host
 * that has ended, is taken over. moto lets a second CREATE of a record through, so these tests
 * reach moto through {@link FaultProxy}, which refuses it as Route 53 does. Two real processes
 * racing are in {@link ConcurrentRunsIT}.
 */
class ConcurrentRunsTest {
  private static final Path SPEC = Path.of("examples/oauth2-split.json");

  @Test
  void aLockHeldByALiveRunOnAnotherHost_stopsApplyBeforeAnyChange_untilForceUnlock() {
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(1), SPEC).withZone()) {
      Instant now = Instant.now();
      String lease =
          "elbctl-lock state=held serial=7 holder=ci-runner-9/4242/abcd1234 since="
              + now.getEpochSecond()
              + " until="
              + now.plusSeconds(3600).getEpochSecond();
      writeLock(sandbox, lease);

      Cli.Result refused = sandbox.apply();
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
      assertThat(refused.err())
          .contains("elbctl: spec myapp is locked by another elbctl run (ci-runner-9/4242/abcd1234")
          .contains("nothing was changed")
          .contains("--force-unlock");
      assertThat(sandbox.proxy.mutatingCalls()).isEmpty();
      Cli.Result plan = sandbox.run("plan", SPEC.toString());
      assertThat(plan.exitCode()).as("plan only reads").isZero();

      sandbox.proxy.faults(FaultProxy.Faults.NONE);
      Cli.Result forced = sandbox.apply("--force-unlock");
      assertThat(forced.exitCode()).as(forced.toString()).isZero();
      assertThat(forced.out())
          .contains("! took over the lock of ci-runner-9/4242/abcd1234: --force-unlock");
      assertThat(lockValue(sandbox)).isEqualTo("\"elbctl-lock state=free serial=8\"");
    }
  }

  @Test
  void anExpiredLease_orOneOfAProcessThatEnded_isTakenOver() throws Exception {
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(0), SPEC).withZone()) {
      Instant now = Instant.now();
      writeLock(
          sandbox,
          "elbctl-lock state=held serial=3 holder=elsewhere/1/x since="
              + now.minusSeconds(7200).getEpochSecond()
              + " until="
              + now.minusSeconds(60).getEpochSecond());
      Cli.Result expired = sandbox.apply();
      assertThat(expired.exitCode()).as(expired.toString()).isZero();
      assertThat(expired.out())
          .contains("! took over the lock of elsewhere/1/x: its lease expired");
      assertThat(lockValue(sandbox)).isEqualTo("\"elbctl-lock state=free serial=4\"");

      Process ended = new ProcessBuilder("true").start();
      ended.waitFor();
      String holder = SpecLock.host() + "/" + ended.pid() + "/deadbeef";
      writeLock(
          sandbox,
          "elbctl-lock state=held serial=4 holder="
              + holder
              + " since="
              + now.getEpochSecond()
              + " until="
              + now.plusSeconds(3600).getEpochSecond());
      // Nothing to change, yet the lease of a run that is gone is cleared.
      Cli.Result cleared = sandbox.apply();
      assertThat(cleared.exitCode()).as(cleared.toString()).isZero();
      assertThat(cleared.err() + cleared.out())
          .contains("! removed the lock of " + holder + ": its process on this host has ended");
      assertThat(lockValue(sandbox)).isEqualTo("\"elbctl-lock state=free serial=5\"");
    }
  }

  static void writeLock(Sandbox sandbox, String value) {
    try (Route53Client route53 = route53(sandbox)) {
      ExampleAccount.upsert(
          route53,
          sandbox.zoneId,
          ResourceRecordSet.builder()
              .name("_elbctl-lock.myapp.example.com.")
              .type(RRType.TXT)
              .ttl(60L)
              .resourceRecords(v -> v.value("\"" + value + "\""))
              .build());
    }
  }

  static String lockValue(Sandbox sandbox) {
    try (Route53Client route53 = route53(sandbox)) {
      return route53
          .listResourceRecordSets(r -> r.hostedZoneId(sandbox.zoneId))
          .resourceRecordSets()
          .stream()
          .filter(s -> s.name().equals("_elbctl-lock.myapp.example.com."))
          .findFirst()
          .orElseThrow()
          .resourceRecords()
          .get(0)
          .value();
    }
  }

  private static Route53Client route53(Sandbox sandbox) {
    return AwsSnapshot.client(
            Route53Client.builder(), Region.AWS_GLOBAL, sandbox.moto(), sandbox.proxy.account())
        .build();
  }
}
