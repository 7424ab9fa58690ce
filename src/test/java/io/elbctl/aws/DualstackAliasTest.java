package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ExitCode;
import io.elbctl.cli.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * A {@code dualstack} load balancer gets an AAAA alias next to the A alias of each record, against
 * the emulator: plan shows both, apply creates both (with the one ownership marker per name), a
 * converged plan has no change, a moved AAAA alias shows as drift and is put back, a foreign AAAA
 * record is refused unless {@code --adopt}, and destroy removes both.
 */
class DualstackAliasTest {
  private static final List<String> NAMES = List.of("example.com.", "www.example.com.");

  @TempDir Path dir;

  @Test
  void dualstack_plansAppliesConvergesAndDestroys_anAaaaAliasNextToEachA() {
    Path spec = dualstackSpec();
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(0), spec).withZone()) {
      Cli.Result plan = sandbox.run("plan", spec.toString());
      assertThat(plan.exitCode()).as(plan.toString()).isZero();
      for (String name : List.of("example.com", "www.example.com")) {
        assertThat(plan.out().lines().map(String::strip))
            .as(plan.toString())
            .contains("+ alias record " + name + " A", "+ alias record " + name + " AAAA");
      }

      Cli.Result apply = sandbox.run("apply", spec.toString(), "--yes");
      assertThat(apply.exitCode()).as(apply.toString()).isZero();
      String target = "dualstack." + loadBalancer(sandbox).dnsName();
      Map<String, ResourceRecordSet> records = records(sandbox);
      for (String name : NAMES) {
        for (String type : List.of("A", "AAAA")) {
          ResourceRecordSet alias = records.get(name + " " + type);
          assertThat(alias).as(name + " " + type + " in " + records.keySet()).isNotNull();
          assertThat(alias.aliasTarget().dnsName()).isEqualToIgnoringCase(target);
          assertThat(alias.aliasTarget().hostedZoneId())
              .isEqualTo(loadBalancer(sandbox).canonicalHostedZoneId());
        }
        assertThat(records.get("_elbctl." + name + " TXT").resourceRecords().get(0).value())
            .contains("myapp");
      }
      assertNoChange(sandbox, spec);

      // Someone points the AAAA alias of www elsewhere: drift, like an A record's.
      upsertAaaa(sandbox, "www.example.com.", "dualstack.elsewhere.example.net.");
      Cli.Result drift = sandbox.run("plan", spec.toString(), "--detailed-exitcode");
      assertThat(drift.exitCode()).as(drift.toString()).isEqualTo(ExitCode.CHANGES.code);
      assertThat(drift.out())
          .as(drift.toString())
          .contains(
              "~ alias record www.example.com AAAA (drift: changed outside elbctl)",
              "target: alias dualstack.elsewhere.example.net. → " + target)
          .contains("Plan: 0 to create, 1 to update, 0 to delete");
      Cli.Result repair = sandbox.run("apply", spec.toString(), "--yes");
      assertThat(repair.exitCode()).as(repair.toString()).isZero();
      assertThat(records(sandbox).get("www.example.com. AAAA").aliasTarget().dnsName())
          .isEqualToIgnoringCase(target);
      assertNoChange(sandbox, spec);

      Cli.Result destroy = sandbox.destroy();
      assertThat(destroy.exitCode()).as(destroy.toString()).isZero();
      assertThat(destroy.out())
          .contains("deleted alias record www.example.com. AAAA")
          .contains("deleted alias record example.com. AAAA");
      assertThat(records(sandbox).keySet())
          .noneMatch(k -> k.endsWith(" A") || k.endsWith(" AAAA") || k.contains("_elbctl"));
    }
  }

  @Test
  void aForeignAaaaRecord_isRefused_andAdoptTakesItOver() {
    Path spec = dualstackSpec();
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(1), spec).withZone()) {
      upsertAaaa(sandbox, "www.example.com.", "dualstack.elsewhere.example.net.");
      Cli.Result refused = sandbox.run("apply", spec.toString(), "--yes");
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.NOT_OWNED.code);
      assertThat(refused.err())
          .as(refused.toString())
          .contains("the AAAA record www.example.com. (alias dualstack.elsewhere.example.net.)")
          .contains("--adopt");
      assertThat(records(sandbox)).doesNotContainKey("www.example.com. A");

      Cli.Result adopted = sandbox.run("apply", spec.toString(), "--yes", "--adopt");
      assertThat(adopted.exitCode()).as(adopted.toString()).isZero();
      String target = "dualstack." + loadBalancer(sandbox).dnsName();
      Map<String, ResourceRecordSet> records = records(sandbox);
      assertThat(records.get("www.example.com. AAAA").aliasTarget().dnsName())
          .isEqualToIgnoringCase(target);
      assertThat(records).containsKey("_elbctl.www.example.com. TXT");
      assertNoChange(sandbox, spec);
    }
  }

  private static void assertNoChange(Sandbox sandbox, Path spec) {
    Cli.Result plan = sandbox.run("plan", spec.toString(), "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.toString()).isZero();
    assertThat(plan.out()).contains("No changes.");
  }

  /** The example spec with a dualstack load balancer. */
  private Path dualstackSpec() {
    try {
      JsonNode tree = ElbctlRun.JSON.readTree(Path.of("examples/oauth2-split.json").toFile());
      ((ObjectNode) tree.get("loadBalancer")).put("ipAddressType", "dualstack");
      Path file = dir.resolve("dualstack.json");
      Files.writeString(file, ElbctlRun.JSON.writeValueAsString(tree));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static LoadBalancer loadBalancer(Sandbox sandbox) {
    try (ElasticLoadBalancingV2Client elb =
        AwsSnapshot.client(
                ElasticLoadBalancingV2Client.builder(),
                Region.of(sandbox.region),
                sandbox.moto(),
                sandbox.proxy.account())
            .build()) {
      LoadBalancer lb = elb.describeLoadBalancers(r -> r.names("myapp-alb")).loadBalancers().get(0);
      assertThat(lb.ipAddressTypeAsString()).isEqualTo("dualstack");
      return lb;
    }
  }

  /** The zone's records by "name type". */
  private static Map<String, ResourceRecordSet> records(Sandbox sandbox) {
    try (Route53Client route53 = route53(sandbox)) {
      Map<String, ResourceRecordSet> records = new TreeMap<>();
      route53
          .listResourceRecordSets(r -> r.hostedZoneId(sandbox.zoneId))
          .resourceRecordSets()
          .forEach(s -> records.put(s.name() + " " + s.typeAsString(), s));
      return records;
    }
  }

  /** An AAAA alias record at {@code name}, written as someone other than elbctl would. */
  private static void upsertAaaa(Sandbox sandbox, String name, String target) {
    try (Route53Client route53 = route53(sandbox)) {
      route53.changeResourceRecordSets(
          r ->
              r.hostedZoneId(sandbox.zoneId)
                  .changeBatch(
                      b ->
                          b.changes(
                              c ->
                                  c.action(ChangeAction.UPSERT)
                                      .resourceRecordSet(
                                          s ->
                                              s.name(name)
                                                  .type(RRType.AAAA)
                                                  .aliasTarget(
                                                      a ->
                                                          a.dnsName(target)
                                                              .hostedZoneId("Z2P70J7EXAMPLE")
                                                              .evaluateTargetHealth(true))))));
    }
  }

  private static Route53Client route53(Sandbox sandbox) {
    return AwsSnapshot.client(
            Route53Client.builder(), Region.AWS_GLOBAL, sandbox.moto(), sandbox.proxy.account())
        .build();
  }
}
