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
 * A run that dies half-way can simply be run again: for each example spec, a clean apply's log
 * gives the mutating calls 1..N; for every k, one run dies just before call k reaches AWS and
 * another just after AWS performed it (the answer never arrives); then apply runs again undisturbed
 * and the account must equal the clean run's, with nothing duplicated and nothing left over.
 * Scenarios run side by side, six at a time, in separate accounts on two moto servers.
 */
class CrashRecoveryTest {
  static final List<Path> EXAMPLES =
      List.of(Path.of("examples/oauth2-split.json"), Path.of("examples/canary-maintenance.json"));
  private static final int WORKERS = 6;

  static String moto(int i) {
    return MotoPool.endpoint(i);
  }

  /** One scenario's outcome: null when it converged, else what went wrong. */
  private record Outcome(String scenario, String failure) {}

  @Test
  void apply_diesBeforeOrAfterEveryMutatingCall_andTheNextApplyConverges() throws Exception {
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    List<Future<?>> futures = new ArrayList<>();
    int scenario = 0;
    for (Path example : EXAMPLES) {
      Clean clean = clean(example, moto(scenario++));
      for (int k = 1; k <= clean.mutating.size(); k++) {
        for (boolean after : new boolean[] {false, true}) {
          int kk = k;
          String moto = moto(scenario++);
          futures.add(
              pool.submit(() -> outcomes.add(crashAndRerun(example, moto, clean, kk, after))));
        }
      }
    }
    pool.shutdown();
    for (Future<?> future : futures) {
      future.get(10, TimeUnit.MINUTES);
    }
    List<Outcome> failed = outcomes.stream().filter(o -> o.failure != null).toList();
    System.out.println(
        "faults survived: " + (outcomes.size() - failed.size()) + "/" + outcomes.size());
    assertThat(failed).isEmpty();
    assertThat(outcomes).hasSizeGreaterThanOrEqualTo(2 * 25);
  }

  /** A clean apply's mutating calls and final state. */
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

  private static Outcome crashAndRerun(
      Path example, String moto, Clean clean, int k, boolean after) {
    String name =
        example.getFileName()
            + " dies "
            + (after ? "after" : "before")
            + " call "
            + k
            + " ("
            + clean.mutating.get(k - 1)
            + ")";
    try (Sandbox sandbox = new Sandbox(moto, example).withZone()) {
      sandbox.proxy.faults(
          (service, operation, mutating, index) ->
              index == k
                  ? (after ? FaultProxy.Decision.crashAfter() : FaultProxy.Decision.crashBefore())
                  : FaultProxy.Decision.FORWARD);
      Cli.Result dying = sandbox.apply();
      List<FaultProxy.Call> calls = sandbox.proxy.calls();
      String hit =
          calls.stream()
              .filter(c -> c.fate().startsWith(FaultProxy.CRASH))
              .findFirst()
              .map(c -> c.service() + ":" + c.operation())
              .orElse("nothing");
      // A run that dies at its last call (releasing the lock) has done its work: exit 0 is fine.
      if (!hit.equals(clean.mutating.get(k - 1))) {
        return new Outcome(name, "the fault did not hit as planned (hit " + hit + ")\n" + dying);
      }
      sandbox.proxy.faults(FaultProxy.Faults.NONE);
      Cli.Result rerun = sandbox.apply();
      if (rerun.exitCode() != 0) {
        return new Outcome(name, "the re-run failed\n" + dying + "\n" + rerun);
      }
      List<String> snapshot = sandbox.snapshot();
      if (!snapshot.equals(clean.snapshot)) {
        List<String> missing = new ArrayList<>(clean.snapshot);
        missing.removeAll(snapshot);
        List<String> extra = new ArrayList<>(snapshot);
        extra.removeAll(clean.snapshot);
        return new Outcome(
            name,
            "the state differs from a clean run's\n  missing: "
                + missing
                + "\n  extra: "
                + extra
                + "\n"
                + rerun);
      }
      return new Outcome(name, null);
    } catch (RuntimeException | AssertionError e) {
      return new Outcome(name, e.toString());
    }
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
