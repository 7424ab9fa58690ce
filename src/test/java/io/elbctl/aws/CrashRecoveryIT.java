package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.cli.Cli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A run that is killed half-way can simply be run again. For each example spec, a clean run of
 * elbctl as its own process gives the mutating calls 1..N; for every k, one process is killed with
 * SIGKILL while {@link FaultProxy} holds call k before it reaches AWS, and another while the proxy
 * holds AWS's answer to call k (AWS performed it). Then the command runs again undisturbed and the
 * account must equal the clean run's, with nothing duplicated and nothing left over. The killed
 * process held the spec's lock from its first call on; the re-run runs in this JVM, so the lock's
 * holder (host/pid of the killed process) is another process, and the re-run takes it over only
 * because that pid is no longer alive. This holds for {@code apply} on an empty account and for
 * {@code destroy} after an apply, next to resources of no spec. Scenarios run side by side in
 * separate accounts on two moto servers.
 */
class CrashRecoveryIT {
  /** Mutating calls of a clean run per example, as the README states them. */
  static final Map<String, Integer> APPLY_CALLS =
      Map.of("oauth2-split.json", 16, "canary-maintenance.json", 19);

  static final Map<String, Integer> DESTROY_CALLS =
      Map.of("oauth2-split.json", 13, "canary-maintenance.json", 15);

  /** Scenarios per command: every mutating call of both examples, killed before and after. */
  static final int APPLY_SCENARIOS = 70;

  static final int DESTROY_SCENARIOS = 56;

  private static final int WORKERS = 4;
  private static final Pattern HOLDER = Pattern.compile("state=held serial=\\d+ holder=(\\S+)");

  /** One scenario's outcome: null when it converged, else what went wrong. */
  private record Outcome(String scenario, boolean destroy, String failure) {}

  @Test
  void applyAndDestroy_killedBeforeOrAfterEveryMutatingCall_andTheNextRunConverges()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    try {
      run(pool);
    } finally {
      pool.shutdownNow();
    }
  }

  private void run(ExecutorService pool) throws Exception {
    int[] scenario = {0};
    List<Future<CleanRuns.Clean>> cleans = new ArrayList<>();
    for (boolean destroy : new boolean[] {false, true}) {
      for (Path example : CleanRuns.EXAMPLES) {
        String moto = MotoPool.endpoint(scenario[0]++);
        cleans.add(
            pool.submit(
                () ->
                    destroy
                        ? CleanRuns.destroy(example, moto, s -> s.runProcess(destroyArgs(s)))
                        : CleanRuns.apply(example, moto, s -> s.runProcess(applyArgs(s)))));
      }
    }
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    List<Future<?>> futures = new ArrayList<>();
    int c = 0;
    for (boolean destroy : new boolean[] {false, true}) {
      for (Path example : CleanRuns.EXAMPLES) {
        CleanRuns.Clean clean = cleans.get(c++).get(5, TimeUnit.MINUTES);
        String file = example.getFileName().toString();
        assertThat(clean.mutating())
            .as((destroy ? "destroy" : "apply") + " of " + file + ": mutating calls")
            .hasSize((destroy ? DESTROY_CALLS : APPLY_CALLS).get(file));
        for (int k = 1; k <= clean.mutating().size(); k++) {
          for (boolean after : new boolean[] {false, true}) {
            int kk = k;
            String moto = MotoPool.endpoint(scenario[0]++);
            futures.add(
                pool.submit(
                    () -> outcomes.add(killAndRerun(example, moto, clean, kk, after, destroy))));
          }
        }
      }
    }
    for (Future<?> future : futures) {
      future.get(15, TimeUnit.MINUTES);
    }
    List<Outcome> failed = outcomes.stream().filter(o -> o.failure != null).toList();
    long applies = outcomes.stream().filter(o -> !o.destroy).count();
    long destroys = outcomes.size() - applies;
    assertThat(failed).isEmpty();
    assertThat(applies).as("apply scenarios").isEqualTo(APPLY_SCENARIOS);
    assertThat(destroys).as("destroy scenarios").isEqualTo(DESTROY_SCENARIOS);
  }

  private static String[] applyArgs(Sandbox sandbox) {
    return new String[] {"apply", sandbox.spec.toString(), "--yes"};
  }

  private static String[] destroyArgs(Sandbox sandbox) {
    return new String[] {"destroy", sandbox.spec.toString(), "--yes"};
  }

  private static Outcome killAndRerun(
      Path example, String moto, CleanRuns.Clean clean, int k, boolean after, boolean destroy) {
    String name =
        (destroy ? "destroy of " : "apply of ")
            + example.getFileName()
            + " killed "
            + (after ? "after" : "before")
            + " call "
            + k
            + " ("
            + clean.mutating().get(k - 1)
            + ")";
    try (Sandbox sandbox =
        destroy ? CleanRuns.applied(example, moto) : new Sandbox(moto, example).withZone()) {
      sandbox.proxy.faults(
          (service, operation, mutating, index) ->
              index == k
                  ? (after ? FaultProxy.Decision.holdAfter() : FaultProxy.Decision.holdBefore())
                  : FaultProxy.Decision.FORWARD);
      long pid;
      String dying;
      try (ElbctlProcess process =
          sandbox.start(destroy ? destroyArgs(sandbox) : applyArgs(sandbox))) {
        Optional<FaultProxy.Call> held =
            sandbox.proxy.awaitHeld(process.process(), Duration.ofMinutes(3));
        if (held.isEmpty()) {
          return new Outcome(
              name, destroy, "the run ended before call " + k + "\n" + process.result());
        }
        process.kill();
        sandbox.proxy.release();
        pid = process.pid();
        dying = process.streams();
        String hit = held.get().service() + ":" + held.get().operation();
        if (!hit.equals(clean.mutating().get(k - 1))) {
          return new Outcome(name, destroy, "the kill did not hit as planned (hit " + hit + ")");
        }
      }
      Optional<String> lock = sandbox.lock();
      sandbox.proxy.faults(FaultProxy.Faults.NONE);
      Cli.Result rerun = destroy ? sandbox.destroy() : sandbox.apply();
      if (rerun.exitCode() != 0) {
        return new Outcome(name, destroy, "the re-run failed\n" + dying + "\n" + rerun);
      }
      String takeover = takeover(lock, pid, rerun);
      if (takeover != null) {
        return new Outcome(name, destroy, takeover + "\n" + dying + "\n" + rerun);
      }
      List<String> snapshot = sandbox.snapshot();
      if (!snapshot.equals(clean.snapshot())) {
        List<String> missing = new ArrayList<>(clean.snapshot());
        missing.removeAll(snapshot);
        List<String> extra = new ArrayList<>(snapshot);
        extra.removeAll(clean.snapshot());
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
    } catch (RuntimeException | AssertionError | InterruptedException e) {
      return new Outcome(name, destroy, e.toString());
    }
  }

  /**
   * Null when the re-run dealt with the lock as it should: a lease the killed process held must
   * name that process and be taken over (or removed) because the process has ended.
   */
  private static String takeover(Optional<String> lock, long pid, Cli.Result rerun) {
    Matcher held = HOLDER.matcher(lock.orElse(""));
    if (!held.find()) {
      return null;
    }
    String holder = held.group(1);
    if (!holder.contains("/" + pid + "/")) {
      return "the lock's holder " + holder + " is not the killed process " + pid;
    }
    String said = rerun.out() + rerun.err();
    if (!said.contains(" of " + holder + ": its process on this host has ended")) {
      return "the re-run did not take over the lock of the killed process " + holder;
    }
    return null;
  }
}
