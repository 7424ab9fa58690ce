package io.elbctl.steps;

import io.elbctl.plan.Change;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Planner;
import io.elbctl.plan.StepKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 6: UPSERTs the alias records in one batch, using the zone id DescribeLoadBalancers gives,
 * then waits until Route 53 reports INSYNC.
 */
public final class DnsStep implements Step {
  @Override
  public StepKind kind() {
    return StepKind.DNS;
  }

  @Override
  public void apply(List<Change> changes, StepContext context) {
    List<String[]> records = new ArrayList<>();
    for (Change change : changes) {
      if (change instanceof Change.UpsertAlias alias) {
        records.add(new String[] {alias.name(), alias.type()});
      } else {
        throw new AssertionError(change);
      }
    }
    if (records.isEmpty()) {
      return;
    }
    LoadBalancerState lb = context.loadBalancer();
    String changeId =
        context
            .aws()
            .upsertAliases(
                context.zoneId(),
                records,
                Planner.aliasTarget(lb.dnsName()),
                lb.canonicalHostedZoneId());
    for (String[] record : records) {
      context.report("+ alias record " + record[0] + " " + record[1] + " → " + lb.dnsName());
    }
    context.awaitInsync(changeId);
  }
}
