package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.aws.AwsClients;
import io.elbctl.aws.AwsGateway;
import io.elbctl.aws.CallStats;
import io.elbctl.aws.IamPolicy;
import io.elbctl.aws.LockRecords;
import io.elbctl.plan.Change;
import io.elbctl.plan.Destroyer;
import io.elbctl.plan.Diagnosis;
import io.elbctl.plan.Inventory;
import io.elbctl.plan.Plan;
import io.elbctl.plan.Planner;
import io.elbctl.spec.Spec;
import io.elbctl.steps.Doctor;
import io.elbctl.steps.JndiResolver;
import io.elbctl.steps.Poller;
import io.elbctl.steps.Progress;
import io.elbctl.steps.Resolver;
import io.elbctl.steps.SpecLock;
import io.elbctl.steps.StepContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One command's connection to AWS: the clients, the gateway and the call statistics. */
final class AwsSession implements AutoCloseable {
  final Spec spec;
  final CallStats stats = new CallStats();
  final AwsGateway gateway;
  private final AwsClients clients;

  AwsSession(Spec spec, AwsOptions options, Map<String, String> env) {
    this(spec, options, options.settings(spec, env), env);
  }

  /** A session without a spec, for commands that start from a live load balancer. */
  AwsSession(AwsOptions options, Map<String, String> env) {
    this(null, options, options.settings(env), env);
  }

  private AwsSession(
      Spec spec, AwsOptions options, io.elbctl.aws.AwsSettings settings, Map<String, String> env) {
    this.spec = spec;
    java.io.PrintWriter err = options.err();
    stats.onNotice(
        line -> {
          err.println("elbctl: " + line);
          err.flush();
        });
    this.clients = new AwsClients(settings, stats);
    this.gateway = new AwsGateway(clients, env::get);
  }

  String region() {
    return clients.settings().region();
  }

  /** Reads live state (read-only calls) and plans; returns both. */
  Planned plan() {
    return plan(false);
  }

  /** Reads live state and plans; {@code adopt} takes over resources the spec did not create. */
  Planned plan(boolean adopt) {
    Inventory inventory = gateway.read(spec);
    return new Planned(inventory, Planner.plan(spec, inventory, adopt));
  }

  /** Reads live state and what destroy needs, and plans the deletions. */
  Destroying destroyPlan() {
    Inventory inventory = gateway.read(spec);
    return new Destroying(inventory, Destroyer.plan(spec, inventory, gateway.destroyInputs(spec)));
  }

  /** A destroy plan and the inventory it was made from. */
  record Destroying(Inventory inventory, Destroyer.DestroyPlan plan) {}

  /**
   * The DNS resolver for doctor's delegation check: none when an emulator endpoint is set (public
   * DNS knows nothing of its zones), ELBCTL_DNS_SERVER when set, else the system's resolvers.
   */
  Resolver resolver(Map<String, String> env) {
    String server = env.get("ELBCTL_DNS_SERVER");
    if (server != null && !server.isBlank()) {
      return new JndiResolver(server);
    }
    if (clients.settings().endpointUrl() != null) {
      return Resolver.unavailable(
          "the AWS endpoint is overridden ("
              + clients.settings().endpointUrl()
              + ") and public DNS does not know its zones");
    }
    return new JndiResolver(null);
  }

  /** Runs doctor's checks over an inventory already read. */
  List<Diagnosis.Finding> doctor(Inventory inventory, Map<String, String> env) {
    return Doctor.run(spec, inventory, gateway, resolver(env), region());
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

  /** Deletes the lock record once nothing of the spec is left, unless a live run holds it. */
  void removeLockIfGone(Inventory inventory, boolean force, Progress progress) {
    SpecLock.removeIfGone(spec, inventory, new LockRecords(clients, gateway), force, progress);
  }

  /**
   * The id of the spec's public hosted zone; an error naming --hosted-zone-id when there is none.
   */
  String hostedZoneId() {
    return gateway
        .hostedZone(spec)
        .orElseThrow(
            () ->
                new ElbctlException(
                    ExitCode.ERROR,
                    "no public Route 53 hosted zone is named "
                        + spec.domain().hostedZone()
                        + "; create it, or pass --hosted-zone-id"))
        .id();
  }

  /** What apply --adopt would take over now: the security groups it would tag, by id. */
  IamPolicy.Adoption adoption() {
    return new IamPolicy.Adoption(
        plan(true).plan().changes().stream()
            .filter(c -> c instanceof Change.Adopt adopt && adopt.service().equals("ec2"))
            .map(c -> ((Change.Adopt) c).id())
            .toList());
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
