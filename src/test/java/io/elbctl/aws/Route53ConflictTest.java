package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.ExitCode;
import io.elbctl.cli.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Someone else changes an alias record between elbctl's read of the zone and its change batch, on
 * the emulator behind {@link FaultProxy} (which refuses a DELETE of a missing or different record
 * as Route 53 does). destroy's DELETE then fails as a whole: one sentence, exit code 1, and a
 * second destroy, reading the zone anew, finishes. apply UPSERTs, so the same race does not stop
 * it. It catches a refusal that does not tell the user that the zone changed and to run again.
 */
class Route53ConflictTest {
  private static final Path SPEC = Path.of("examples/oauth2-split.json");
  private static final String WWW = "www.example.com.";

  @Test
  void destroy_aliasDeletedByOthersAfterTheRead_saysSoWithExit1_andDestroyAgainFinishes() {
    destroyRaces(ChangeAction.DELETE, "but it was not found");
  }

  @Test
  void destroy_aliasChangedByOthersAfterTheRead_saysSoWithExit1_andDestroyAgainFinishes() {
    destroyRaces(ChangeAction.UPSERT, "but the values provided do not match");
  }

  @Test
  void apply_aliasDeletedByOthersAfterTheRead_stillConverges_asItUpserts() {
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(0), SPEC).withZone()) {
      Cli.Result applied = sandbox.apply();
      assertThat(applied.exitCode()).as(applied.toString()).isZero();
      // Drift that apply repairs: www points elsewhere; then, before apply's UPSERT, it is gone.
      change(sandbox, ChangeAction.UPSERT, alias(WWW, "dualstack.elsewhere.example.net."));
      AtomicBoolean raced = new AtomicBoolean();
      sandbox.proxy.behave(
          beforeAliasBatch(
              "UPSERT",
              raced,
              () ->
                  change(
                      sandbox,
                      ChangeAction.DELETE,
                      alias(WWW, "dualstack.elsewhere.example.net."))));
      Cli.Result repaired = sandbox.apply();
      assertThat(raced).isTrue();
      assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
      sandbox.proxy.behave(FaultProxy.Behaviour.MOTO);
      Cli.Result plan = sandbox.run("plan", SPEC.toString(), "--detailed-exitcode");
      assertThat(plan.exitCode()).as(plan.toString()).isZero();
    }
  }

  /**
   * After a clean apply, destroy's alias batch meets www's A alias already {@code action}ed by
   * someone else: it stops with one sentence quoting Route 53's {@code refusal}; a second destroy
   * leaves what a clean destroy leaves.
   */
  private static void destroyRaces(ChangeAction action, String refusal) {
    List<String> clean = CleanRuns.destroy(SPEC, MotoPool.endpoint(1)).snapshot();
    try (Sandbox sandbox = CleanRuns.applied(SPEC, MotoPool.endpoint(1))) {
      ResourceRecordSet mine = record(sandbox, WWW, RRType.A);
      ResourceRecordSet theirs =
          action == ChangeAction.DELETE ? mine : alias(WWW, "dualstack.elsewhere.example.net.");
      AtomicBoolean raced = new AtomicBoolean();
      sandbox.proxy.behave(
          beforeAliasBatch("DELETE", raced, () -> change(sandbox, action, theirs)));
      Cli.Result destroy = sandbox.destroy();
      assertThat(raced).isTrue();
      assertThat(destroy.exitCode()).as(destroy.toString()).isEqualTo(ExitCode.ERROR.code);
      List<String> errors =
          destroy.err().lines().filter(l -> !l.isBlank() && !l.contains("warning: ")).toList();
      assertThat(errors).as(destroy.toString()).hasSize(1);
      assertThat(errors.get(0))
          .startsWith("elbctl: AWS refused ChangeResourceRecordSets: ")
          .contains(refusal)
          .contains("(InvalidChangeBatch)")
          .endsWith(
              "; someone else changed or deleted these records after this run read them, and"
                  + " Route 53 deleted none of them: run elbctl destroy again, it reads them"
                  + " anew.");

      sandbox.proxy.behave(FaultProxy.Behaviour.MOTO);
      // The name's marker is still the spec's, so its A record is the spec's to delete.
      Cli.Result again = sandbox.destroy();
      assertThat(again.exitCode()).as(again.toString()).isZero();
      assertThat(sandbox.snapshot()).isEqualTo(clean);
    }
  }

  /**
   * Answers as moto does, except that the first change batch that {@code action}s an alias record
   * runs {@code meanwhile} first, as another writer of the zone would.
   */
  private static FaultProxy.Behaviour beforeAliasBatch(
      String action, AtomicBoolean raced, Runnable meanwhile) {
    return (call, moto) -> {
      String body = new String(call.body(), StandardCharsets.UTF_8);
      if (call.operation().equals("ChangeResourceRecordSets")
          && body.contains("<AliasTarget>")
          && body.contains("<Action>" + action + "</Action>")
          && raced.compareAndSet(false, true)) {
        meanwhile.run();
      }
      return moto.send();
    };
  }

  private static ResourceRecordSet record(Sandbox sandbox, String name, RRType type) {
    try (Route53Client route53 = route53(sandbox)) {
      return route53
          .listResourceRecordSets(r -> r.hostedZoneId(sandbox.zoneId))
          .resourceRecordSets()
          .stream()
          .filter(s -> s.name().equals(name) && s.type() == type)
          .findFirst()
          .orElseThrow();
    }
  }

  private static ResourceRecordSet alias(String name, String target) {
    return ResourceRecordSet.builder()
        .name(name)
        .type(RRType.A)
        .aliasTarget(
            a -> a.dnsName(target).hostedZoneId("Z2P70J7EXAMPLE").evaluateTargetHealth(true))
        .build();
  }

  /** A change made straight to the emulator, as another writer of the zone. */
  private static void change(Sandbox sandbox, ChangeAction action, ResourceRecordSet set) {
    try (Route53Client route53 = route53(sandbox)) {
      route53.changeResourceRecordSets(
          r ->
              r.hostedZoneId(sandbox.zoneId)
                  .changeBatch(b -> b.changes(c -> c.action(action).resourceRecordSet(set))));
    }
  }

  private static Route53Client route53(Sandbox sandbox) {
    return AwsSnapshot.client(
            Route53Client.builder(), Region.AWS_GLOBAL, sandbox.moto(), sandbox.proxy.account())
        .build();
  }
}
