package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.cli.Cli;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two elbctl processes run {@code apply} on one spec at once, each through its own {@link
 * FaultProxy} into one emulator account (the proxies check Route 53 change batches of one account
 * in one critical section, as Route 53 applies a batch atomically). Exactly one changes AWS; the
 * other stops with one sentence and exit code 1, and AWS holds one of each resource.
 */
class ConcurrentRunsIT {
  private static final Path SPEC = Path.of("examples/oauth2-split.json");
  private static final String LOST =
      "elbctl: another elbctl run took the lock on spec myapp while this one was planning;"
          + " nothing was changed. Run again to see what it left to do";

  @Test
  void twoProcessesTakingTheLockAtOnce_oneAppliesAndTheOtherStopsWithOneSentence()
      throws Exception {
    CleanRuns.Clean clean = CleanRuns.apply(SPEC, MotoPool.endpoint(0));
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(1), SPEC).withZone();
        FaultProxy second = new FaultProxy(sandbox.moto(), sandbox.proxy.account())) {
      // Both processes have read the free lock; their compare-and-swaps reach Route 53 together.
      CyclicBarrier bothPlanned = new CyclicBarrier(2);
      FaultProxy.Faults meet =
          (service, operation, mutating, index) -> {
            if (index == 1) {
              await(bothPlanned);
            }
            return FaultProxy.Decision.FORWARD;
          };
      sandbox.proxy.faults(meet);
      second.faults(meet);
      String[] apply = {"apply", SPEC.toString(), "--yes"};
      List<Cli.Result> results;
      try (ElbctlProcess a = sandbox.start(apply);
          ElbctlProcess b = ElbctlProcess.start(second.endpoint(), apply)) {
        results = List.of(a.result(), b.result());
      }
      List<FaultProxy> proxies = List.of(sandbox.proxy, second);
      int winner = results.get(0).exitCode() == 0 ? 0 : 1;
      Cli.Result won = results.get(winner);
      Cli.Result lost = results.get(1 - winner);
      String both = results.get(0) + "\n" + results.get(1);

      assertThat(won.exitCode()).as(both).isZero();
      assertThat(lost.exitCode()).as(both).isEqualTo(1);
      assertThat(errors(lost)).as(both).containsExactly(LOST);
      assertThat(lost.out()).as("the plan, then nothing applied\n" + both).endsWith("Applying:\n");
      assertThat(proxies.get(1 - winner).changes()).as("the loser changed nothing").isEmpty();
      assertThat(proxies.get(1 - winner).mutatingCalls())
          .as("the loser's only change was its refused lock swap")
          .singleElement()
          .asString()
          .isEqualTo("route53:ChangeResourceRecordSets");
      assertThat(proxies.get(winner).changes()).hasSize(clean.mutating().size());
      List<String> snapshot = sandbox.snapshot();
      CleanRuns.assertUnique(snapshot);
      assertThat(snapshot).isEqualTo(clean.snapshot());
    }
  }

  @Test
  void aProcessStartedWhileAnotherHoldsTheLock_stopsBeforeAnyChange_andTheHolderFinishes()
      throws Exception {
    CleanRuns.Clean clean = CleanRuns.apply(SPEC, MotoPool.endpoint(1));
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(0), SPEC).withZone();
        FaultProxy second = new FaultProxy(sandbox.moto(), sandbox.proxy.account())) {
      CountDownLatch locked = new CountDownLatch(1);
      CountDownLatch resume = new CountDownLatch(1);
      // The first process stops just after taking the lock, until the second one has finished.
      sandbox.proxy.faults(
          (service, operation, mutating, index) -> {
            if (index == 2) {
              locked.countDown();
              await(resume);
            }
            return FaultProxy.Decision.FORWARD;
          });
      String[] apply = {"apply", SPEC.toString(), "--yes"};
      try (ElbctlProcess holder = sandbox.start(apply)) {
        assertThat(locked.await(3, TimeUnit.MINUTES))
            .as("the first process took the lock")
            .isTrue();
        Cli.Result refused = ElbctlProcess.run(second.endpoint(), apply);
        resume.countDown();
        Cli.Result applied = holder.result();

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(errors(refused))
            .as(refused.toString())
            .singleElement()
            .asString()
            .startsWith(
                "elbctl: spec myapp is locked by another elbctl run ("
                    + io.elbctl.steps.SpecLock.host()
                    + "/"
                    + holder.pid()
                    + "/")
            .endsWith(
                "); nothing was changed. Run again when it has finished; if that run died, add"
                    + " --force-unlock");
        assertThat(refused.out())
            .as(refused.toString())
            .doesNotContain("took over the lock")
            .endsWith("Applying:\n");
        assertThat(second.mutatingCalls()).as("the refused process made no change").isEmpty();
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(sandbox.proxy.changes()).hasSize(clean.mutating().size());
      }
      List<String> snapshot = sandbox.snapshot();
      CleanRuns.assertUnique(snapshot);
      assertThat(snapshot).isEqualTo(clean.snapshot());
    }
  }

  /**
   * The lines of stderr that are elbctl's errors (the rest are the spec's lint warnings and
   * doctor's findings, printed before the plan).
   */
  private static List<String> errors(Cli.Result result) {
    return result.err().lines().filter(l -> l.startsWith("elbctl:")).toList();
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(3, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
