package io.elbctl.steps;

import io.elbctl.plan.Change;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Ownership;
import io.elbctl.plan.StepKind;
import io.elbctl.spec.DnsName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Step 6: UPSERTs the alias records, with the TXT records that mark them as the spec's, in one
 * batch, using the zone id DescribeLoadBalancers gives, then waits until Route 53 reports INSYNC.
 */
public final class DnsStep implements Step<Change.DnsChange> {
  @Override
  public StepKind kind() {
    return StepKind.DNS;
  }

  @Override
  public Class<Change.DnsChange> changes() {
    return Change.DnsChange.class;
  }

  @Override
  public void apply(List<Change.DnsChange> changes, StepContext context) {
    List<String[]> records = new ArrayList<>();
    Set<String> markers = new LinkedHashSet<>();
    for (Change.DnsChange change : changes) {
      if (change instanceof Change.UpsertAlias alias) {
        records.add(new String[] {alias.name(), alias.type()});
        if (alias.marker() != null) {
          markers.add(Ownership.markerName(DnsName.fqdn(alias.name())));
        }
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
                lb,
                List.copyOf(markers),
                Ownership.markerValue(context.spec().name()));
    for (String[] record : records) {
      context.report("+ alias record " + record[0] + " " + record[1] + " → " + lb.dnsName());
    }
    context.awaitInsync(changeId);
  }
}
