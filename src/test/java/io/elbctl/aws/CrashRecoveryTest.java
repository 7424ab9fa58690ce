package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.cli.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A run that dies half-way can simply be run again: for each example spec, a clean run's log gives
 * the mutating calls 1..N; for every k, one run dies just before call k reaches AWS and another
 * just after AWS performed it (the answer never arrives); then the command runs again undisturbed
 * and the account must equal the clean run's, with nothing duplicated and nothing left over. This
 * holds for {@code apply} on an empty account and for {@code destroy} after an apply, next to
 * resources of no spec. Scenarios run side by side, six at a time, in separate accounts on two moto
 * servers.
 */
class CrashRecoveryTest {
  static final List<Path> EXAMPLES =
      List.of(Path.of("examples/oauth2-split.json"), Path.of("examples/canary-maintenance.json"));
  private static final int WORKERS = 6;

  static String moto(int i) {
    return MotoPool.endpoint(i);
  }

  /** One scenario's outcome: null when it converged, else what went wrong. */
  private record Outcome(String scenario, boolean destroy, String failure) {}

  @Test
  void applyAndDestroy_dieBeforeOrAfterEveryMutatingCall_andTheNextRunConverges() throws Exception {
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    List<Future<?>> futures = new ArrayList<>();
    int scenario = 0;
    for (boolean destroy : new boolean[] {false, true}) {
      for (Path example : EXAMPLES) {
        Clean clean =
            destroy ? cleanDestroy(example, moto(scenario++)) : clean(example, moto(scenario++));
        for (int k = 1; k <= clean.mutating.size(); k++) {
          for (boolean after : new boolean[] {false, true}) {
            int kk = k;
            String moto = moto(scenario++);
            futures.add(
                pool.submit(
                    () -> outcomes.add(crashAndRerun(example, moto, clean, kk, after, destroy))));
          }
        }
      }
    }
    pool.shutdown();
    for (Future<?> future : futures) {
      future.get(10, TimeUnit.MINUTES);
    }
    List<Outcome> failed = outcomes.stream().filter(o -> o.failure != null).toList();
    long applies = outcomes.stream().filter(o -> !o.destroy).count();
    long appliesFailed = failed.stream().filter(o -> !o.destroy).count();
    long destroys = outcomes.size() - applies;
    long destroysFailed = failed.size() - appliesFailed;
    System.out.println("faults survived (apply): " + (applies - appliesFailed) + "/" + applies);
    System.out.println(
        "faults survived (destroy): " + (destroys - destroysFailed) + "/" + destroys);
    System.out.println(
        "faults survived: " + (outcomes.size() - failed.size()) + "/" + outcomes.size());
    assertThat(failed).isEmpty();
    assertThat(applies).isGreaterThanOrEqualTo(2 * 25);
    assertThat(destroys).isGreaterThanOrEqualTo(2 * 20);
  }

  /** A clean run's mutating calls and the final state. */
  record Clean(List<String> mutating, List<String> snapshot) {}

  static Clean clean(Path example, String moto) {
    try (Sandbox sandbox = new Sandbox(moto, example).withZone()) {
      Cli.Result result = sandbox.apply();
      assertThat(result.exitCode()).as(result.toString()).isZero();
      List<String> mutating =
          sandbox.proxy.mutatingCalls().stream().map(FaultProxy.Call::toString).toList();
      List<String> snapshot = sandbox.snapshot();
      assertUnique(snapshot, example);
      return new Clean(mutating, snapshot);
    }
  }

  /** A clean destroy after a clean apply, next to resources of no spec. */
  static Clean cleanDestroy(Path example, String moto) {
    try (Sandbox sandbox = applied(example, moto)) {
      sandbox.proxy.faults(FaultProxy.Faults.NONE);
      Cli.Result result = sandbox.destroy();
      assertThat(result.exitCode()).as(result.toString()).isZero();
      List<String> mutating =
          sandbox.proxy.mutatingCalls().stream().map(FaultProxy.Call::toString).toList();
      List<String> snapshot = sandbox.snapshot();
      assertDestroyed(snapshot, sandbox);
      return new Clean(mutating, snapshot);
    }
  }

  /** A sandbox with the example applied and the foreign resources added. */
  static Sandbox applied(Path example, String moto) {
    Sandbox sandbox = new Sandbox(moto, example).withZone().withForeign();
    Cli.Result apply = sandbox.apply();
    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    return sandbox;
  }

  private static Outcome crashAndRerun(
      Path example, String moto, Clean clean, int k, boolean after, boolean destroy) {
    String name =
        (destroy ? "destroy of " : "apply of ")
            + example.getFileName()
            + " dies "
            + (after ? "after" : "before")
            + " call "
            + k
            + " ("
            + clean.mutating.get(k - 1)
            + ")";
    try (Sandbox sandbox =
        destroy ? applied(example, moto) : new Sandbox(moto, example).withZone()) {
      sandbox.proxy.faults(
          (service, operation, mutating, index) ->
              index == k
                  ? (after ? FaultProxy.Decision.crashAfter() : FaultProxy.Decision.crashBefore())
                  : FaultProxy.Decision.FORWARD);
      Cli.Result dying = destroy ? sandbox.destroy() : sandbox.apply();
      List<FaultProxy.Call> calls = sandbox.proxy.calls();
      String hit =
          calls.stream()
              .filter(c -> c.fate().startsWith(FaultProxy.CRASH))
              .findFirst()
              .map(c -> c.service() + ":" + c.operation())
              .orElse("nothing");
      // A run that dies at its last call (releasing the lock) has done its work: exit 0 is fine.
      if (!hit.equals(clean.mutating.get(k - 1))) {
        return new Outcome(
            name, destroy, "the fault did not hit as planned (hit " + hit + ")\n" + dying);
      }
      sandbox.proxy.faults(FaultProxy.Faults.NONE);
      Cli.Result rerun = destroy ? sandbox.destroy() : sandbox.apply();
      if (rerun.exitCode() != 0) {
        return new Outcome(name, destroy, "the re-run failed\n" + dying + "\n" + rerun);
      }
      List<String> snapshot = sandbox.snapshot();
      if (!snapshot.equals(clean.snapshot)) {
        List<String> missing = new ArrayList<>(clean.snapshot);
        missing.removeAll(snapshot);
        List<String> extra = new ArrayList<>(snapshot);
        extra.removeAll(clean.snapshot);
        return new Outcome(
            name,
            destroy,
            "the state differs from a clean run's\n  missing: "
                + missing
                + "\n  extra: "
                + extra
                + "\n"
                + dying
                + "\n"
                + rerun);
      }
      if (destroy) {
        Cli.Result again = sandbox.destroy();
        if (again.exitCode() != 0 || !again.out().contains("Nothing to destroy.")) {
          return new Outcome(
              name, destroy, "a third destroy found something to do\n" + rerun + "\n" + again);
        }
      }
      return new Outcome(name, destroy, null);
    } catch (RuntimeException | AssertionError e) {
      return new Outcome(name, destroy, e.toString());
    }
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
  static void assertUnique(List<String> snapshot, Path example) {
    assertThat(snapshot.stream().filter(l -> l.startsWith("load-balancer "))).hasSize(1);
    assertThat(snapshot.stream().filter(l -> l.startsWith("certificate "))).hasSize(1);
    assertThat(snapshot.stream().filter(l -> l.startsWith("security-group "))).hasSize(1);
    assertThat(snapshot.stream().filter(l -> l.startsWith("listener "))).hasSize(2);
    assertThat(snapshot).doesNotHaveDuplicates();
  }
}
