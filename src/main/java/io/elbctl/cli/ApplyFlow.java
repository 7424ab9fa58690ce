package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.plan.Change;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Plan;
import io.elbctl.plan.Refusal;
import io.elbctl.plan.StepKind;
import io.elbctl.spec.Spec;
import io.elbctl.steps.Provisioner;
import java.util.List;

/** What apply does with an open run: plan, warn, refuse or confirm, run the six steps, report. */
final class ApplyFlow {
  private static final List<StepKind> STEPS = List.of(StepKind.values());

  private ApplyFlow() {}

  static int run(AwsRun run, Mutation mutation, boolean adopt) {
    AwsSession.Planned planned = run.session.plan(adopt);
    Plan plan = planned.plan();
    if (plan.hasChanges()) {
      // Nothing to do means nothing can fail: a converged apply stays read-only and quick.
      DoctorReport.warn(
          run.err, run.terminal, () -> run.session.doctor(planned.inventory(), run.env));
    }
    run.renderer.text(run.log, PlanRenderer.title(run.spec, run.region()), plan, STEPS);
    if (plan.refused()) {
      Refusal first = plan.refusals().get(0);
      throw new ElbctlException(first.exitCode(), "refused: " + first.message() + ".");
    }
    ObjectNode json = PlanRenderer.json(run.spec.name(), run.region(), plan, STEPS);
    LoadBalancerState lb = planned.inventory().loadBalancer();
    if (!plan.hasChanges()) {
      run.session.clearLockIfGone(planned.inventory(), mutation.forceUnlock(), mutation.progress());
    } else if (!mutation.confirmed(
        "Apply these changes?", "Apply cancelled; nothing was changed.")) {
      return ExitCode.OK.code;
    } else {
      lb =
          mutation
              .run("Applying:", planned.inventory(), (c, held) -> Provisioner.apply(plan, c))
              .loadBalancer();
      mutation.complete(
          "Apply complete:",
          plan.count(Change.Kind.CREATE)
              + " created, "
              + plan.count(Change.Kind.UPDATE)
              + " updated, "
              + plan.count(Change.Kind.DELETE)
              + " deleted.");
    }
    json.put("applied", plan.hasChanges());
    String url = url(run.spec);
    if (run.json()) {
      if (lb != null) {
        json.put("loadBalancerDnsName", lb.dnsName());
      }
      json.put("url", url);
    } else {
      if (lb != null) {
        run.out.println("Load balancer: " + lb.dnsName());
      }
      if (url != null) {
        run.out.println("URL:           " + url);
      }
    }
    run.finish(json);
    return ExitCode.OK.code;
  }

  /** The address of the spec's first record, over HTTPS when a listener speaks it. */
  private static String url(Spec spec) {
    if (spec.domain().records().isEmpty()) {
      return null;
    }
    boolean https = spec.loadBalancer().listeners().stream().anyMatch(l -> l.https());
    return (https ? "https://" : "http://") + spec.domain().records().get(0) + "/";
  }
}
