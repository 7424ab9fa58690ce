package io.elbctl.cli;

import io.elbctl.aws.AwsClients;
import io.elbctl.aws.AwsGateway;
import io.elbctl.aws.CallStats;
import io.elbctl.aws.LockRecords;
import io.elbctl.plan.Inventory;
import io.elbctl.plan.Plan;
import io.elbctl.plan.Planner;
import io.elbctl.spec.Spec;
import io.elbctl.steps.Poller;
import io.elbctl.steps.Progress;
import io.elbctl.steps.SpecLock;
import io.elbctl.steps.StepContext;
import java.time.Duration;
import java.util.Map;

/** One command's connection to AWS: the clients, the gateway and the call statistics. */
final class AwsSession implements AutoCloseable {
  final Spec spec;
  final CallStats stats = new CallStats();
  final AwsGateway gateway;
  private final AwsClients clients;

  AwsSession(Spec spec, AwsOptions options, Map<String, String> env) {
    this.spec = spec;
    java.io.PrintWriter err = options.err();
    stats.onNotice(
        line -> {
          err.println("elbctl: " + line);
          err.flush();
        });
    this.clients = new AwsClients(options.settings(spec, env), stats);
    this.gateway = new AwsGateway(clients);
  }

  String region() {
    return clients.settings().region();
  }

  /** Reads live state (read-only calls) and plans; returns both. */
  Planned plan() {
    Inventory inventory = gateway.read(spec);
    return new Planned(inventory, Planner.plan(spec, inventory));
  }

  /** Takes the spec's lock, expecting it as {@code inventory} saw it. */
  SpecLock lock(Inventory inventory, Duration waitTimeout, boolean force, Progress progress) {
    return SpecLock.acquire(
        spec, inventory, new LockRecords(clients, gateway), waitTimeout, force, progress);
  }

  /** Frees a lock left by a run that is gone (any lock with {@code force}). */
  void clearLockIfGone(Inventory inventory, boolean force, Progress progress) {
    SpecLock.clearIfGone(spec, inventory, new LockRecords(clients, gateway), force, progress);
  }

  StepContext context(Inventory inventory, ConsoleProgress progress, Duration waitTimeout) {
    return new StepContext(
        spec, inventory, gateway, Poller.standard(stats, progress), progress, waitTimeout);
  }

  @Override
  public void close() {
    clients.close();
  }

  /** A plan and the inventory it was made from. */
  record Planned(Inventory inventory, Plan plan) {}
}
