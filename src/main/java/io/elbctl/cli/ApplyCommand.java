package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.plan.Change;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Plan;
import io.elbctl.plan.Refusal;
import io.elbctl.plan.StepKind;
import io.elbctl.steps.Provisioner;
import io.elbctl.steps.StepContext;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code elbctl apply}: plans, asks, then runs the six steps so AWS matches the spec. */
@Command(
    name = "apply",
    description = {
      "Plan, then create or update the hosted-zone records, certificate, target groups, load",
      "balancer, listeners and rules so that AWS matches the spec. Asks for confirmation on a",
      "terminal; elsewhere --yes is required. The certificate is requested first and validates",
      "while the rest is built; only the HTTPS listener waits for it."
    })
public final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @ParentCommand ElbctlCommand root;
  @Mixin SpecOptions specOptions;
  @Mixin AwsOptions aws;
  @Mixin WaitOptions wait;
  @Mixin LockOptions lock;
  @Mixin OutputOptions output;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Spec file.")
  Path positional;

  @Option(
      names = "--adopt",
      description =
          "Take over resources in the spec's place that it did not create (same load balancer or"
              + " target group name, a record at an alias name, a rule at a spec priority): tag"
              + " them and manage them from now on.")
  boolean adopt;

  @Option(
      names = {"-y", "--yes"},
      description = "Apply without asking (required when not run on a terminal).")
  boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    Confirmation.requireYesOffTerminal(yes, root.terminal(), "apply", "changed");
    io.elbctl.spec.Spec spec = specOptions.load(positional, err);
    Duration timeout = wait.timeout();
    // With --output json, stdout carries one JSON document; progress goes to stderr.
    PrintWriter log = output.json() ? err : out;
    PlanRenderer renderer = new PlanRenderer(root.terminal());
    List<StepKind> steps = List.of(StepKind.values());
    try (AwsSession session = new AwsSession(spec, aws, root.env())) {
      Mutation mutation = new Mutation(session, root.terminal(), out, log);
      AwsSession.Planned planned = session.plan(adopt);
      Plan plan = planned.plan();
      if (plan.hasChanges()) {
        // Nothing to do means nothing can fail: a converged apply stays read-only and quick.
        DoctorReport.warn(
            err, root.terminal(), () -> session.doctor(planned.inventory(), root.env()));
      }
      renderer.text(log, PlanRenderer.title(spec, session.region()), plan, steps);
      if (plan.refused()) {
        Refusal first = plan.refusals().get(0);
        throw new ElbctlException(first.exitCode(), "refused: " + first.message() + ".");
      }
      ObjectNode json = PlanRenderer.json(spec.name(), session.region(), plan, steps);
      LoadBalancerState lb = planned.inventory().loadBalancer();
      if (!plan.hasChanges()) {
        session.clearLockIfGone(planned.inventory(), lock.forceUnlock, mutation.progress());
      } else if (!mutation.confirmed(
          yes, "Apply these changes?", "Apply cancelled; nothing was changed.")) {
        return ExitCode.OK.code;
      } else {
        StepContext context =
            mutation.run(
                "Applying:",
                planned.inventory(),
                timeout,
                lock,
                (c, held) -> Provisioner.apply(plan, c));
        mutation.complete(
            "Apply complete:",
            plan.count(Change.Kind.CREATE)
                + " created, "
                + plan.count(Change.Kind.UPDATE)
                + " updated, "
                + plan.count(Change.Kind.DELETE)
                + " deleted.");
        lb = context.loadBalancer();
      }
      json.put("applied", plan.hasChanges());
      finish(out, renderer, session, json, lb, spec);
      return ExitCode.OK.code;
    }
  }

  private void finish(
      PrintWriter out,
      PlanRenderer renderer,
      AwsSession session,
      ObjectNode json,
      LoadBalancerState lb,
      io.elbctl.spec.Spec spec) {
    String url =
        spec.domain().records().isEmpty()
            ? null
            : (spec.loadBalancer().listeners().stream().anyMatch(l -> l.https())
                    ? "https://"
                    : "http://")
                + spec.domain().records().get(0)
                + "/";
    if (output.json()) {
      if (lb != null) {
        json.put("loadBalancerDnsName", lb.dnsName());
      }
      json.put("url", url);
    } else {
      if (lb != null) {
        out.println("Load balancer: " + lb.dnsName());
      }
      if (url != null) {
        out.println("URL:           " + url);
      }
    }
    renderer.finish(out, json, output.json(), aws.stats ? session.stats : null);
  }
}
