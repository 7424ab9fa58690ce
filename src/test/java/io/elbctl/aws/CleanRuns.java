package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.cli.Cli;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * What an undisturbed run of each example does, for the reliability suites to compare against: the
 * mutating calls it makes, in order, and the account it leaves ({@link AwsSnapshot}).
 */
final class CleanRuns {
  static final List<Path> EXAMPLES =
      List.of(Path.of("examples/oauth2-split.json"), Path.of("examples/canary-maintenance.json"));

  private CleanRuns() {}

  /** A clean run's mutating calls and the final state. */
  record Clean(List<String> mutating, List<String> snapshot) {}

  /** A clean {@code apply} on an empty account, in-process. */
  static Clean apply(Path example, String moto) {
    return apply(example, moto, Sandbox::apply);
  }

  /** A clean {@code apply} on an empty account, made by {@code run}. */
  static Clean apply(Path example, String moto, Function<Sandbox, Cli.Result> run) {
    try (Sandbox sandbox = new Sandbox(moto, example).withZone()) {
      Cli.Result result = run.apply(sandbox);
      assertThat(result.exitCode()).as(result.toString()).isZero();
      List<String> snapshot = sandbox.snapshot();
      assertUnique(snapshot);
      return new Clean(mutating(sandbox), snapshot);
    }
  }

  /** A clean {@code destroy} after a clean apply, next to resources of no spec, in-process. */
  static Clean destroy(Path example, String moto) {
    return destroy(example, moto, Sandbox::destroy);
  }

  /** A clean {@code destroy} made by {@code run}, after a clean apply. */
  static Clean destroy(Path example, String moto, Function<Sandbox, Cli.Result> run) {
    try (Sandbox sandbox = applied(example, moto)) {
      sandbox.proxy.faults(FaultProxy.Faults.NONE);
      Cli.Result result = run.apply(sandbox);
      assertThat(result.exitCode()).as(result.toString()).isZero();
      List<String> snapshot = sandbox.snapshot();
      assertDestroyed(snapshot, sandbox);
      return new Clean(mutating(sandbox), snapshot);
    }
  }

  private static List<String> mutating(Sandbox sandbox) {
    return sandbox.proxy.mutatingCalls().stream().map(FaultProxy.Call::toString).toList();
  }

  /** A sandbox with the example applied and the foreign resources added. */
  static Sandbox applied(Path example, String moto) {
    Sandbox sandbox = new Sandbox(moto, example).withZone().withForeign();
    Cli.Result apply = sandbox.apply();
    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    return sandbox;
  }

  /**
   * Nothing of elbctl's left (load balancer, listener, rule, certificate, security group, alias,
   * marker, validation or lock record); the zone's own records and the foreign ones kept.
   */
  static void assertDestroyed(List<String> snapshot, Sandbox sandbox) {
    assertThat(snapshot)
        .noneMatch(l -> l.startsWith("load-balancer "))
        .noneMatch(l -> l.startsWith("listener "))
        .noneMatch(l -> l.startsWith("rule "))
        .noneMatch(l -> l.startsWith("certificate "))
        .noneMatch(l -> l.startsWith("security-group "))
        .noneMatch(l -> l.contains("elbctl"));
    assertThat(snapshot.stream().filter(l -> l.startsWith("target-group ")))
        .singleElement()
        .asString()
        .contains("TargetGroupName=legacy");
    assertThat(snapshot.stream().filter(l -> l.startsWith("record ")))
        .hasSize(3)
        .anyMatch(l -> l.contains("Type=NS"))
        .anyMatch(l -> l.contains("Type=SOA"))
        .anyMatch(l -> l.contains("Name=legacy." + sandbox.zoneName));
  }

  /** One load balancer, one listener per port, one certificate, one security group of elbctl. */
  static void assertUnique(List<String> snapshot) {
    assertThat(snapshot.stream().filter(l -> l.startsWith("load-balancer "))).hasSize(1);
    assertThat(snapshot.stream().filter(l -> l.startsWith("certificate "))).hasSize(1);
    assertThat(snapshot.stream().filter(l -> l.startsWith("security-group "))).hasSize(1);
    assertThat(snapshot.stream().filter(l -> l.startsWith("listener "))).hasSize(2);
    assertThat(snapshot).doesNotHaveDuplicates();
  }
}
