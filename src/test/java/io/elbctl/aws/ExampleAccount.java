package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * A fresh emulator account with the public hosted zone example.com, an elbctl that runs against it,
 * and the example spec ready to apply; what several suites set up before each test.
 */
final class ExampleAccount {
  final Emulator emulator;
  final ElbctlRun elbctl;
  final String zoneId;

  ExampleAccount(Emulator emulator, Path dir) {
    this.emulator = emulator;
    this.elbctl = new ElbctlRun(emulator, dir);
    this.zoneId = emulator.createHostedZone("example.com");
  }

  /** Writes the example spec and applies it; the test fails unless apply succeeds. */
  Path applied() {
    return apply(elbctl.spec(s -> {}));
  }

  /** Applies {@code spec} with --yes; the test fails, showing both streams, unless it succeeds. */
  Path apply(Path spec) {
    ElbctlRun.Result result = elbctl.run("apply", spec.toString(), "--yes");
    assertThat(result.code()).as(result.toString()).isZero();
    return spec;
  }

  /** UPSERTs one record set in the zone, as someone outside elbctl would. */
  void upsert(ResourceRecordSet set) {
    try (var route53 = emulator.route53()) {
      upsert(route53, zoneId, set);
    }
  }

  /** UPSERTs one record set in a zone through the given client. */
  static void upsert(Route53Client route53, String zoneId, ResourceRecordSet set) {
    route53.changeResourceRecordSets(
        r ->
            r.hostedZoneId(zoneId)
                .changeBatch(
                    b -> b.changes(c -> c.action(ChangeAction.UPSERT).resourceRecordSet(set))));
  }

  /** UPSERTs a record with one value and a TTL of 300 seconds. */
  void upsert(String name, RRType type, String value) {
    upsert(
        ResourceRecordSet.builder()
            .name(name)
            .type(type)
            .ttl(300L)
            .resourceRecords(v -> v.value(value))
            .build());
  }
}
