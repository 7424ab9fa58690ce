package io.elbctl.steps;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.plan.Change;
import io.elbctl.plan.SpecHash;
import io.elbctl.plan.StepKind;
import io.elbctl.spec.TargetGroup;
import java.util.List;

/** Step 3: creates or updates target groups and (de)registers their targets. */
public final class TargetGroupsStep implements Step<Change.TargetGroupChange> {
  @Override
  public StepKind kind() {
    return StepKind.TARGET_GROUPS;
  }

  @Override
  public Class<Change.TargetGroupChange> changes() {
    return Change.TargetGroupChange.class;
  }

  @Override
  public void apply(List<Change.TargetGroupChange> changes, StepContext context) {
    for (Change.TargetGroupChange change : changes) {
      if (change instanceof Change.CreateTargetGroup create) {
        TargetGroup group = create.group();
        if (context.vpcId() == null) {
          throw new ElbctlException(ExitCode.ERROR, "the VPC of the spec was not resolved");
        }
        String arn =
            context
                .aws()
                .createTargetGroup(group, context.vpcId(), context.tags(SpecHash.of(group)));
        if (!group.defaultAttributes()) {
          context.aws().modifyAttributes(arn, group);
        }
        context.groupCreated(group.name(), arn);
        context.report("+ created target group " + group.name());
      } else if (change instanceof Change.UpdateTargetGroup update) {
        if (update.healthCheck()) {
          context.aws().modifyHealthCheck(update.arn(), update.group());
        }
        if (update.attributes()) {
          context.aws().modifyAttributes(update.arn(), update.group());
        }
        context.report("~ updated target group " + update.group().name());
      } else if (change instanceof Change.RegisterTargets register) {
        context.aws().registerTargets(context.groupArn(register.group()), register.targets());
        context.report(
            "+ registered " + register.targets().size() + " target(s) in " + register.group());
      } else if (change instanceof Change.DeregisterTargets deregister) {
        context.aws().deregisterTargets(context.groupArn(deregister.group()), deregister.targets());
        context.report(
            "- deregistered "
                + deregister.targets().size()
                + " target(s) from "
                + deregister.group());
      } else {
        throw new AssertionError(change);
      }
    }
  }
}
