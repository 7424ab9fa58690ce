package io.elbctl.steps;

import io.elbctl.plan.Change;
import io.elbctl.plan.StepKind;
import java.util.List;

/**
 * Step 5: listener rules in the order the planner chose (modify, then create and move through free
 * priorities, then delete), so no request loses a rule that both old and new specs have.
 */
public final class RulesStep implements Step<Change.RuleChange> {
  @Override
  public StepKind kind() {
    return StepKind.RULES;
  }

  @Override
  public Class<Change.RuleChange> changes() {
    return Change.RuleChange.class;
  }

  @Override
  public void apply(List<Change.RuleChange> changes, StepContext context) {
    for (Change.RuleChange change : changes) {
      if (change instanceof Change.CreateRule create) {
        context
            .aws()
            .createRule(
                context.listenerArn(create.port()),
                create.rule(),
                context::groupArn,
                context.tags());
        context.report("+ created " + create.resource());
      } else if (change instanceof Change.ModifyRule modify) {
        context.aws().modifyRule(modify.arn(), modify.rule(), context::groupArn);
        context.report("~ modified " + modify.resource());
      } else if (change instanceof Change.MoveRule move) {
        context.aws().setRulePriority(move.arn(), move.to());
        context.report("~ moved " + move.resource() + " to priority " + move.to());
      } else if (change instanceof Change.DeleteRule delete) {
        context.aws().deleteRule(delete.arn());
        context.report("- deleted " + delete.resource());
      } else {
        throw new AssertionError(change);
      }
    }
  }
}
